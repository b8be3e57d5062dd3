import { Col, DatePicker, Form, type FormInstance, Input, InputNumber, Row, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Contract } from '../../../api/hooks/contracts';
import { useAbility } from '../../../auth';
import { ListPage } from '../../../components/ListPage';
import { CustomerSelect, DeviceSelect, ENUMS, EnumSelect, EnumTag } from '../../../components/pickers';
import { actionsColumn, CreateButton, RecordForm, useDelete, useEditor } from '../../../components/RecordForm';

const ENDPOINT = '/api/v1/contracts';
const DATE = 'YYYY-MM-DD';
/** A contract decides its devices' coverage: its writes refresh the devices too. */
const COVERAGE = ['devices'];

// Module-level so RecordForm's effect does not re-run (and reset the form) on every render.
function toForm(r: Contract): Record<string, unknown> {
  return {
    number: r.number,
    customerId: r.customerId,
    kind: r.kind,
    startDate: r.startDate ? dayjs(r.startDate) : undefined,
    endDate: r.endDate ? dayjs(r.endDate) : undefined,
    slaPolicy: r.slaPolicy,
    visitsPerYear: r.visitsPerYear,
    price: r.price,
    currency: r.currency,
    notes: r.notes,
    deviceIds: r.deviceIds,
  };
}

function toBody(v: Record<string, unknown>): Record<string, unknown> {
  const price = typeof v.price === 'string' ? v.price.trim() : v.price;
  return {
    ...v,
    startDate: (v.startDate as Dayjs | undefined)?.format(DATE),
    endDate: (v.endDate as Dayjs | undefined)?.format(DATE),
    price: price === '' || price === undefined ? null : price,
    currency: typeof v.currency === 'string' ? v.currency.trim().toUpperCase() : v.currency,
    visitsPerYear: v.visitsPerYear ?? 0,
    deviceIds: v.deviceIds ?? [],
  };
}

export function ContractFields({ form }: { form: FormInstance }) {
  const { t } = useTranslation();
  const customerId = Form.useWatch('customerId', form) as string | undefined;
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="number" label={t('contract.number')} rules={[{ required: true, whitespace: true, max: 50 }]}>
            <Input data-testid="contract-number" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="kind" label={t('contract.kind')} initialValue="maintenance" rules={[{ required: true }]}>
            <EnumSelect
              data-testid="contract-kind"
              showSearch={{ optionFilterProp: 'label' }}
              ns="contract.kinds"
              values={ENUMS.contractKinds}
              allowClear={false}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="customerId" label={t('contract.customer')} rules={[{ required: true }]}>
        {/* Form.Item chains this onChange after its own: covered devices belong to the customer. */}
        <CustomerSelect data-testid="contract-customer" onChange={() => form.setFieldValue('deviceIds', [])} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="startDate" label={t('contract.startDate')} rules={[{ required: true }]}>
            <DatePicker data-testid="contract-startDate" format={DATE} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="endDate"
            label={t('contract.endDate')}
            dependencies={['startDate']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | undefined) => {
                  const start = getFieldValue('startDate') as Dayjs | undefined;
                  return !value || !start || !value.isBefore(start, 'day') ? Promise.resolve() : Promise.reject(new Error(t('contract.endBeforeStart')));
                },
              }),
            ]}
          >
            <DatePicker data-testid="contract-endDate" format={DATE} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="slaPolicy" label={t('contract.slaPolicy')} rules={[{ max: 100 }]}>
            <Input data-testid="contract-slaPolicy" placeholder="标准服务" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="visitsPerYear" label={t('contract.visitsPerYear')} initialValue={0} rules={[{ required: true }]}>
            <InputNumber data-testid="contract-visitsPerYear" min={0} max={365} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={16} sm={12}>
          <Form.Item name="price" label={t('contract.price')} rules={[{ pattern: /^\s*\d{1,12}(\.\d{1,2})?\s*$/, message: t('contract.priceFormat') }]}>
            <Input data-testid="contract-price" inputMode="decimal" placeholder="12800.00" />
          </Form.Item>
        </Col>
        <Col xs={8} sm={12}>
          <Form.Item
            name="currency"
            label={t('contract.currency')}
            initialValue="CNY"
            normalize={(v: string) => v?.toUpperCase()}
            rules={[{ required: true }, { pattern: /^[A-Z]{3}$/, message: t('contract.currencyFormat') }]}
          >
            <Input data-testid="contract-currency" maxLength={3} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="deviceIds" label={t('contract.devices')} initialValue={[]}>
        <DeviceSelect data-testid="contract-devices" mode="multiple" customerId={customerId} disabled={!customerId} />
      </Form.Item>
      <Form.Item name="notes" label={t('common.notes')} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

export function ContractsPage() {
  const { t } = useTranslation();
  const canEdit = useAbility('contracts.update');
  const canDelete = useAbility('contracts.delete');
  // Issue 13 §3 (R-CT-1): the contract's renewal (staff) or its expiry notice letters (hospital).
  const canRenewals = useAbility('renewals.read');
  const canNotices = useAbility('renewals.notices');
  const del = useDelete();
  const ed = useEditor<Contract>();
  return (
    <>
      <ListPage
        testId="contracts"
        title={t('menu.contracts')}
        endpoint={ENDPOINT}
        exportEndpoint="/api/v1/contracts/export"
        exportName="contracts.xlsx"
        filterKeys={['kind', 'state', 'customerId', 'expiringWithinDays']}
        filters={({ value: v, set, bind }) => (
          <>
            <EnumSelect
              data-testid="contracts-filter-kind"
              ns="contract.kinds"
              values={ENUMS.contractKinds}
              placeholder={t('contract.kind')}
              {...bind('kind')}
              style={{ width: 130 }}
            />
            <EnumSelect
              data-testid="contracts-filter-state"
              ns="contract.states"
              values={ENUMS.contractStates}
              placeholder={t('contract.state')}
              {...bind('state')}
              style={{ width: 120 }}
            />
            <CustomerSelect
              data-testid="contracts-filter-customer"
              placeholder={t('contract.customer')}
              {...bind('customerId')}
              style={{ width: 220, maxWidth: '100%' }}
            />
            <InputNumber
              data-testid="contracts-filter-expiring"
              min={0}
              max={3650}
              precision={0}
              placeholder={t('contract.expiringWithinDays')}
              value={v.expiringWithinDays ? Number(v.expiringWithinDays) : null}
              onChange={(x) => set('expiringWithinDays', x === null || x === undefined ? undefined : String(x))}
              style={{ width: 150 }}
            />
          </>
        )}
        extra={canEdit && <CreateButton testId="contract-create" onClick={ed.create} />}
        columns={[
          { key: 'number', dataIndex: 'number', title: t('contract.number'), sorter: true },
          {
            key: 'customerName',
            dataIndex: 'customerName',
            title: t('contract.customer'),
            sorter: true,
            render: (v, r) => <Link to={`/customers/${r.customerId}`}>{v}</Link>,
          },
          { key: 'kind', dataIndex: 'kind', title: t('contract.kind'), sorter: true, render: (v) => <EnumTag ns="contract.kinds" value={v} /> },
          { key: 'state', dataIndex: 'state', title: t('contract.state'), render: (v) => <EnumTag ns="contract.states" value={v} /> },
          {
            key: 'endDate',
            dataIndex: 'endDate',
            title: t('contract.period'),
            sorter: true,
            render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{`${r.startDate} – ${r.endDate}`}</span>,
          },
          { key: 'slaPolicy', dataIndex: 'slaPolicy', title: t('contract.slaPolicy') },
          { key: 'visitsPerYear', dataIndex: 'visitsPerYear', title: t('contract.visitsPerYear'), align: 'right' },
          {
            key: 'price',
            dataIndex: 'price',
            title: t('contract.price'),
            align: 'right',
            render: (v: string | null, r) => (v === null ? '' : <span style={{ whiteSpace: 'nowrap' }}>{`${formatMoney(v)} ${r.currency}`}</span>),
          },
          { key: 'deviceCount', dataIndex: 'deviceCount', title: t('contract.devices'), align: 'right' },
          {
            key: 'renewal',
            title: t('renewals.onContract'),
            render: (_, r) =>
              r.kind === 'paid' ? null : (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {r.previousContractId && <Tag color="green">{t('renewals.f.newContract')}</Tag>}
                  {canRenewals ? (
                    <Link to={`/renewals?contract=${r.id}`} data-testid={`contract-renewal-${r.number}`}>
                      {t('renewals.menu.pipeline')}
                    </Link>
                  ) : canNotices ? (
                    <Link to={`/renewal-notices?contract=${r.id}`} data-testid={`contract-notices-${r.number}`}>
                      {t('renewals.menu.notices')}
                    </Link>
                  ) : null}
                </span>
              ),
          },
          ...actionsColumn<Contract>({
            t,
            prefix: 'contract',
            testKey: (r) => r.number,
            onEdit: canEdit ? ed.edit : undefined,
            onDelete: canDelete ? (r) => del(ENDPOINT, r, undefined, COVERAGE) : undefined,
          }),
        ]}
      />
      <RecordForm
        testId="contract"
        open={ed.open}
        record={ed.editing}
        title={t('contract.title')}
        endpoint={ENDPOINT}
        toForm={toForm}
        toBody={toBody}
        invalidates={COVERAGE}
        width={720}
        onClose={ed.close}
      >
        {(form) => <ContractFields form={form} />}
      </RecordForm>
    </>
  );
}

/** 12800.5 → "12,800.50" without floating point (the API sends a decimal string). */
function formatMoney(v: string): string {
  const [int, frac = ''] = v.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0').slice(0, 2)}`;
}
