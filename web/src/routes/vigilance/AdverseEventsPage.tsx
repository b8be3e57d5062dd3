// Adverse events (不良事件, issue 14 §2, R-REG-2): the register (state, patient impact, overdue,
// search, paging, Excel; cards on a phone), one event with its reporting clock (deadline, time
// left, red when breached), the national form, the reportability decision, the signed submission
// (password again, R-AU-1), follow-ups, closing, supplier / manufacturer notices with the tracked
// reply, the PDF; the possible group events (cluster flags) and the clock settings.
import { AlertOutlined, FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type AdverseEvent,
  type AdverseEventDetail,
  useAdverseEvent,
  useAeSettings,
  useAeStep,
  useCreateAdverseEvent,
  useNoticeReply,
  useReviewCluster,
  useSaveAeSettings,
  useUpdateAdverseEvent,
} from '../../api/hooks/adverseEvents';
import { useAbility } from '../../auth';
import { businessToday } from '../../businessDay';
import { Dialog } from '../../components/Dialog';
import { validFields } from '../../components/forms';
import { ListPage } from '../../components/ListPage';
import { PageTitle } from '../../components/PageTitle';
import { CustomerSelect, DeviceSelect, EnumSelect } from '../../components/pickers';
import { fieldErrorsThen } from '../../components/RecordForm';
import { useProblem } from '../care/common';

const fmt = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
const IMPACTS = ['death', 'serious_injury', 'other', 'none'] as const;
const STATES = ['draft', 'reported', 'follow_up', 'closed'] as const;

/** The reporting clock: time left, amber when warned, red when breached (R-REG-2). */
export function ClockTag({ e }: { e: Pick<AdverseEvent, 'clock'> }) {
  const { t } = useTranslation();
  const ms = Math.abs(e.clock.remainingMs ?? 0);
  const d = Math.floor(ms / 86_400_000);
  const h = Math.floor((ms % 86_400_000) / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const left = d > 0 ? t('vigilance.days', { d, h }) : t('vigilance.hours', { h, m });
  const color = { none: 'default', running: 'blue', warning: 'orange', breached: 'red', met: 'green', met_late: 'volcano' }[e.clock.state];
  return (
    <Tag color={color} data-testid="ae-clock">
      {t(`vigilance.clock.${e.clock.state}`, { left })}
    </Tag>
  );
}

const StateTag = ({ s }: { s: AdverseEvent['state'] }) => {
  const { t } = useTranslation();
  return <Tag color={{ draft: 'default', reported: 'blue', follow_up: 'geekblue', closed: 'green' }[s]}>{t(`vigilance.states.${s}`)}</Tag>;
};

export function AdverseEventsPage() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const canCreate = useAbility('vigilance.create');
  const canSettings = useAbility('vigilance.settings');
  return (
    <>
      <ListPage
        testId="adverse-events"
        title={t('vigilance.menu.list')}
        endpoint="/api/v1/adverse-events"
        exportEndpoint="/api/v1/adverse-events/export"
        exportName="adverse-events.xlsx"
        filterKeys={['state', 'patientImpact', 'overdue']}
        extra={
          <Space wrap>
            {canSettings && <Link to="/adverse-events/settings">{t('vigilance.menu.settings')}</Link>}
            {canCreate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="ae-new">
                {t('vigilance.new')}
              </Button>
            )}
          </Space>
        }
        filters={({ bind }) => (
          <>
            <EnumSelect ns="vigilance.states" values={STATES} placeholder={t('vigilance.state')} {...bind('state')} style={{ width: 120 }} />
            <EnumSelect ns="vigilance.impacts" values={IMPACTS} placeholder={t('vigilance.impact')} {...bind('patientImpact')} style={{ width: 130 }} />
            <Select
              allowClear
              placeholder={t('vigilance.overdue')}
              options={[
                { value: 'true', label: t('vigilance.overdue') },
                { value: 'false', label: t('vigilance.notOverdue') },
              ]}
              {...bind('overdue')}
              style={{ width: 120 }}
            />
          </>
        )}
        columns={[
          { key: 'number', dataIndex: 'number', title: t('vigilance.number'), sorter: true, render: (v, r) => <Link to={`/adverse-events/${r.id}`}>{v}</Link> },
          { key: 'device', title: t('vigilance.device'), render: (_, r) => (r.serialNumber ? `${r.modelName} ${r.serialNumber}` : '—') },
          { key: 'customer', dataIndex: 'customerName', title: t('vigilance.customer') },
          { key: 'impact', title: t('vigilance.impact'), render: (_, r) => t(`vigilance.impacts.${r.patientImpact}`) },
          { key: 'awareAt', dataIndex: 'awareAt', title: t('vigilance.awareAt'), sorter: true, render: (v) => fmt(v) },
          {
            key: 'reportDueAt',
            dataIndex: 'reportDueAt',
            title: t('vigilance.due'),
            sorter: true,
            render: (v, r) =>
              v ? (
                <Space size={4}>
                  {fmt(v)} <ClockTag e={r} />
                </Space>
              ) : (
                '—'
              ),
          },
          { key: 'state', title: t('vigilance.state'), render: (_, r) => <StateTag s={r.state} /> },
        ]}
        card={(r) => ({
          title: r.number,
          tag: <StateTag s={r.state} />,
          lines: [
            <span key="c">{r.customerName}</span>,
            <span key="i">
              {t(`vigilance.impacts.${r.patientImpact}`)} · <ClockTag e={r} />
            </span>,
            <span key="d">{r.description}</span>,
          ],
          to: `/adverse-events/${r.id}`,
        })}
      />
      {creating && <CreateDialog onClose={() => setCreating(false)} />}
    </>
  );
}

function CreateDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const create = useCreateAdverseEvent();
  const problem = useProblem();
  const navigate = useNavigate();
  const customerId = Form.useWatch('customerId', form) as string | undefined;
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    create.mutate(
      {
        customerId: v.customerId ?? null,
        deviceId: v.deviceId ?? null,
        eventDate: v.eventDate,
        awareAt: dayjs(v.awareAt).format(),
        patientImpact: v.patientImpact,
        groupEvent: !!v.groupEvent,
        description: v.description,
        deviceProblem: v.deviceProblem || null,
        actionsTaken: v.actionsTaken || null,
      },
      { onSuccess: (d) => navigate(`/adverse-events/${d.id}`), onError: fieldErrorsThen(form, problem) },
    );
  };
  return (
    <Dialog open title={t('vigilance.new')} onCancel={onClose} onOk={save} confirmLoading={create.isPending} okTestId="ae-create-save">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ eventDate: businessToday().format('YYYY-MM-DD'), awareAt: dayjs().format('YYYY-MM-DDTHH:mm'), patientImpact: 'other' }}
      >
        <Form.Item name="customerId" label={t('vigilance.customer')} rules={[{ required: true }]}>
          <CustomerSelect />
        </Form.Item>
        <Form.Item name="deviceId" label={t('vigilance.device')}>
          <DeviceSelect customerId={customerId} />
        </Form.Item>
        <Form.Item name="eventDate" label={t('vigilance.eventDate')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="awareAt" label={t('vigilance.awareAt')} rules={[{ required: true }]}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="patientImpact" label={t('vigilance.impact')} rules={[{ required: true }]}>
          <EnumSelect ns="vigilance.impacts" values={IMPACTS} allowClear={false} />
        </Form.Item>
        <Form.Item name="groupEvent" valuePropName="checked">
          <Checkbox>{t('vigilance.groupEvent')}</Checkbox>
        </Form.Item>
        <Form.Item name="description" label={t('vigilance.description')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} data-testid="ae-description" />
        </Form.Item>
        <Form.Item name="deviceProblem" label={t('vigilance.deviceProblem')}>
          <Input />
        </Form.Item>
        <Form.Item name="actionsTaken" label={t('vigilance.actionsTaken')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

type Action = 'decide' | 'submit' | 'followUp' | 'close' | 'notify' | 'edit' | null;

export function AdverseEventPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const q = useAdverseEvent(id);
  const [action, setAction] = useState<Action>(null);
  const e = q.data;
  if (!e) return <Card loading={q.isLoading} />;
  const zh = i18n.language.startsWith('zh');
  const label = (k: string) => {
    const f = e.formFields.find((x) => x.key === k);
    return f ? (zh ? f.zh : f.en) : k;
  };
  const a = e.abilities;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="ae-detail">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>
          <AlertOutlined /> {t('vigilance.menu.list')} · {e.number} <StateTag s={e.state} />
        </PageTitle>
        <Space wrap>
          {a.edit && <Button onClick={() => setAction('edit')}>{t('vigilance.edit')}</Button>}
          {a.decide && <Button onClick={() => setAction('decide')}>{t('vigilance.decide')}</Button>}
          {a.submit && (
            <Button type="primary" onClick={() => setAction('submit')} data-testid="ae-submit">
              {t('vigilance.submit')}
            </Button>
          )}
          {a.followUp && <Button onClick={() => setAction('followUp')}>{t('vigilance.followUp')}</Button>}
          {a.notifySupplier && <Button onClick={() => setAction('notify')}>{t('vigilance.notify')}</Button>}
          {a.close && <Button onClick={() => setAction('close')}>{t('vigilance.close')}</Button>}
          <Button icon={<FilePdfOutlined />} href={`/api/v1/adverse-events/${e.id}/report.pdf`} target="_blank" rel="noopener" data-testid="ae-pdf">
            {t('vigilance.pdf')}
          </Button>
        </Space>
      </Space>
      {e.reportDueAt && (
        <Alert
          type={e.clock.state === 'breached' ? 'error' : e.clock.state === 'warning' ? 'warning' : e.clock.state === 'met_late' ? 'error' : 'info'}
          showIcon
          data-testid="ae-clock-banner"
          title={
            <Space wrap>
              <strong>
                {t('vigilance.due')}：{fmt(e.reportDueAt)}
              </strong>
              <ClockTag e={e} />
            </Space>
          }
        />
      )}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('vigilance.device')}>
            {e.deviceId ? (
              <Link to={`/devices/${e.deviceId}`}>
                {e.modelName} {e.serialNumber}
              </Link>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('vigilance.customer')}>{e.customerName}</Descriptions.Item>
          {e.complaintId && (
            <Descriptions.Item label={t('vigilance.complaint')}>
              <Link to={`/complaints/${e.complaintId}`}>{e.complaintNumber}</Link>
            </Descriptions.Item>
          )}
          {e.workOrderId && (
            <Descriptions.Item label={t('vigilance.workOrder')}>
              <Link to={`/work-orders/${e.workOrderId}`}>{e.workOrderNumber}</Link>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('vigilance.eventDate')}>{e.eventDate}</Descriptions.Item>
          <Descriptions.Item label={t('vigilance.awareAt')}>{fmt(e.awareAt)}</Descriptions.Item>
          <Descriptions.Item label={t('vigilance.impact')}>{t(`vigilance.impacts.${e.patientImpact}`)}</Descriptions.Item>
          <Descriptions.Item label={t('vigilance.groupEvent')}>{e.groupEvent ? t('vigilance.yes') : t('vigilance.no')}</Descriptions.Item>
          <Descriptions.Item label={t('vigilance.description')}>{e.description}</Descriptions.Item>
          <Descriptions.Item label={t('vigilance.deviceProblem')}>{e.deviceProblem ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('vigilance.actionsTaken')}>{e.actionsTaken ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('vigilance.reportable')}>
            {e.reportable === null ? t('vigilance.undecided') : e.reportable ? t('vigilance.yes') : t('vigilance.no')}
            {e.reportabilityReason ? `：${e.reportabilityReason}` : ''}
            {e.decidedByName ? `（${e.decidedByName} ${fmt(e.decidedAt)}）` : ''}
          </Descriptions.Item>
          {e.reportNumber && (
            <>
              <Descriptions.Item label={t('vigilance.reportNumber')}>{e.reportNumber}</Descriptions.Item>
              <Descriptions.Item label={t('vigilance.reportedOn')}>{e.reportedOn}</Descriptions.Item>
              <Descriptions.Item label={t('vigilance.submittedBy')}>{e.submittedByName}</Descriptions.Item>
            </>
          )}
          {e.evaluation && <Descriptions.Item label={t('vigilance.evaluation')}>{e.evaluation}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={t('vigilance.form')}>
        {e.missingFormFields.length > 0 && e.state === 'draft' && (
          <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('vigilance.missing', { fields: e.missingFormFields.map(label).join('、') })} />
        )}
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          {e.formFields.map((f) => {
            const v = e.reportForm[f.key];
            const shown = f.options ? f.options.find((o) => o.value === v)?.[zh ? 'zh' : 'en'] : v;
            return (
              <Descriptions.Item key={f.key} label={zh ? f.zh : f.en}>
                {shown || '—'}
              </Descriptions.Item>
            );
          })}
        </Descriptions>
      </Card>
      {e.reports.length > 0 && (
        <Card size="small" title={t('vigilance.reports')}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={e.reports}
            columns={[
              { key: 'kind', title: t('vigilance.state'), render: (_, r) => t(`vigilance.kinds.${r.kind}`) },
              { key: 'date', dataIndex: 'reportDate', title: t('vigilance.reportDate') },
              { key: 'number', dataIndex: 'reportNumber', title: t('vigilance.reportNumber') },
              { key: 'content', dataIndex: 'content', title: t('vigilance.content') },
              { key: 'by', dataIndex: 'submittedByName', title: t('vigilance.submittedBy') },
            ]}
            scroll={{ x: true }}
          />
        </Card>
      )}
      {e.signatures.length > 0 && (
        <Card size="small" title={t('vigilance.signatures')}>
          {e.signatures.map((s) => (
            <Typography.Paragraph key={s.contentHash} copyable={{ text: s.contentHash }} style={{ marginBottom: 4 }}>
              {s.line}
            </Typography.Paragraph>
          ))}
        </Card>
      )}
      {e.notices.length > 0 && <NoticesCard e={e} />}
      <ActionDialog e={e} action={action} onClose={() => setAction(null)} />
    </Space>
  );
}

function NoticesCard({ e }: { e: AdverseEventDetail }) {
  const { t } = useTranslation();
  const [replying, setReplying] = useState<string | null>(null);
  const [form] = Form.useForm();
  const reply = useNoticeReply();
  const problem = useProblem();
  const notice = e.notices.find((n) => n.id === replying);
  const save = async () => {
    const v = await validFields(form);
    if (!v || !notice) return;
    reply.mutate(
      { id: e.id, noticeId: notice.id, version: notice.version, replyText: v.replyText, repliedOn: v.repliedOn },
      { onSuccess: () => setReplying(null), onError: fieldErrorsThen(form, problem) },
    );
  };
  return (
    <Card size="small" title={t('vigilance.notices')}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={e.notices}
        scroll={{ x: true }}
        columns={[
          { key: 'to', dataIndex: 'recipient', title: t('vigilance.recipient') },
          { key: 'sent', dataIndex: 'sentAt', title: t('vigilance.sentAt'), render: (v) => fmt(v) },
          { key: 'content', dataIndex: 'content', title: t('vigilance.content') },
          { key: 'due', dataIndex: 'replyDue', title: t('vigilance.replyDue') },
          {
            key: 'reply',
            title: t('vigilance.replyText'),
            render: (_, n) =>
              n.repliedOn ? (
                `${n.repliedOn}：${n.replyText}`
              ) : (
                <Space>
                  <Tag color={n.overdue ? 'red' : 'default'}>{n.overdue ? t('vigilance.noticeOverdue') : t('vigilance.awaiting')}</Tag>
                  {e.abilities.notifySupplier && (
                    <Button size="small" onClick={() => setReplying(n.id)}>
                      {t('vigilance.reply')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <Dialog open={!!replying} title={t('vigilance.reply')} onCancel={() => setReplying(null)} onOk={save} confirmLoading={reply.isPending}>
        <Form form={form} layout="vertical" initialValues={{ repliedOn: businessToday().format('YYYY-MM-DD') }}>
          <Form.Item name="replyText" label={t('vigilance.replyText')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="repliedOn" label={t('vigilance.repliedOn')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
        </Form>
      </Dialog>
    </Card>
  );
}

function ActionDialog({ e, action, onClose }: { e: AdverseEventDetail; action: Action; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const problem = useProblem();
  const [form] = Form.useForm();
  const update = useUpdateAdverseEvent();
  const decide = useAeStep('/api/v1/adverse-events/{id}/decide');
  const submit = useAeStep('/api/v1/adverse-events/{id}/submit');
  const followUp = useAeStep('/api/v1/adverse-events/{id}/follow-ups');
  const close = useAeStep('/api/v1/adverse-events/{id}/close');
  const notify = useAeStep('/api/v1/adverse-events/{id}/notices');
  const done = {
    onSuccess: () => {
      form.resetFields();
      onClose();
    },
    onError: fieldErrorsThen(form, problem),
  };
  const today = businessToday().format('YYYY-MM-DD');
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    const base = { id: e.id, version: e.version };
    if (action === 'edit') {
      const reportForm = Object.fromEntries(e.formFields.map((f) => [f.key, v.form?.[f.key] || null]));
      update.mutate(
        {
          ...base,
          patientImpact: v.patientImpact,
          groupEvent: !!v.groupEvent,
          awareAt: dayjs(v.awareAt).format(),
          eventDate: v.eventDate,
          description: v.description,
          deviceProblem: v.deviceProblem || null,
          actionsTaken: v.actionsTaken || null,
          reportForm,
        },
        done,
      );
    }
    if (action === 'decide') decide.mutate({ ...base, reportable: v.reportable === 'yes', reason: v.reason }, done);
    if (action === 'submit') submit.mutate({ ...base, reportNumber: v.reportNumber, reportedOn: v.reportedOn, password: v.password }, done);
    if (action === 'followUp')
      followUp.mutate({ ...base, kind: v.kind, reportDate: v.reportDate, reportNumber: v.reportNumber || null, content: v.content }, done);
    if (action === 'close') close.mutate({ ...base, evaluation: v.evaluation }, done);
    if (action === 'notify') notify.mutate({ ...base, recipient: v.recipient || null, content: v.content, replyDue: v.replyDue }, done);
  };
  const titles = {
    edit: t('vigilance.edit'),
    decide: t('vigilance.decide'),
    submit: t('vigilance.submit'),
    followUp: t('vigilance.followUp'),
    close: t('vigilance.close'),
    notify: t('vigilance.notify'),
  };
  const pending = update.isPending || decide.isPending || submit.isPending || followUp.isPending || close.isPending || notify.isPending;
  return (
    <Dialog
      open={action !== null}
      title={action ? titles[action] : ''}
      onCancel={onClose}
      onOk={save}
      confirmLoading={pending}
      okTestId="ae-action-save"
      width={action === 'edit' ? 760 : undefined}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          patientImpact: e.patientImpact,
          groupEvent: e.groupEvent,
          awareAt: dayjs(e.awareAt).format('YYYY-MM-DDTHH:mm'),
          eventDate: e.eventDate,
          description: e.description,
          deviceProblem: e.deviceProblem,
          actionsTaken: e.actionsTaken,
          form: e.reportForm,
          reportedOn: today,
          reportDate: today,
          kind: 'follow_up',
          replyDue: businessToday().add(14, 'day').format('YYYY-MM-DD'),
          recipient: e.manufacturer ?? '',
        }}
      >
        {action === 'edit' && (
          <>
            <Form.Item name="patientImpact" label={t('vigilance.impact')} rules={[{ required: true }]}>
              <EnumSelect ns="vigilance.impacts" values={IMPACTS} allowClear={false} />
            </Form.Item>
            <Form.Item name="groupEvent" valuePropName="checked">
              <Checkbox>{t('vigilance.groupEvent')}</Checkbox>
            </Form.Item>
            <Form.Item name="eventDate" label={t('vigilance.eventDate')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="awareAt" label={t('vigilance.awareAt')} rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="description" label={t('vigilance.description')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="deviceProblem" label={t('vigilance.deviceProblem')}>
              <Input />
            </Form.Item>
            <Form.Item name="actionsTaken" label={t('vigilance.actionsTaken')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Typography.Title level={5}>{t('vigilance.form')}</Typography.Title>
            {e.formFields.map((f) => (
              <Form.Item key={f.key} name={['form', f.key]} label={zh ? f.zh : f.en} required={f.required}>
                {f.options ? (
                  <Select allowClear options={f.options.map((o) => ({ value: o.value, label: zh ? o.zh : o.en }))} />
                ) : f.kind === 'date' ? (
                  <Input type="date" />
                ) : f.kind === 'longtext' ? (
                  <Input.TextArea rows={2} />
                ) : (
                  <Input />
                )}
              </Form.Item>
            ))}
          </>
        )}
        {action === 'decide' && (
          <>
            <Form.Item name="reportable" label={t('vigilance.reportable')} rules={[{ required: true }]}>
              <Select
                options={[
                  { value: 'yes', label: t('vigilance.yes') },
                  { value: 'no', label: t('vigilance.no') },
                ]}
                data-testid="ae-reportable"
              />
            </Form.Item>
            <Form.Item name="reason" label={t('vigilance.reason')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        {action === 'submit' && (
          <>
            <Typography.Paragraph type="secondary">{t('vigilance.submitHint')}</Typography.Paragraph>
            <Form.Item name="reportNumber" label={t('vigilance.reportNumber')} rules={[{ required: true, whitespace: true }]}>
              <Input data-testid="ae-report-number" />
            </Form.Item>
            <Form.Item name="reportedOn" label={t('vigilance.reportedOn')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="password" label={t('vigilance.password')} rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" data-testid="ae-password" />
            </Form.Item>
          </>
        )}
        {action === 'followUp' && (
          <>
            <Form.Item name="kind" label={t('vigilance.state')} rules={[{ required: true }]}>
              <EnumSelect ns="vigilance.kinds" values={['follow_up', 'final']} allowClear={false} />
            </Form.Item>
            <Form.Item name="reportDate" label={t('vigilance.reportDate')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="reportNumber" label={t('vigilance.reportNumber')}>
              <Input />
            </Form.Item>
            <Form.Item name="content" label={t('vigilance.content')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        )}
        {action === 'close' && (
          <Form.Item name="evaluation" label={t('vigilance.evaluation')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {action === 'notify' && (
          <>
            <Typography.Paragraph type="secondary">{t('vigilance.recipientHint', { m: e.manufacturer ?? '—' })}</Typography.Paragraph>
            <Form.Item name="recipient" label={t('vigilance.recipient')}>
              <Input />
            </Form.Item>
            <Form.Item name="content" label={t('vigilance.content')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="replyDue" label={t('vigilance.replyDue')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
          </>
        )}
      </Form>
    </Dialog>
  );
}

export function AdverseEventClustersPage() {
  const { t } = useTranslation();
  const canReview = useAbility('vigilance.reviewCluster');
  const [reviewing, setReviewing] = useState<{ id: string; version: number } | null>(null);
  const [form] = Form.useForm();
  const review = useReviewCluster();
  const problem = useProblem();
  const save = async () => {
    const v = await validFields(form);
    if (!v || !reviewing) return;
    review.mutate({ ...reviewing, note: v.note }, { onSuccess: () => setReviewing(null), onError: fieldErrorsThen(form, problem) });
  };
  return (
    <>
      <ListPage
        testId="adverse-event-clusters"
        title={t('vigilance.menu.clusters')}
        endpoint="/api/v1/adverse-event-clusters"
        filterKeys={['state']}
        filters={({ bind }) => (
          <EnumSelect
            ns="vigilance.clusters.states"
            values={['open', 'reviewed']}
            placeholder={t('vigilance.state')}
            {...bind('state')}
            style={{ width: 120 }}
          />
        )}
        columns={[
          { key: 'model', dataIndex: 'modelName', title: t('vigilance.clusters.model') },
          { key: 'fault', dataIndex: 'faultLabel', title: t('vigilance.clusters.fault') },
          { key: 'customers', dataIndex: 'customerCount', title: t('vigilance.clusters.customers') },
          {
            key: 'events',
            title: t('vigilance.clusters.events'),
            render: (_, r) => (
              <Space wrap size={4}>
                {r.events.map((x) => (
                  <Link key={x.id} to={`/adverse-events/${x.id}`}>
                    {x.number}（{x.customerName}）
                  </Link>
                ))}
              </Space>
            ),
          },
          { key: 'period', title: t('vigilance.clusters.period'), render: (_, r) => `${fmt(r.firstAwareAt)} ~ ${fmt(r.lastAwareAt)}` },
          {
            key: 'state',
            title: t('vigilance.state'),
            render: (_, r) =>
              r.state === 'open' ? (
                canReview ? (
                  <Button size="small" danger onClick={() => setReviewing({ id: r.id, version: r.version })}>
                    {t('vigilance.clusters.review')}
                  </Button>
                ) : (
                  <Tag color="red">{t('vigilance.clusters.states.open')}</Tag>
                )
              ) : (
                <span>
                  <Tag color="green">{t('vigilance.clusters.states.reviewed')}</Tag> {r.reviewNote}（{r.reviewedByName}）
                </span>
              ),
          },
        ]}
        card={(r) => ({
          title: `${r.modelName} · ${r.faultLabel}`,
          tag: <Tag color={r.state === 'open' ? 'red' : 'green'}>{t(`vigilance.clusters.states.${r.state}`)}</Tag>,
          lines: [
            <span key="c">{`${t('vigilance.clusters.customers')}：${r.customerCount}`}</span>,
            <span key="e">{r.events.map((x) => x.number).join('、')}</span>,
          ],
        })}
      />
      <Dialog open={!!reviewing} title={t('vigilance.clusters.review')} onCancel={() => setReviewing(null)} onOk={save} confirmLoading={review.isPending}>
        <Form form={form} layout="vertical">
          <Form.Item name="note" label={t('vigilance.clusters.note')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Dialog>
    </>
  );
}

const SETTING_KEYS = ['deathDays', 'seriousInjuryDays', 'otherDays', 'groupEventHours', 'clusterMinCustomers', 'clusterWindowDays'] as const;

export function AdverseEventSettingsPage() {
  const { t } = useTranslation();
  const q = useAeSettings();
  const saveSettings = useSaveAeSettings();
  const problem = useProblem();
  const [form] = Form.useForm();
  const s = q.data;
  if (!s) return <Card loading={q.isLoading} />;
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    saveSettings.mutate({ version: s.version, ...Object.fromEntries(SETTING_KEYS.map((k) => [k, v[k]])) } as Parameters<typeof saveSettings.mutate>[0], {
      onError: fieldErrorsThen(form, problem),
    });
  };
  return (
    <Card title={t('vigilance.settings.title')} data-testid="ae-settings">
      <Typography.Paragraph type="secondary">{t('vigilance.settings.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={s} disabled={!s.canEdit} key={s.version}>
        {SETTING_KEYS.map((k) => (
          <Form.Item key={k} name={k} label={t(`vigilance.settings.${k}`)} rules={[{ required: true }]}>
            <InputNumber min={1} max={k === 'groupEventHours' ? 720 : 365} style={{ width: 160 }} />
          </Form.Item>
        ))}
        {s.canEdit && (
          <Button type="primary" onClick={save} loading={saveSettings.isPending}>
            {t('vigilance.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
