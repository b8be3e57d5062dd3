// 派工 (R-DSP-1/2): pick one lead engineer and helpers, guided by the ranked suggestions
// (skill for the model, load, region); reassigning needs a reason. Sends the work order's
// version so two dispatchers cannot both assign the same job.
import { Alert, App, DatePicker, Form, Input, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Suggestion, useSuggestions } from '../../../api/hooks/dispatch';
import { useDispatchWorkOrder, useReschedule, type WorkOrder } from '../../../api/hooks/workOrders';
import { useAbility } from '../../../auth';
import { businessToday } from '../../../businessDay';
import { Dialog } from '../../../components/Dialog';
import { validFields } from '../../../components/forms';
import { fieldErrorsThen } from '../../../components/RecordForm';
import { saveErrorText } from '../common';

/** Everyone who can be sent: the suggestions given, else the full ranking for this work order (the board asks for it per job). */
function useEngineerPool(given: Suggestion[], workOrderId: string | undefined, enabled: boolean): Suggestion[] {
  const ranked = useSuggestions(workOrderId, enabled && given.length === 0);
  return given.length ? given : (ranked.data?.items ?? []);
}

/** The work order as the dialogs need it: a board card or the work order itself. */
type Target = Pick<WorkOrder, 'id' | 'number' | 'version'> & Partial<Pick<WorkOrder, 'status' | 'appointmentAt' | 'appointmentEndAt' | 'arriveDueAt'>>;

const QUAL_COLOR = { qualified: 'green', expired: 'orange', none: 'red' } as const;

export function SuggestionLabel({ s }: { s: Suggestion }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={0} style={{ whiteSpace: 'normal' }}>
      <Space size={4} wrap>
        <strong>{s.name}</strong>
        {s.score > 0 && <Tag color="blue">{t('dispatch.score', { score: Math.round(s.score) })}</Tag>}
        <Tag>{t('dispatch.load', { n: s.openLoad })}</Tag>
        {/* Issue 12 item 3: the qualification for the job's model (seed 003 必须经培训合格后方可上岗). */}
        <Tag color={QUAL_COLOR[s.qualification]} data-testid={`qual-${s.qualification}`}>
          {t(`training.dispatch.${s.qualification}`)}
        </Tag>
      </Space>
      {s.reasons.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {s.reasons.map((r) => t(`dispatch.reasons.${r}`, { defaultValue: r })).join(' · ')}
        </Typography.Text>
      )}
    </Space>
  );
}

/** Issue 10 item 12: the planned arrival fields, shared by dispatching and rescheduling. */
function AppointmentFields({ arriveDueAt, at }: { arriveDueAt?: string | null; at?: Dayjs | null }) {
  const { t } = useTranslation();
  // Soft warning only: the customer may ask for a later time; the server accepts and notes it.
  const late = !!at && !!arriveDueAt && at.isAfter(dayjs(arriveDueAt));
  return (
    <>
      <Space wrap align="start">
        <Form.Item name="appointmentAt" label={t('dispatchBoard.appointmentAt')} extra={t('dispatchBoard.appointmentHelp')}>
          <DatePicker
            data-testid="dispatch-appointment"
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isBefore(businessToday().startOf('day'))}
          />
        </Form.Item>
        <Form.Item
          name="appointmentEndAt"
          label={t('dispatchBoard.appointmentEnd')}
          dependencies={['appointmentAt']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v?: Dayjs | null) =>
                !v || !getFieldValue('appointmentAt') || v.isAfter(getFieldValue('appointmentAt'))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('dispatchBoard.appointmentEnd'))),
            }),
          ]}
        >
          <DatePicker data-testid="dispatch-appointment-end" showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </Space>
      {late && (
        <Alert
          type="warning"
          showIcon
          data-testid="appointment-late"
          style={{ marginBottom: 12 }}
          title={t('dispatchBoard.afterDeadline', { due: dayjs(arriveDueAt).format('MM-DD HH:mm') })}
        />
      )}
    </>
  );
}

type AppointmentValues = { appointmentAt?: Dayjs | null; appointmentEndAt?: Dayjs | null };
const appointmentPayload = (v: AppointmentValues) => ({
  ...(v.appointmentAt ? { appointmentAt: v.appointmentAt.second(0).millisecond(0).toISOString() } : {}),
  ...(v.appointmentAt && v.appointmentEndAt ? { appointmentEndAt: v.appointmentEndAt.second(0).millisecond(0).toISOString() } : {}),
});

export function DispatchDialog({
  open,
  workOrder,
  suggestions = [],
  initialLead,
  arriveDueAt,
  onClose,
}: {
  open: boolean;
  workOrder: Target | null;
  suggestions?: Suggestion[];
  /** Prefilled lead: the suggested engineer clicked on the board card (R-DSP-2: the dispatcher decides). */
  initialLead?: string | null;
  /** The running arrive deadline, for the soft warning on a later appointment. */
  arriveDueAt?: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ leadEngineerId: string; helperIds: string[]; reason?: string; overrideReason?: string } & AppointmentValues>();
  const appointmentAt = Form.useWatch('appointmentAt', form);
  const dispatch = useDispatchWorkOrder();
  const mayOverride = useAbility('training.overrideDispatch');
  const [error, setError] = useState<string | null>(null);
  const pool = useEngineerPool(suggestions, workOrder?.id, open);
  const lead = Form.useWatch('leadEngineerId', form);
  const reassign = !!workOrder && workOrder.status !== 'new';
  const helperIds = Form.useWatch('helperIds', form) ?? [];
  // R-TR-1 (seed 003 维修人员必须经培训合格后方可上岗): the lead and every helper, from the server's ranking.
  const unqualifiedPeople = [lead, ...helperIds]
    .filter((uid): uid is string => !!uid)
    .map((uid) => pool.find((s) => s.userId === uid))
    .filter((s): s is Suggestion => !!s && s.qualification !== 'qualified');
  const unqualified = unqualifiedPeople.length > 0;

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({
        ...(initialLead ? { leadEngineerId: initialLead } : {}),
        appointmentAt: workOrder?.appointmentAt ? dayjs(workOrder.appointmentAt) : null,
        appointmentEndAt: workOrder?.appointmentEndAt ? dayjs(workOrder.appointmentEndAt) : null,
      });
      setError(null);
    }
  }, [open, form, initialLead, workOrder?.appointmentAt, workOrder?.appointmentEndAt]);

  const save = async () => {
    if (!workOrder) return;
    const v = await validFields(form);
    if (!v) return;
    setError(null);
    dispatch.mutate(
      {
        id: workOrder.id,
        version: workOrder.version,
        leadEngineerId: v.leadEngineerId,
        helperIds: v.helperIds ?? [],
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        ...(unqualified && v.overrideReason?.trim() ? { overrideReason: v.overrideReason.trim() } : {}),
        ...appointmentPayload(v),
      },
      {
        onSuccess: () => {
          message.success(t('dispatch.done', { number: workOrder.number }));
          onClose();
        },
        onError: fieldErrorsThen(form, (e) => setError(saveErrorText(e, t))),
      },
    );
  };

  const options = pool.map((s) => ({ value: s.userId, label: s.name, s }));
  return (
    <Dialog
      open={open}
      title={`${reassign ? t('dispatch.reassign') : t('dispatch.assign')} · ${workOrder?.number ?? ''}`}
      onCancel={onClose}
      onOk={save}
      okText={reassign ? t('dispatch.reassign') : t('dispatch.assign')}
      confirmLoading={dispatch.isPending}
      okTestId="dispatch-ok"
    >
      <Form form={form} layout="vertical" data-testid="dispatch-form" initialValues={{ helperIds: [] }}>
        {pool.length === 0 && <Alert type="info" showIcon title={t('dispatch.noEngineers')} style={{ marginBottom: 12 }} />}
        <Form.Item name="leadEngineerId" label={t('dispatch.lead')} rules={[{ required: true }]}>
          <Select
            data-testid="dispatch-lead"
            options={options}
            optionLabelProp="label"
            optionRender={(o) => <SuggestionLabel s={(o.data as { s: Suggestion }).s} />}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="helperIds" label={t('dispatch.helpers')}>
          <Select
            data-testid="dispatch-helpers"
            mode="multiple"
            options={options.filter((o) => o.value !== lead)}
            optionLabelProp="label"
            optionRender={(o) => <SuggestionLabel s={(o.data as { s: Suggestion }).s} />}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        {unqualified && (
          <Alert
            type="warning"
            showIcon
            title={t('training.dispatch.overrideHint')}
            description={t('training.dispatch.unqualifiedPeople', { names: unqualifiedPeople.map((p) => p.name).join('、') })}
            style={{ marginBottom: 12 }}
            data-testid="dispatch-unqualified"
          />
        )}
        {unqualified && mayOverride && (
          <Form.Item name="overrideReason" label={t('training.dispatch.override')} rules={[{ required: true, whitespace: true, max: 500 }]}>
            <Input.TextArea data-testid="dispatch-override-reason" rows={2} />
          </Form.Item>
        )}
        <AppointmentFields arriveDueAt={arriveDueAt} at={appointmentAt} />
        {reassign && (
          <Form.Item name="reason" label={t('dispatch.reason')} rules={[{ required: true, whitespace: true, max: 500 }]}>
            <Input.TextArea data-testid="dispatch-reason" rows={2} />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="dispatch-error" />}
      </Form>
    </Dialog>
  );
}

/**
 * 改约 (issue 10 item 12): agree or move the planned arrival before the engineer is on site;
 * moving a time already agreed needs a reason (the server refuses without one).
 */
export function RescheduleDialog({ open, workOrder, onClose }: { open: boolean; workOrder: Target | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string } & AppointmentValues>();
  const at = Form.useWatch('appointmentAt', form);
  const reschedule = useReschedule();
  const [error, setError] = useState<string | null>(null);
  const had = !!workOrder?.appointmentAt;
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({
        appointmentAt: workOrder?.appointmentAt ? dayjs(workOrder.appointmentAt) : null,
        appointmentEndAt: workOrder?.appointmentEndAt ? dayjs(workOrder.appointmentEndAt) : null,
      });
      setError(null);
    }
  }, [open, form, workOrder?.appointmentAt, workOrder?.appointmentEndAt]);
  const save = async () => {
    if (!workOrder) return;
    const v = await validFields(form);
    if (!v) return;
    setError(null);
    const p = appointmentPayload(v);
    reschedule.mutate(
      {
        id: workOrder.id,
        version: workOrder.version,
        appointmentAt: p.appointmentAt ?? null,
        appointmentEndAt: p.appointmentEndAt ?? null,
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      },
      {
        onSuccess: () => {
          message.success(t('dispatchBoard.rescheduled'));
          onClose();
        },
        onError: fieldErrorsThen(form, (e) => setError(saveErrorText(e, t))),
      },
    );
  };
  return (
    <Dialog
      open={open}
      title={t('dispatchBoard.rescheduleTitle', { number: workOrder?.number ?? '' })}
      onCancel={onClose}
      onOk={save}
      okText={t('dispatchBoard.reschedule')}
      confirmLoading={reschedule.isPending}
      okTestId="reschedule-ok"
    >
      <Form form={form} layout="vertical" data-testid="reschedule-form">
        <AppointmentFields arriveDueAt={workOrder?.arriveDueAt} at={at} />
        {had && (
          <Form.Item name="reason" label={t('dispatchBoard.rescheduleReason')} rules={[{ required: true, whitespace: true, max: 500 }]}>
            <Input.TextArea data-testid="reschedule-reason" rows={2} />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="reschedule-error" />}
      </Form>
    </Dialog>
  );
}
