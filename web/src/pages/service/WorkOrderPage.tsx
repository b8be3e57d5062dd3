// 工单 (R-WO-1..5), built for the engineer's phone: status and deadline on top, big buttons
// for the steps the server says this user may take next, the on-site record (diagnosis,
// actions, tests, times, parts), the customer's drawn signature, and — once signed — the
// frozen report with its PDF. Reviewers approve or return it here too.

import {
  CalendarOutlined,
  CarOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  DeleteOutlined,
  EditOutlined,
  EnvironmentOutlined,
  FilePdfOutlined,
  InboxOutlined,
  LockOutlined,
  PhoneOutlined,
  PlusOutlined,
  RollbackOutlined,
  ToolOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Radio,
  Result,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, request } from '../../api';
import { useAbility, useMe } from '../../auth';
import { validFields } from '../../components/forms';
import { VanPartsDialog } from '../../components/parts/VanPartsDialog';
import { applyFieldErrors } from '../../components/RecordForm';
import { FeeCard, SameDayCard, TakeBackSection, TeamLine } from '../../components/service/admin/WorkOrderExtras';
import {
  CategoryTag,
  type Clock,
  Countdown,
  FROZEN,
  type PartLine,
  problemText,
  type ServiceRequestDetail,
  UrgencyTag,
  type WoAction,
  type WorkOrder,
  type WoStatus,
  WoStatusTag,
} from '../../components/service/common';
import { DispatchDialog, RescheduleDialog } from '../../components/service/DispatchDialog';
import { PaymentsReversalCard, VersionsSection } from '../../components/service/loans/WorkOrderVersions';
import { ReviewPanel } from '../../components/service/ReviewPanel';
import { SignaturePad } from '../../components/service/SignaturePad';

const STEP_ICONS: Partial<Record<WoStatus, ReactNode>> = {
  accepted: <CheckCircleOutlined />,
  on_the_way: <CarOutlined />,
  on_site: <EnvironmentOutlined />,
  waiting_parts: <InboxOutlined />,
  taken_back: <ToolOutlined />,
  resolved: <CheckCircleOutlined />,
  cancelled: <CloseCircleOutlined />,
  closed: <LockOutlined />,
};

function needsReason(from: WoStatus, to: WoStatus): boolean {
  return to === 'cancelled' || to === 'waiting_parts' || (from === 'resolved' && to === 'on_site');
}

/** A tel: target: digits and + only ("010-6529 5000" dials as 01065295000). */
export const telOf = (phone: string) => phone.replace(/[^\d+]/g, '');
/** Any phone's map app opens this address search; no key, no script (geo: is not on iOS). */
export const mapUrl = (address: string) => `https://uri.amap.com/search?keyword=${encodeURIComponent(address)}`;

function nextClock(clocks: Clock[]): Clock | undefined {
  return clocks.filter((c) => !c.stoppedAt && !c.outcome && !c.pausedAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
}

export function WorkOrderPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const hospital = me.roles.includes('customer_user');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const canAct = useAbility('workorders.act');
  const canDispatch = useAbility('workorders.dispatch');
  const canReview = useAbility('workorders.review');
  const [busyStep, setBusyStep] = useState<WoStatus | null>(null);
  const [reasonFor, setReasonFor] = useState<WoStatus | null>(null);
  const [dispatching, setDispatching] = useState(false);
  const [rescheduling, setRescheduling] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const key = ['/api/v1/work-orders', id];
  const q = useQuery({ queryKey: key, queryFn: () => request<WorkOrder>('GET', `/api/v1/work-orders/${id}`) });
  const req = useQuery({
    queryKey: ['/api/v1/requests', q.data?.requestId],
    queryFn: () => request<ServiceRequestDetail>('GET', `/api/v1/requests/${q.data?.requestId}`),
    enabled: !!q.data?.requestId,
  });

  if (q.isLoading) return <Spin />;
  if (q.error || !q.data) {
    const status = q.error instanceof ApiError ? q.error.problem.status : 500;
    return <Result status={status === 404 ? '404' : 'error'} title={problemText(q.error)} extra={<Link to="/">{t('common.back')}</Link>} />;
  }
  const wo = q.data;
  const frozen = FROZEN.has(wo.status) || wo.status === 'cancelled';
  const editable = canAct && !frozen;
  // In the workshop (taken_back) the only way on is returning the unit (R-WO-3).
  const clock = req.data ? nextClock(req.data.clocks) : undefined;
  const canSign = wo.nextSteps.includes('signed_off');
  const set = (next: WorkOrder) => {
    qc.setQueryData(key, next);
    qc.invalidateQueries({ predicate: (x) => x.queryKey[0] !== '/api/v1/work-orders' || x.queryKey[1] !== id });
  };

  const step = async (to: WoStatus, reason?: string) => {
    setBusyStep(to);
    try {
      const next = await request<WorkOrder>('POST', `/api/v1/work-orders/${wo.id}/transition`, { version: wo.version, to, ...(reason ? { reason } : {}) });
      set(next);
      message.success(t('workOrder.stepDone', { status: t(`service.woStatuses.${to}`) }));
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'reason_required' && !reason) {
        setReasonFor(to);
        return false;
      }
      message.error(e instanceof ApiError && e.problem.code === 'version_conflict' ? t('common.conflict') : problemText(e));
      await q.refetch();
      return false;
    } finally {
      setBusyStep(null);
    }
  };

  const header = (
    <Card data-testid="wo-header" styles={{ body: { padding: phone ? 12 : 24 } }}>
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        <Space wrap size={8}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="wo-number">
            {wo.number}
          </Typography.Title>
          <span data-testid="wo-status-now">
            <WoStatusTag value={wo.status} />
          </span>
          <UrgencyTag value={wo.urgency} />
          <CategoryTag value={wo.category} />
          {frozen && wo.status !== 'cancelled' && (
            <Tag icon={<LockOutlined />} color="green" data-testid="wo-frozen">
              {t('workOrder.frozen')}
            </Tag>
          )}
        </Space>
        {clock && (
          <Space wrap data-testid="wo-deadline">
            <Countdown at={clock.dueAt} kind={clock.kind} />
            <Typography.Text type="secondary">{dayjs(clock.dueAt).format('MM-DD HH:mm')}</Typography.Text>
          </Space>
        )}
        {/* Planned arrival agreed with the customer (issue 10 item 12); moved with a reason before arrival. */}
        {(wo.appointmentAt || (canDispatch && !hospital && ['new', 'dispatched', 'accepted', 'on_the_way'].includes(wo.status))) && (
          <Space wrap data-testid="wo-appointment">
            <CalendarOutlined />
            <Typography.Text strong={!!wo.appointmentAt} type={wo.appointmentAt ? undefined : 'secondary'}>
              {wo.appointmentAt
                ? `${t('dispatchBoard.appointment')} ${dayjs(wo.appointmentAt).format('YYYY-MM-DD HH:mm')}${wo.appointmentEndAt ? `–${dayjs(wo.appointmentEndAt).format('HH:mm')}` : ''}`
                : t('dispatchBoard.noAppointment')}
            </Typography.Text>
            {canDispatch && !hospital && ['new', 'dispatched', 'accepted', 'on_the_way'].includes(wo.status) && (
              <Button size="small" data-testid="wo-reschedule" onClick={() => setRescheduling(true)}>
                {t('dispatchBoard.reschedule')}
              </Button>
            )}
          </Space>
        )}
        <div>
          <Link to={`/devices/${wo.deviceId}`}>{wo.serialNumber}</Link> · {wo.modelName}
        </div>
        <div>
          {wo.customerName}
          {wo.siteName ? ` · ${wo.siteName}` : ''}
          {wo.deviceLocation ? ` · ${wo.deviceLocation}` : ''}
        </div>
        {/* Where to go, tap to navigate or call (issue 10 item 15): a plain maps URL, no map API. */}
        {wo.siteAddress && (
          <Space wrap data-testid="wo-site">
            <EnvironmentOutlined />
            <span data-testid="wo-address">{wo.siteAddress}</span>
            <Button data-testid="wo-map" size="small" href={mapUrl(`${wo.customerName} ${wo.siteAddress}`)} target="_blank" rel="noopener">
              {t('site.map')}
            </Button>
          </Space>
        )}
        {wo.customerPhone && (
          <Space wrap>
            <span>{t('site.hospitalPhone')}:</span>
            <Button data-testid="wo-call-hospital" href={`tel:${telOf(wo.customerPhone)}`} icon={<PhoneOutlined />} size="small">
              {wo.customerPhone}
            </Button>
          </Space>
        )}
        <Space wrap>
          <span>
            {t('service.reporter')}: {wo.reporterName}
          </span>
          <Button data-testid="wo-call-reporter" href={`tel:${telOf(wo.reporterPhone)}`} icon={<PhoneOutlined />} size="small">
            {wo.reporterPhone}
          </Button>
          <Link to={`/requests/${wo.requestId}`}>{wo.requestNumber}</Link>
        </Space>
        <TeamLine wo={wo} />
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0, background: '#fafafa', padding: 8, borderRadius: 6 }}>
          {wo.faultDescription}
        </Typography.Paragraph>
        <div>
          <Button
            data-testid="wo-pdf-link"
            size="small"
            icon={<FilePdfOutlined />}
            href={`/api/v1/work-orders/${wo.id}/report.pdf`}
            target="_blank"
            rel="noopener"
          >
            {t('svcAdmin.pdf')}
          </Button>
        </div>
      </Space>
    </Card>
  );

  // The server orders the caller's steps, primary first (issue 10 item 10, workorders.rules
  // actionsFor); the review and take-back have panels of their own further down.
  const shown = wo.nextActions.filter(
    (a) => (a.via === 'transition' && wo.status !== 'taken_back') || a.via === 'sign' || (a.via === 'dispatch' && canDispatch),
  );
  const label = (a: WoAction) =>
    a.via === 'sign'
      ? t('next.sign')
      : a.via === 'dispatch'
        ? wo.status === 'new'
          ? t('dispatch.assign')
          : t('dispatch.reassign')
        : t(a.emphasis === 'back' && wo.status === 'resolved' ? 'workOrder.steps.reopen' : `workOrder.steps.${a.to}`);
  const take = (a: WoAction) => {
    if (a.via === 'sign') return document.getElementById('wo-sign')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    if (a.via === 'dispatch') return setDispatching(true);
    return a.reason || needsReason(wo.status, a.to) ? setReasonFor(a.to) : step(a.to);
  };
  const actions = shown.length > 0 && (
    <Card size="small" title={t('workOrder.nextSteps')} data-testid="wo-actions">
      <Row gutter={[8, 8]}>
        {shown.map((a) => (
          <Col key={`${a.via}-${a.to}`} xs={24} sm={12} md={8}>
            <Button
              data-testid={a.via === 'sign' ? 'step-sign' : a.via === 'dispatch' ? 'wo-dispatch' : `step-${a.to}`}
              data-emphasis={a.emphasis}
              block
              size="large"
              style={{ height: a.emphasis === 'primary' ? 56 : 48, fontSize: a.emphasis === 'primary' ? 17 : 15 }}
              type={a.emphasis === 'primary' ? 'primary' : 'default'}
              danger={a.emphasis === 'cancel'}
              icon={a.via === 'sign' ? <EditOutlined /> : a.via === 'dispatch' ? <UserSwitchOutlined /> : STEP_ICONS[a.to]}
              loading={busyStep === a.to && a.via === 'transition'}
              onClick={() => take(a)}
            >
              {label(a)}
            </Button>
          </Col>
        ))}
      </Row>
    </Card>
  );

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="wo-page">
      {header}
      {actions}
      {canSign && <SignCard wo={wo} onSigned={set} />}
      <SameDayCard wo={wo} onSaved={set} />
      <TakeBackSection wo={wo} onChanged={() => q.refetch()} />
      {canReview && wo.status === 'signed_off' && <ReviewPanel wo={wo} onDone={set} />}
      {wo.reviews.length > 0 && wo.reviews[0].verdict === 'returned' && wo.status === 'resolved' && (
        <Alert
          type="warning"
          showIcon
          data-testid="wo-returned"
          title={t('workOrder.returnedBy', { name: wo.reviews[0].reviewerName })}
          description={wo.reviews[0].comments}
        />
      )}
      {frozen && wo.signatures.length > 0 && <SignedCard wo={wo} />}
      <ContentCard wo={wo} editable={editable} onSaved={set} />
      <PartsCard wo={wo} editable={editable} onSaved={set} />
      <FeeCard wo={wo} onSaved={set} />
      <PaymentsReversalCard wo={wo} onSaved={set} />
      <VersionsSection wo={wo} onSaved={set} />
      <Card size="small" title={t('workOrder.history')} data-testid="wo-history">
        <Timeline
          items={wo.events.map((e, i) => ({
            key: `${e.at}-${i}`,
            content: (
              <Space direction="vertical" size={0}>
                <span>
                  {e.fromStatus ? `${t(`service.woStatuses.${e.fromStatus}`)} → ` : ''}
                  <strong>{t(`service.woStatuses.${e.toStatus}`)}</strong>
                </span>
                <Typography.Text type="secondary">
                  {dayjs(e.at).format('YYYY-MM-DD HH:mm')} · {e.actorName}
                  {e.reason ? ` · ${e.reason}` : ''}
                </Typography.Text>
              </Space>
            ),
          }))}
        />
      </Card>

      <Modal
        open={!!reasonFor}
        title={reasonFor ? t(wo.status === 'resolved' && reasonFor === 'on_site' ? 'workOrder.steps.reopen' : `workOrder.steps.${reasonFor}`) : ''}
        onCancel={() => setReasonFor(null)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={!!busyStep}
        okButtonProps={{ 'data-testid': 'step-reason-ok' } as Record<string, string>}
        destroyOnHidden
        onOk={async () => {
          const v = await validFields(reasonForm);
          if (!v) return;
          if (reasonFor && (await step(reasonFor, v.reason.trim()))) {
            setReasonFor(null);
            reasonForm.resetFields();
          }
        }}
      >
        <Form form={reasonForm} layout="vertical">
          <Form.Item name="reason" label={t('workOrder.reason')} rules={[{ required: true, whitespace: true, max: 500 }]}>
            <Input.TextArea data-testid="step-reason" rows={3} />
          </Form.Item>
        </Form>
      </Modal>
      {!hospital && (
        <DispatchDialog
          open={dispatching}
          workOrder={wo}
          onClose={() => setDispatching(false)}
          onDone={() => {
            q.refetch();
          }}
        />
      )}
      {!hospital && <RescheduleDialog open={rescheduling} workOrder={wo} onClose={() => setRescheduling(false)} onDone={() => q.refetch()} />}
    </Space>
  );
}

function ContentCard({ wo, editable, onSaved }: { wo: WorkOrder; editable: boolean; onSaved: (w: WorkOrder) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fields = ['phenomenon', 'cause', 'actions', 'testResults', 'explanation'] as const;

  useEffect(() => {
    form.setFieldsValue({
      phenomenon: wo.phenomenon ?? '',
      cause: wo.cause ?? '',
      actions: wo.actions ?? '',
      testResults: wo.testResults ?? '',
      explanation: wo.explanation ?? '',
      labourMinutes: wo.labourMinutes,
      travelMinutes: wo.travelMinutes,
      travelKm: wo.travelKm == null ? null : Number(wo.travelKm),
    });
  }, [wo, form]);

  if (!editable) {
    return (
      <Card size="small" title={t('workOrder.record')} data-testid="wo-content">
        <Descriptions column={1} size="small" bordered>
          {fields.map((f) => (
            <Descriptions.Item key={f} label={t(`workOrder.fields.${f}`)}>
              <span style={{ whiteSpace: 'pre-wrap' }} data-testid={`wo-view-${f}`}>
                {wo[f] || '—'}
              </span>
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('workOrder.fields.labourMinutes')}>{wo.labourMinutes}</Descriptions.Item>
          <Descriptions.Item label={t('workOrder.fields.travelMinutes')}>{wo.travelMinutes}</Descriptions.Item>
          {wo.travelKm != null && <Descriptions.Item label={t('svcAdmin.fee.travelKm')}>{wo.travelKm}</Descriptions.Item>}
        </Descriptions>
      </Card>
    );
  }

  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { version: wo.version };
      for (const f of fields) body[f] = (v[f] as string | undefined)?.trim() || null;
      body.labourMinutes = v.labourMinutes ?? 0;
      body.travelMinutes = v.travelMinutes ?? 0;
      body.travelKm = v.travelKm == null ? null : String(v.travelKm);
      const next = await request<WorkOrder>('PATCH', `/api/v1/work-orders/${wo.id}`, body);
      onSaved(next);
      message.success(t('common.saved'));
    } catch (e) {
      applyFieldErrors(form, e);
      setError(e instanceof ApiError && e.problem.code === 'version_conflict' ? t('common.conflict') : problemText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('workOrder.record')} data-testid="wo-content">
      <Form form={form} layout="vertical" data-testid="wo-content-form">
        <Typography.Title level={5}>{t('workOrder.diagnosis')}</Typography.Title>
        <Form.Item name="phenomenon" label={t('workOrder.fields.phenomenon')} rules={[{ max: 4000 }]}>
          <Input.TextArea data-testid="wo-phenomenon" rows={3} />
        </Form.Item>
        <Form.Item name="cause" label={t('workOrder.fields.cause')} rules={[{ max: 4000 }]}>
          <Input.TextArea data-testid="wo-cause" rows={3} />
        </Form.Item>
        <Form.Item name="actions" label={t('workOrder.fields.actions')} rules={[{ max: 8000 }]}>
          <Input.TextArea data-testid="wo-actions-text" rows={3} />
        </Form.Item>
        <Form.Item name="testResults" label={t('workOrder.fields.testResults')} rules={[{ max: 4000 }]}>
          <Input.TextArea data-testid="wo-tests" rows={2} />
        </Form.Item>
        <Form.Item name="explanation" label={t('workOrder.fields.explanation')} rules={[{ max: 4000 }]}>
          <Input.TextArea data-testid="wo-explanation" rows={2} />
        </Form.Item>
        <Space wrap size={16}>
          <Form.Item name="labourMinutes" label={t('workOrder.fields.labourMinutes')}>
            <InputNumber data-testid="wo-labour" min={0} max={43200} inputMode="numeric" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="travelMinutes" label={t('workOrder.fields.travelMinutes')}>
            <InputNumber data-testid="wo-travel" min={0} max={43200} inputMode="numeric" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="travelKm" label={t('svcAdmin.fee.travelKm')}>
            <InputNumber data-testid="wo-travel-km" min={0} max={999999} precision={1} inputMode="decimal" style={{ width: 140 }} />
          </Form.Item>
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="wo-content-error" />}
        <Button data-testid="wo-save" type="primary" size="large" block loading={busy} onClick={save}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

function PartsCard({ wo, editable, onSaved }: { wo: WorkOrder; editable: boolean; onSaved: (w: WorkOrder) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm();
  const [adding, setAdding] = useState(false);
  const [fromStock, setFromStock] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!editable && wo.parts.length === 0) return null;

  const add = async () => {
    const v = await validFields(form);
    if (!v) return;
    setBusy(true);
    try {
      const body: Record<string, unknown> = { name: v.name.trim(), quantity: String(v.quantity), source: v.source, sourceNote: v.sourceNote.trim() };
      for (const k of ['partNo', 'removedSerial', 'installedSerial']) if (v[k]?.trim()) body[k] = v[k].trim();
      if (v.unitPrice != null) body.unitPrice = String(v.unitPrice);
      onSaved(await request<WorkOrder>('POST', `/api/v1/work-orders/${wo.id}/parts`, body));
      message.success(t('common.saved'));
      setAdding(false);
      form.resetFields();
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = (partId: string) =>
    modal.confirm({
      title: t('common.confirmDelete'),
      okType: 'danger',
      okText: t('common.delete'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await request('DELETE', `/api/v1/work-orders/${wo.id}/parts/${partId}`);
          onSaved(await request<WorkOrder>('GET', `/api/v1/work-orders/${wo.id}`));
        } catch (e) {
          message.error(problemText(e));
        }
      },
    });

  return (
    <Card
      size="small"
      title={t('workOrder.parts')}
      data-testid="wo-parts"
      extra={
        editable && (
          <Space wrap>
            {/* Drawn from a warehouse through the parts ledger (issue 5), or a free line. */}
            <Button data-testid="part-from-stock" type="primary" icon={<PlusOutlined />} onClick={() => setFromStock(true)}>
              {t('van.title')}
            </Button>
            <Button data-testid="part-add" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('van.typed')}
            </Button>
          </Space>
        )
      }
    >
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={wo.parts}
        locale={{ emptyText: t('workOrder.noParts') }}
        columns={[
          { dataIndex: 'name', title: t('workOrder.partName') },
          { dataIndex: 'partNo', title: t('workOrder.partNo') },
          {
            dataIndex: 'source',
            title: t('van.source'),
            render: (v: PartLine['source'], p: PartLine) => (v ? <Tag title={p.sourceNote ?? undefined}>{t(`van.sources.${v}`)}</Tag> : null),
          },
          { dataIndex: 'quantity', title: t('workOrder.quantity'), render: (v) => Number(v) },
          { dataIndex: 'unitPrice', title: t('workOrder.unitPrice') },
          { dataIndex: 'removedSerial', title: t('workOrder.removedSerial') },
          { dataIndex: 'installedSerial', title: t('workOrder.installedSerial') },
          ...(editable
            ? [
                {
                  key: 'del',
                  title: '',
                  render: (_: unknown, p: { id: string }) => (
                    <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(p.id)} aria-label="delete" />
                  ),
                },
              ]
            : []),
        ]}
      />
      <VanPartsDialog
        workOrderId={wo.id}
        open={fromStock}
        onClose={() => setFromStock(false)}
        onTaken={async () => {
          setFromStock(false);
          onSaved(await request<WorkOrder>('GET', `/api/v1/work-orders/${wo.id}`));
        }}
      />
      <Modal
        open={adding}
        title={t('workOrder.addPart')}
        onCancel={() => setAdding(false)}
        onOk={add}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'part-save' } as Record<string, string>}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ quantity: 1 }}>
          {/* A typed line never touches stock: what it is and why must be said (issue 10 item 9). */}
          <Alert type="info" showIcon title={t('van.sourceHint')} style={{ marginBottom: 12 }} />
          <Form.Item name="source" label={t('van.source')} rules={[{ required: true }]}>
            <Radio.Group
              data-testid="part-source"
              options={(['customer_supplied', 'non_stock'] as const).map((k) => ({ value: k, label: t(`van.sources.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="sourceNote" label={t('van.sourceNote')} rules={[{ required: true, whitespace: true, max: 500 }]}>
            <Input data-testid="part-source-note" />
          </Form.Item>
          <Form.Item name="name" label={t('workOrder.partName')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input data-testid="part-name" />
          </Form.Item>
          <Form.Item name="partNo" label={t('workOrder.partNo')} rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item name="quantity" label={t('workOrder.quantity')} rules={[{ required: true }]}>
              <InputNumber min={0.001} step={1} />
            </Form.Item>
            <Form.Item name="unitPrice" label={t('workOrder.unitPrice')}>
              <InputNumber min={0} step={0.01} />
            </Form.Item>
          </Space>
          <Form.Item name="removedSerial" label={t('workOrder.removedSerial')} rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="installedSerial" label={t('workOrder.installedSerial')} rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function SignCard({ wo, onSigned }: { wo: WorkOrder; onSigned: (w: WorkOrder) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ signerName: string; meaning: string }>();
  const [png, setPng] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const sign = async () => {
    const v = await validFields(form);
    if (!v) return;
    if (!png) {
      setError(t('workOrder.signatureRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = await request<WorkOrder>('POST', `/api/v1/work-orders/${wo.id}/sign`, {
        version: wo.version,
        signerName: v.signerName.trim(),
        meaning: v.meaning.trim(),
        signaturePng: png,
      });
      onSigned(next);
      message.success(t('workOrder.signed'));
    } catch (e) {
      applyFieldErrors(form, e);
      setError(e instanceof ApiError && e.problem.code === 'version_conflict' ? t('common.conflict') : problemText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card id="wo-sign" size="small" title={t('workOrder.customerSignature')} data-testid="wo-sign" style={{ borderColor: '#52c41a' }}>
      <Alert type="info" showIcon title={t('workOrder.signIntro')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" initialValues={{ signerName: wo.reporterName, meaning: t('workOrder.defaultMeaning') }}>
        <Form.Item name="signerName" label={t('workOrder.signerName')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="sign-name" size="large" />
        </Form.Item>
        <Form.Item name="meaning" label={t('workOrder.meaning')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input data-testid="sign-meaning" />
        </Form.Item>
        <Form.Item label={t('workOrder.drawnSignature')} required>
          <SignaturePad onChange={setPng} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="sign-error" />}
      <Button data-testid="sign-submit" type="primary" size="large" block style={{ height: 56 }} loading={busy} disabled={!png} onClick={sign}>
        {t('workOrder.confirmSign')}
      </Button>
    </Card>
  );
}

function SignedCard({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  const s = wo.signatures[wo.signatures.length - 1];
  const last = wo.reviews[0];
  return (
    <Card size="small" title={t('workOrder.signedReport')} data-testid="wo-signed" style={{ borderColor: '#52c41a' }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="success" showIcon icon={<LockOutlined />} title={t('workOrder.frozenHint')} />
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('workOrder.signerName')}>
            <span data-testid="signed-name">{s.signerName}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('workOrder.signedAt')}>{dayjs(s.signedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          <Descriptions.Item label={t('workOrder.meaning')}>{s.meaning}</Descriptions.Item>
          <Descriptions.Item label={t('workOrder.contentVersion')}>v{s.contentVersion}</Descriptions.Item>
          <Descriptions.Item label={t('workOrder.contentHash')}>
            <Typography.Text code copyable={{ text: s.contentHash }}>
              {s.contentHash.slice(0, 16)}…
            </Typography.Text>
          </Descriptions.Item>
          {last && (
            <Descriptions.Item label={t('workOrder.review')}>
              <Tag color={last.verdict === 'approved' ? 'green' : 'orange'} icon={last.verdict === 'approved' ? <CheckCircleOutlined /> : <RollbackOutlined />}>
                {t(`workOrder.verdicts.${last.verdict}`)}
              </Tag>
              {last.reviewerName} · {dayjs(last.at).format('MM-DD HH:mm')}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Button data-testid="wo-pdf" icon={<FilePdfOutlined />} href={`/api/v1/work-orders/${wo.id}/report.pdf`} target="_blank" rel="noopener">
          {t('workOrder.pdf')}
        </Button>
      </Space>
    </Card>
  );
}
