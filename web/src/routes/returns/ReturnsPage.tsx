// Returns and exchanges (退货/换货, issue 14 §4, R-REG-4; seed 003 质管部退货组): the register (state,
// decision, kind, search, paging, Excel; cards on a phone), the new-return form (prefilled from a
// complaint, work order or device page through ?complaintId= / ?workOrderId= / ?deviceId=), one
// return with its step actions (receive → quality check → decision → follow-through, or cancel)
// and its supplier/manufacturer notices (经营办法§38).
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Select, Space, Steps, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, must } from '../../api';
import { type ReturnRecord, type ReturnRecordDetail, useRegisterReturn, useReturn, useReturnStep } from '../../api/hooks/returns';
import { useAbility, useMe } from '../../auth';
import { businessToday } from '../../businessDay';
import { Dialog } from '../../components/Dialog';
import { validFields } from '../../components/forms';
import { ListPage } from '../../components/ListPage';
import { PageTitle } from '../../components/PageTitle';
import { CustomerSelect, DeviceSelect, EnumSelect } from '../../components/pickers';
import { fieldErrorsThen } from '../../components/RecordForm';
import { useProblem } from '../care/common';
import { PartSelect, WarehouseSelect } from '../parts/partsPickers';
import { NoticesPanel } from './NoticesPage';

const fmt = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
const STATUSES = ['registered', 'received', 'inspected', 'decided', 'done', 'cancelled'] as const;
const DECISIONS = ['repair', 'exchange', 'refund', 'scrap'] as const;
const KINDS = ['return', 'exchange', 'repair'] as const;
const STATUS_COLORS: Record<string, string> = {
  registered: 'blue',
  received: 'cyan',
  inspected: 'gold',
  decided: 'orange',
  done: 'green',
  cancelled: 'default',
};

export function ReturnStatusTag({ status }: { status: ReturnRecord['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`returns.statuses.${status}`)}</Tag>;
}

const what = (r: ReturnRecord) =>
  r.item === 'device' ? `${r.modelName ?? ''} ${r.serialNumber ?? ''}` : `${r.partCode ?? ''} ${r.partName ?? ''} ×${r.quantity ?? ''}`;

export function ReturnsPage() {
  const { t } = useTranslation();
  const hospital = !!useMe().customerId;
  const canRegister = useAbility('returns.register');
  return (
    <ListPage
      testId="returns"
      title={t('returns.menu.list')}
      endpoint="/api/v1/returns"
      exportEndpoint="/api/v1/returns/export"
      exportName="returns.xlsx"
      filterKeys={['status', 'decision', 'kind', 'customerId']}
      extra={
        canRegister && (
          <Link to="/returns/new">
            <Button type="primary" data-testid="return-new">
              {t('returns.new')}
            </Button>
          </Link>
        )
      }
      filters={({ bind }) => (
        <>
          <EnumSelect
            ns="returns.statuses"
            values={STATUSES}
            placeholder={t('returns.status')}
            {...bind('status')}
            style={{ width: 120 }}
            data-testid="filter-status"
          />
          <EnumSelect ns="returns.decisions" values={DECISIONS} placeholder={t('returns.decision')} {...bind('decision')} style={{ width: 120 }} />
          <EnumSelect ns="returns.kinds" values={KINDS} placeholder={t('returns.kind')} {...bind('kind')} style={{ width: 110 }} />
          {!hospital && <CustomerSelect placeholder={t('returns.customer')} {...bind('customerId')} style={{ width: 200 }} />}
        </>
      )}
      columns={[
        { key: 'number', dataIndex: 'number', title: t('returns.number'), sorter: true, render: (v, r) => <Link to={`/returns/${r.id}`}>{v}</Link> },
        { key: 'kind', title: t('returns.kind'), render: (_, r) => t(`returns.kinds.${r.kind}`) },
        { key: 'what', title: t('returns.item'), render: (_, r) => what(r) },
        { key: 'customer', dataIndex: 'customerName', title: t('returns.customer') },
        { key: 'reason', dataIndex: 'reason', title: t('returns.reason'), ellipsis: true },
        { key: 'status', title: t('returns.status'), render: (_, r) => <ReturnStatusTag status={r.status} /> },
        { key: 'decision', title: t('returns.decision'), render: (_, r) => (r.decision ? t(`returns.decisions.${r.decision}`) : '—') },
        { key: 'registeredAt', dataIndex: 'registeredAt', title: t('returns.registeredAt'), sorter: true, render: (v) => fmt(v) },
      ]}
      card={(r) => ({
        title: `${r.number} · ${t(`returns.kinds.${r.kind}`)}`,
        tag: <ReturnStatusTag status={r.status} />,
        lines: [
          <span key="w">{what(r)}</span>,
          <span key="c">{r.customerName}</span>,
          <span key="r">
            {t('returns.reason')}：{r.reason}
          </span>,
        ],
        to: `/returns/${r.id}`,
      })}
    />
  );
}

/** 登记退换货: the form; ?complaintId= / ?workOrderId= / ?deviceId= prefill the links. */
export function NewReturnPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const problem = useProblem();
  const register = useRegisterReturn();
  const [form] = Form.useForm();
  const item = Form.useWatch('item', form) ?? (params.get('partId') ? 'part' : 'device');
  const customerId = Form.useWatch('customerId', form);
  const complaintId = params.get('complaintId');
  const workOrderId = params.get('workOrderId');
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    register.mutate(
      {
        kind: v.kind,
        item: v.item,
        deviceId: v.item === 'device' ? (v.deviceId ?? null) : null,
        partId: v.item === 'part' ? (v.partId ?? null) : null,
        quantity: v.item === 'part' ? (v.quantity ?? null) : null,
        lotOrSerial: v.lotOrSerial || null,
        customerId: v.customerId ?? null,
        reason: v.reason,
        complaintId,
        workOrderId,
      },
      { onSuccess: (d) => navigate(`/returns/${d.id}`, { replace: true }), onError: fieldErrorsThen(form, problem) },
    );
  };
  return (
    <Card title={<PageTitle>{t('returns.new')}</PageTitle>} style={{ maxWidth: 640 }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'return',
          item: params.get('partId') ? 'part' : 'device',
          deviceId: params.get('deviceId') ?? undefined,
          customerId: params.get('customerId') ?? undefined,
        }}
      >
        {(complaintId || workOrderId) && (
          <Typography.Paragraph type="secondary">
            {complaintId && <Link to={`/complaints/${complaintId}`}>{t('returns.complaint')} →</Link>}{' '}
            {workOrderId && <Link to={`/work-orders/${workOrderId}`}>{t('returns.workOrder')} →</Link>}
          </Typography.Paragraph>
        )}
        <Form.Item name="kind" label={t('returns.kind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={KINDS.map((k) => ({ value: k, label: t(`returns.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="item" label={t('returns.item')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={(['device', 'part'] as const).map((k) => ({ value: k, label: t(`returns.items.${k}`) }))} />
        </Form.Item>
        <Form.Item name="customerId" label={t('returns.customer')}>
          <CustomerSelect />
        </Form.Item>
        {item === 'device' ? (
          <Form.Item name="deviceId" label={t('returns.device')} rules={[{ required: !workOrderId }]}>
            <DeviceSelect customerId={customerId} data-testid="return-device" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="partId" label={t('returns.part')} rules={[{ required: true }]}>
              <PartSelect />
            </Form.Item>
            <Form.Item name="quantity" label={t('returns.quantity')} rules={[{ required: true }]}>
              <InputNumber min={1} precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Typography.Paragraph type="secondary">{t('returns.partStockNote')}</Typography.Paragraph>
          </>
        )}
        <Form.Item name="lotOrSerial" label={t('returns.lotOrSerial')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="reason" label={t('returns.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="return-reason" />
        </Form.Item>
        <Button type="primary" block onClick={save} loading={register.isPending} data-testid="return-save">
          {t('returns.new')}
        </Button>
      </Form>
    </Card>
  );
}

type Step = 'receive' | 'inspect' | 'decide' | 'complete' | 'cancel';
const STEP_ORDER = ['registered', 'received', 'inspected', 'decided', 'done'] as const;

export function ReturnPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useReturn(id);
  const [step, setStep] = useState<Step | null>(null);
  const r = q.data;
  if (!r) return <Card loading={q.isLoading} />;
  const current = r.status === 'cancelled' ? 0 : STEP_ORDER.indexOf(r.status as (typeof STEP_ORDER)[number]);
  const actions = (['receive', 'inspect', 'decide', 'complete'] as const).filter((s) => r.abilities[s]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="return-detail">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>
          {t('returns.menu.list')} · {r.number} <ReturnStatusTag status={r.status} />
        </PageTitle>
        <Space wrap>
          {actions.map((s) => (
            <Button key={s} type="primary" onClick={() => setStep(s)} data-testid={`return-${s}`}>
              {t(`returns.${s}`)}
            </Button>
          ))}
          {r.abilities.cancel && (
            <Button danger onClick={() => setStep('cancel')} data-testid="return-cancel">
              {t('returns.cancel')}
            </Button>
          )}
        </Space>
      </Space>
      <Card size="small">
        <Steps
          size="small"
          current={current}
          status={r.status === 'cancelled' ? 'error' : r.status === 'done' ? 'finish' : 'process'}
          items={STEP_ORDER.map((s) => ({ title: t(`returns.statuses.${s}`) }))}
          responsive
        />
      </Card>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('returns.kind')}>{t(`returns.kinds.${r.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('returns.customer')}>{r.customerName}</Descriptions.Item>
          <Descriptions.Item label={t('returns.item')}>{r.deviceId ? <Link to={`/devices/${r.deviceId}`}>{what(r)}</Link> : what(r)}</Descriptions.Item>
          {r.lotOrSerial && <Descriptions.Item label={t('returns.lotOrSerial')}>{r.lotOrSerial}</Descriptions.Item>}
          <Descriptions.Item label={t('returns.reason')}>{r.reason}</Descriptions.Item>
          {r.complaintId && (
            <Descriptions.Item label={t('returns.complaint')}>
              <Link to={`/complaints/${r.complaintId}`}>{r.complaintNumber}</Link>
            </Descriptions.Item>
          )}
          {r.workOrderId && (
            <Descriptions.Item label={t('returns.workOrder')}>
              <Link to={`/work-orders/${r.workOrderId}`}>{r.workOrderNumber}</Link>
            </Descriptions.Item>
          )}
          {r.installationId && (
            <Descriptions.Item label={t('returns.installation')}>
              <Link to={`/installations/${r.installationId}`}>→</Link>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('returns.registeredAt')}>
            {fmt(r.registeredAt)} · {r.registeredByName}
          </Descriptions.Item>
          {r.receivedOn && (
            <>
              <Descriptions.Item label={t('returns.receivedOn')}>
                {r.receivedOn} · {r.receivedByName}
              </Descriptions.Item>
              <Descriptions.Item label={t('returns.arrivalCondition')}>{r.arrivalCondition}</Descriptions.Item>
            </>
          )}
          {r.warehouseName && <Descriptions.Item label={t('returns.warehouse')}>{r.warehouseName}</Descriptions.Item>}
          {r.inspectedAt && (
            <>
              <Descriptions.Item label={t('returns.result')}>
                <Tag color={r.inspectionResult === 'pass' ? 'green' : 'red'}>{t(`returns.results.${r.inspectionResult ?? 'fail'}`)}</Tag>
                {r.inspectorName} · {fmt(r.inspectedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('returns.findings')}>{r.findings}</Descriptions.Item>
            </>
          )}
          {r.decision && (
            <>
              <Descriptions.Item label={t('returns.decision')}>
                {t(`returns.decisions.${r.decision}`)} · {r.decidedByName} · {fmt(r.decidedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('returns.decisionReason')}>{r.decisionReason}</Descriptions.Item>
            </>
          )}
          {r.doneAt && (
            <Descriptions.Item label={t('returns.doneAt')}>
              {fmt(r.doneAt)} · {r.doneByName}
            </Descriptions.Item>
          )}
          {r.exchangeSerial && <Descriptions.Item label={t('returns.exchangeSerial')}>{r.exchangeSerial}</Descriptions.Item>}
          {r.refundReference && <Descriptions.Item label={t('returns.refundReference')}>{r.refundReference}</Descriptions.Item>}
          {r.repairWorkOrderId && (
            <Descriptions.Item label={t('returns.repairWorkOrderId')}>
              <Link to={`/work-orders/${r.repairWorkOrderId}`}>→</Link>
            </Descriptions.Item>
          )}
          {r.scrapRecord && <Descriptions.Item label={t('returns.scrapRecord')}>{r.scrapRecord}</Descriptions.Item>}
          {r.followThroughNote && <Descriptions.Item label={t('returns.note')}>{r.followThroughNote}</Descriptions.Item>}
          {r.cancelledAt && (
            <Descriptions.Item label={t('returns.cancelReason')}>
              {r.cancelReason} · {fmt(r.cancelledAt)}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {(r.abilities.notifySupplier || r.notices.length > 0) && (
        <NoticesPanel subject="return" subjectId={r.id} notices={r.notices} canNotify={r.abilities.notifySupplier} manufacturer={r.manufacturer} />
      )}
      <StepDialog r={r} step={step} onClose={() => setStep(null)} />
    </Space>
  );
}

function StepDialog({ r, step, onClose }: { r: ReturnRecordDetail; step: Step | null; onClose: () => void }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const [form] = Form.useForm();
  const run = useReturnStep();
  const save = async () => {
    const v = await validFields(form);
    if (!v || !step) return;
    const body: Record<string, unknown> = { version: r.version };
    for (const [k, val] of Object.entries(v)) body[k] = dayjs.isDayjs(val) ? (val as Dayjs).format('YYYY-MM-DD') : val === '' ? null : val;
    run.mutate(
      { id: r.id, step, body: body as { version: number } },
      {
        onSuccess: () => {
          form.resetFields();
          onClose();
        },
        onError: fieldErrorsThen(form, problem),
      },
    );
  };
  const text = (name: string, required = true, rows = 2) => (
    <Form.Item name={name} label={t(`returns.${name}`)} rules={required ? [{ required: true, whitespace: true }] : []}>
      <Input.TextArea rows={rows} data-testid={`return-${name}`} />
    </Form.Item>
  );
  return (
    <Dialog
      open={step !== null}
      title={step ? t(`returns.${step}`) : ''}
      onCancel={onClose}
      onOk={save}
      confirmLoading={run.isPending}
      okTestId="return-step-save"
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ receivedOn: businessToday() }}>
        {step === 'receive' && (
          <>
            <Form.Item name="receivedOn" label={t('returns.receivedOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="receivedByName" label={t('returns.receivedBy')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} data-testid="return-receivedByName" />
            </Form.Item>
            {text('arrivalCondition')}
            {r.item === 'part' && (
              <Form.Item name="warehouseId" label={t('returns.warehouse')} extra={t('returns.warehouseHint')} rules={[{ required: true }]}>
                <WarehouseSelect data-testid="return-warehouse" />
              </Form.Item>
            )}
          </>
        )}
        {step === 'inspect' && (
          <>
            {text('findings', true, 3)}
            <Form.Item name="result" label={t('returns.result')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={(['pass', 'fail'] as const).map((k) => ({ value: k, label: t(`returns.results.${k}`) }))}
                data-testid="return-result"
              />
            </Form.Item>
          </>
        )}
        {step === 'decide' && (
          <>
            <Form.Item name="decision" label={t('returns.decision')} rules={[{ required: true }]}>
              <Select options={DECISIONS.map((k) => ({ value: k, label: t(`returns.decisions.${k}`) }))} data-testid="return-decision" />
            </Form.Item>
            <Form.Item name="reason" label={t('returns.decisionReason')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={2} data-testid="return-decision-reason" />
            </Form.Item>
          </>
        )}
        {step === 'complete' && (
          <>
            {r.decision === 'exchange' && (
              <Form.Item name="exchangeSerial" label={t('returns.exchangeSerial')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={100} data-testid="return-exchangeSerial" />
              </Form.Item>
            )}
            {r.decision === 'refund' && (
              <Form.Item name="refundReference" label={t('returns.refundReference')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={100} data-testid="return-refundReference" />
              </Form.Item>
            )}
            {r.decision === 'repair' && (
              <Form.Item name="repairWorkOrderId" label={t('returns.repairWorkOrderId')} rules={[{ required: true }]}>
                <RepairWorkOrderSelect deviceId={r.deviceId} />
              </Form.Item>
            )}
            {r.decision === 'scrap' && text('scrapRecord')}
            {text('note', false)}
          </>
        )}
        {step === 'cancel' && (
          <Form.Item name="reason" label={t('returns.cancelReason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={2} data-testid="return-cancel-reason" />
          </Form.Item>
        )}
      </Form>
    </Dialog>
  );
}

/** The unit's work orders, newest first: the repair that carries out a 维修 decision. */
function RepairWorkOrderSelect({ deviceId, ...p }: { deviceId: string | null; value?: string; onChange?: (v: string) => void }) {
  const { data } = useDeviceWorkOrders(deviceId);
  return <Select {...p} options={(data ?? []).map((w) => ({ value: w.id, label: `${w.number} · ${w.status}` }))} />;
}

function useDeviceWorkOrders(deviceId: string | null) {
  return useQuery({
    queryKey: ['work-orders', 'list', 'return-repair', deviceId],
    enabled: !!deviceId,
    queryFn: async () => (await must(api.GET('/api/v1/work-orders', { params: { query: { deviceId: deviceId ?? undefined, pageSize: 50 } } }))).items,
  });
}
