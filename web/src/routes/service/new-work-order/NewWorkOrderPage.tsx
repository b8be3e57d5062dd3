// 新建工单 (issue 12 item 1): the office creates a job of another kind than repair — installation,
// maintenance/inspection, upgrade, training, on-site consultation, return/exchange — for a unit,
// with the planned day and what is to be done. A repair is registered as a request instead.
// The server checks each kind's required fields (workorders.kinds) and answers field errors.
import { Alert, App, Button, Card, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCreateWorkOrder, useWorkOrders } from '../../../api/hooks/workOrders';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { fieldErrorsThen } from '../../../components/RecordForm';
import { problemText, WO_KINDS, type WoKind } from '../common';
import { DevicePicker } from '../components/DevicePicker';

type DirectKind = Exclude<WoKind, 'repair'>;
const DIRECT: readonly DirectKind[] = WO_KINDS.filter((k): k is DirectKind => k !== 'repair');
/** Mirrors workorders.kinds CREATE_REQUIRED: the server refuses the same. */
const NEEDS_DATE: ReadonlySet<DirectKind> = new Set(['installation', 'maintenance', 'upgrade', 'training']);

interface FormValues {
  kind: DirectKind;
  deviceId: string;
  description: string;
  plannedDate?: Dayjs;
  originWorkOrderId?: string;
  contactName?: string;
  contactPhone?: string;
}

export function NewWorkOrderPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateWorkOrder();
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const deviceId = Form.useWatch('deviceId', form);
  const originOptions = useWorkOrders({ deviceId, pageSize: 20, sort: '-createdAt' });

  const submit = async () => {
    const v = await validFields(form);
    if (!v) return;
    setError(null);
    create.mutate(
      {
        kind: v.kind,
        deviceId: v.deviceId,
        description: v.description.trim(),
        plannedDate: v.plannedDate ? v.plannedDate.format('YYYY-MM-DD') : null,
        originWorkOrderId: v.originWorkOrderId ?? null,
        contactName: v.contactName?.trim() || undefined,
        contactPhone: v.contactPhone?.trim() || undefined,
      },
      {
        onSuccess: (wo) => {
          message.success(t('service.workOrderCreated', { number: wo.number }));
          navigate(`/work-orders/${wo.id}`);
        },
        onError: fieldErrorsThen(form, (e) => setError(problemText(e))),
      },
    );
  };

  return (
    <Card title={<PageTitle>{t('service.newWorkOrder')}</PageTitle>} extra={<Link to="/work-orders">{t('common.back')}</Link>} style={{ maxWidth: 760 }}>
      <Alert type="info" showIcon message={t('service.newWorkOrderHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" data-testid="work-order-form" initialValues={{ kind: 'maintenance' }}>
        <Form.Item name="kind" label={t('service.kind')} rules={[{ required: true }]}>
          <Select data-testid="wo-kind-select" options={DIRECT.map((k) => ({ value: k, label: t(`service.woKinds.${k}`) }))} />
        </Form.Item>
        {kind === 'installation' && <Alert type="warning" showIcon message={t('service.installationClockHint')} style={{ marginBottom: 16 }} />}
        <Form.Item name="deviceId" label={t('service.device')} rules={[{ required: true, message: t('service.deviceRequired') }]}>
          <DevicePicker testId="wo-device" onChange={(id) => form.setFieldsValue({ deviceId: id, originWorkOrderId: undefined })} />
        </Form.Item>
        <Form.Item name="description" label={t('service.workDescription')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="wo-description" />
        </Form.Item>
        <Form.Item name="plannedDate" label={t('service.plannedDate')} rules={[{ required: !!kind && NEEDS_DATE.has(kind) }]}>
          <DatePicker style={{ width: '100%' }} data-testid="wo-planned-date" />
        </Form.Item>
        {kind === 'return_exchange' && (
          <Form.Item name="originWorkOrderId" label={t('service.originWorkOrder')} extra={t('service.originWorkOrderHint')} rules={[{ required: true }]}>
            <Select
              data-testid="wo-origin"
              options={(originOptions.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.number} · ${t(`service.woKinds.${w.kind}`)}` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="contactName" label={t('service.contactName')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('service.contactPhone')}>
          <Input maxLength={40} inputMode="tel" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="wo-create-error" />}
        <Button type="primary" block onClick={submit} loading={create.isPending} data-testid="wo-create">
          {t('service.createWorkOrder')}
        </Button>
      </Form>
    </Card>
  );
}
