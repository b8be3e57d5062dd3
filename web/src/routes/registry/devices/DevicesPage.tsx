import { DatePicker, Form, Input, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useModel } from '../../../api/hooks/models';
import { useAbility, useMe } from '../../../auth';
import { ListPage } from '../../../components/ListPage';
import { CustomerSelect, DepartmentSelect, ENUMS, EnumSelect, EnumTag, ModelSelect, SiteSelect, UnitFilter } from '../../../components/pickers';
import { CreateButton, RecordForm } from '../../../components/RecordForm';
import { PrintLabelsButton } from '../../labels/PrintLabels';

// Other screens import the device row type from here; it is the hook file's (the contract's).
export type { Coverage, Device } from '../../../api/hooks/devices';

const DATE_FIELDS = ['installDate', 'acceptanceDate', 'warrantyEnd'] as const;

/** Dates travel as YYYY-MM-DD strings; the pickers want dayjs values. */
export const deviceToForm = (d: Record<string, unknown>) => {
  const v: Record<string, unknown> = { ...d };
  for (const k of DATE_FIELDS) v[k] = d[k] ? dayjs(String(d[k])) : null;
  return v;
};
/**
 * The warranty end is derived by the server (acceptance date + the model's term, issue 10 item 2):
 * it is sent only as an override with its reason; otherwise the override is cleared, so a stale
 * derived date is never sent back.
 */
export const deviceToBody = (v: Record<string, unknown>): Record<string, unknown> => {
  const b: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) b[k] = x;
  for (const k of DATE_FIELDS) b[k] = v[k] ? dayjs(v[k] as string).format('YYYY-MM-DD') : null;
  const { warrantyEndOverride, warrantyOverrideReason, ...rest } = b;
  if (warrantyEndOverride) return { ...rest, warrantyOverride: { reason: warrantyOverrideReason } };
  const { warrantyEnd: _derived, ...withoutEnd } = rest;
  return { ...withoutEnd, warrantyOverride: null };
};

/** The derived warranty end as the server computes it (months added, clamped to the month end, minus a day). */
export const derivedWarrantyEnd = (acceptance: unknown, months: number | undefined) =>
  acceptance && months !== undefined
    ? dayjs(acceptance as string)
        .add(months, 'month')
        .subtract(1, 'day')
        .format('YYYY-MM-DD')
    : null;

/** Derived warranty end, read-only, with a switch revealing an override date and its reason. */
function WarrantyEndField() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const modelId = Form.useWatch('modelId', form) as string | undefined;
  const acceptance = Form.useWatch('acceptanceDate', form);
  const override = Form.useWatch('warrantyEndOverride', form) as boolean | undefined;
  const model = useModel(modelId);
  const months = model.data?.warrantyMonths;
  const derived = derivedWarrantyEnd(acceptance, months);
  // Switching the override on starts from the derived date.
  useEffect(() => {
    if (override && !form.getFieldValue('warrantyEnd') && derived) form.setFieldsValue({ warrantyEnd: dayjs(derived) });
  }, [override, derived, form]);
  return (
    <>
      <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
        {!override && (
          <Form.Item label={t('device.warrantyEnd')} extra={acceptance ? t('warranty.derived', { months: months ?? '…' }) : t('warranty.notAccepted')}>
            <Typography.Text data-testid="device-warranty-derived">{derived ?? '—'}</Typography.Text>
          </Form.Item>
        )}
        <Form.Item
          name="warrantyEndOverride"
          label={t('warranty.override')}
          valuePropName="checked"
          initialValue={false}
          extra={override && derived ? t('warranty.derivedValue', { date: derived }) : null}
        >
          <Switch data-testid="device-warranty-override" />
        </Form.Item>
      </div>
      {override && (
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="warrantyEnd" label={t('device.warrantyEnd')} rules={[{ required: true }]}>
            <DatePicker data-testid="device-warranty-end" />
          </Form.Item>
          <Form.Item
            name="warrantyOverrideReason"
            label={t('warranty.reason')}
            rules={[{ required: true, whitespace: true, max: 500 }]}
            style={{ flex: 1, minWidth: 220 }}
          >
            <Input data-testid="device-warranty-reason" placeholder={t('warranty.reasonPlaceholder')} />
          </Form.Item>
        </div>
      )}
    </>
  );
}

export function DeviceFields({ editing }: { editing: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const customerId = Form.useWatch('customerId', form);
  return (
    <>
      <Form.Item name="serialNumber" label={t('device.serialNumber')} rules={[{ required: true, max: 100 }]}>
        <Input data-testid="device-serial" />
      </Form.Item>
      <Form.Item name="udi" label={t('device.udi')}>
        <Input />
      </Form.Item>
      <Form.Item name="modelId" label={t('device.model')} rules={[{ required: true }]}>
        <ModelSelect data-testid="device-model" />
      </Form.Item>
      <Form.Item name="customerId" label={t('device.customer')} rules={[{ required: true }]}>
        <CustomerSelect data-testid="device-customer" disabled={editing} onChange={() => form.setFieldsValue({ departmentId: null, siteId: null })} />
      </Form.Item>
      <Form.Item name="departmentId" label={t('device.department')}>
        <DepartmentSelect customerId={customerId} />
      </Form.Item>
      <Form.Item name="siteId" label={t('device.site')}>
        <SiteSelect customerId={customerId} />
      </Form.Item>
      <Form.Item name="location" label={t('device.location')}>
        <Input />
      </Form.Item>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item name="installDate" label={t('device.installDate')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="acceptanceDate" label={t('device.acceptanceDate')}>
          <DatePicker data-testid="device-acceptance" />
        </Form.Item>
      </div>
      <WarrantyEndField />
      <Form.Item name="softwareVersion" label={t('device.softwareVersion')}>
        <Input />
      </Form.Item>
      <Form.Item name="status" label={t('device.status')} initialValue="in_service">
        <EnumSelect ns="device.statuses" values={ENUMS.deviceStatuses} allowClear={false} />
      </Form.Item>
      <Form.Item name="notes" label={t('common.notes')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

export function DevicesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const canCreate = useAbility('devices.create');
  const [open, setOpen] = useState(false);
  const hospital = !!me.customerId; // a hospital user belongs to one customer
  return (
    <>
      <ListPage
        testId="devices"
        // Phones: a card per device — serial, status, model, place, coverage (issue 10 item 15).
        card={(r) => ({
          title: r.serialNumber,
          tag: <EnumTag ns="device.statuses" value={r.status} />,
          lines: [
            r.modelName,
            [r.departmentName, r.location].filter(Boolean).join(' · ') || null,
            <EnumTag key="cov" ns="device.coverages" value={r.coverage.category} />,
          ],
          to: `/devices/${r.id}`,
        })}
        title={t('menu.devices')}
        endpoint="/api/v1/devices"
        exportEndpoint="/api/v1/devices/export"
        exportName="devices.xlsx"
        filterKeys={['status', 'category', 'criticality', 'regionClass', 'customerId', 'unitId']}
        filters={({ bind }) => (
          <>
            {!hospital && <CustomerSelect placeholder={t('device.customer')} {...bind('customerId')} style={{ width: 200 }} />}
            {!hospital && <UnitFilter placeholder={t('units.unit')} {...bind('unitId')} style={{ width: 170 }} />}
            <EnumSelect ns="device.statuses" values={ENUMS.deviceStatuses} placeholder={t('device.status')} {...bind('status')} style={{ width: 130 }} />
            <EnumSelect ns="model.categories" values={ENUMS.categories} placeholder={t('model.category')} {...bind('category')} style={{ width: 150 }} />
            <EnumSelect
              ns="model.criticalities"
              values={ENUMS.criticalities}
              placeholder={t('model.criticality')}
              {...bind('criticality')}
              style={{ width: 130 }}
            />
            <EnumSelect ns="customer.regions" values={ENUMS.regions} placeholder={t('customer.regionClass')} {...bind('regionClass')} style={{ width: 130 }} />
          </>
        )}
        extra={
          <>
            <PrintLabelsButton />
            {canCreate && <CreateButton testId="device-create" onClick={() => setOpen(true)} />}
          </>
        }
        columns={[
          {
            key: 'serialNumber',
            dataIndex: 'serialNumber',
            title: t('device.serialNumber'),
            sorter: true,
            fixed: 'left',
            render: (v, r) => <Link to={`/devices/${r.id}`}>{v}</Link>,
          },
          { key: 'modelName', dataIndex: 'modelName', title: t('device.model'), sorter: true },
          { key: 'category', dataIndex: 'category', title: t('model.category'), render: (v) => t(`model.categories.${v}`) },
          { key: 'customerName', dataIndex: 'customerName', title: t('device.customer'), sorter: true },
          { key: 'departmentName', dataIndex: 'departmentName', title: t('device.department') },
          { key: 'regionClass', dataIndex: 'regionClass', title: t('customer.regionClass'), render: (v) => <EnumTag ns="customer.regions" value={v} /> },
          { key: 'status', dataIndex: 'status', title: t('device.status'), sorter: true, render: (v) => <EnumTag ns="device.statuses" value={v} /> },
          {
            key: 'coverage',
            title: t('device.coverage'),
            render: (_, r) => <EnumTag ns="device.coverages" value={r.coverage.category} />,
          },
          { key: 'warrantyEnd', dataIndex: 'warrantyEnd', title: t('device.warrantyEnd'), sorter: true },
        ]}
      />
      <RecordForm
        testId="device"
        open={open}
        title={t('device.title')}
        endpoint="/api/v1/devices"
        toBody={deviceToBody}
        onClose={() => setOpen(false)}
        onSaved={(d) => navigate(`/devices/${d.id}`)}
      >
        {() => <DeviceFields editing={false} />}
      </RecordForm>
    </>
  );
}
