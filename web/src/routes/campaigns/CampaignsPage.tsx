// 召回与现场行动 (issue 14 §3, R-REG-3, R-UP-1): the campaign register (type, state, search, paging,
// Excel export; cards on a phone) and the new-campaign dialog; the campaign page with its tabs —
// selection (criteria, preview, freeze), notices (sent, acknowledged, overdue; a recorded call),
// units (consent, work order, outcome), progress by customer and region, close with the password.
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Progress, Select, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { download } from '../../api';
import {
  type CampaignCriteria,
  type CampaignDetail,
  type CampaignNotice,
  type CampaignPreview,
  type CampaignSerialFile,
  type CampaignUnit,
  useAckNotice,
  useCampaign,
  useCampaignNotices,
  useCampaignProgress,
  useCampaignUnits,
  useCloseCampaign,
  useCreateCampaign,
  useFreezeCampaign,
  useNotifyCampaign,
  usePreviewCampaign,
  useSerialsFile,
  useUnitStep,
} from '../../api/hooks/campaigns';
import { useAbility } from '../../auth';
import { Dialog } from '../../components/Dialog';
import { validFields } from '../../components/forms';
import { ListPage } from '../../components/ListPage';
import { PageTitle } from '../../components/PageTitle';
import { EnumSelect, ModelSelect } from '../../components/pickers';
import { fieldErrorsThen } from '../../components/RecordForm';
import { fmt, useProblem } from '../care/common';

const TYPES = ['recall_1', 'recall_2', 'recall_3', 'field_safety_notice', 'technical_upgrade', 'spec_change'] as const;
const STATUS_COLOR: Record<string, string> = { draft: 'default', notifying: 'orange', in_progress: 'blue', closed: 'green' };

export function CampaignStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`campaigns.statuses.${status}`)}</Tag>;
}

export function CampaignsPage() {
  const { t } = useTranslation();
  const canManage = useAbility('campaigns.manage');
  const [open, setOpen] = useState(false);
  return (
    <>
      <ListPage
        testId="campaigns"
        title={t('campaigns.menu.list')}
        endpoint="/api/v1/campaigns"
        exportEndpoint="/api/v1/campaigns/export"
        exportName="campaigns.xlsx"
        filterKeys={['type', 'status']}
        extra={
          canManage && (
            <Button type="primary" onClick={() => setOpen(true)} data-testid="campaign-new">
              {t('campaigns.new')}
            </Button>
          )
        }
        filters={({ bind }) => (
          <>
            <EnumSelect ns="campaigns.types" values={TYPES} placeholder={t('campaigns.type')} {...bind('type')} style={{ width: 160 }} />
            <EnumSelect
              ns="campaigns.statuses"
              values={['draft', 'notifying', 'in_progress', 'closed']}
              placeholder={t('campaigns.status')}
              {...bind('status')}
              style={{ width: 120 }}
            />
          </>
        )}
        columns={[
          { key: 'number', dataIndex: 'number', title: t('campaigns.number'), sorter: true, render: (v, r) => <Link to={`/campaigns/${r.id}`}>{v}</Link> },
          { key: 'type', dataIndex: 'type', title: t('campaigns.type'), render: (v) => t(`campaigns.types.${v}`) },
          { key: 'title', dataIndex: 'title', title: t('campaigns.title'), ellipsis: true },
          { key: 'status', dataIndex: 'status', title: t('campaigns.status'), render: (v) => <CampaignStatusTag status={v} /> },
          { key: 'units', title: t('campaigns.units'), render: (_, r) => `${r.unitsDone}/${r.units}` },
          { key: 'customers', title: t('campaigns.acked'), render: (_, r) => `${r.customersAcked}/${r.customers}` },
          { key: 'createdAt', dataIndex: 'createdAt', title: t('campaigns.createdAt'), sorter: true, render: (v) => fmt(v) },
        ]}
        card={(r) => ({
          title: `${r.number} ${r.title}`,
          tag: <CampaignStatusTag status={r.status} />,
          lines: [
            <span key="t">{t(`campaigns.types.${r.type}`)}</span>,
            <span key="u">
              {t('campaigns.units')}：{r.unitsDone}/{r.units} · {t('campaigns.acked')}：{r.customersAcked}/{r.customers}
            </span>,
          ],
          to: `/campaigns/${r.id}`,
        })}
      />
      <NewCampaignDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}

function NewCampaignDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const problem = useProblem();
  const create = useCreateCampaign();
  const navigate = useNavigate();
  const type = Form.useWatch('type', form);
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    create.mutate(
      {
        type: v.type,
        title: v.title,
        reason: v.reason,
        noticeContent: v.noticeContent,
        deadlineDays: v.deadlineDays ?? undefined,
        costFee: v.costFee ? String(v.costFee) : null,
      },
      { onSuccess: (c) => navigate(`/campaigns/${c.id}`), onError: fieldErrorsThen(form, problem) },
    );
  };
  return (
    <Dialog open={open} title={t('campaigns.new')} onCancel={onClose} onOk={save} confirmLoading={create.isPending} okTestId="campaign-create">
      <Form form={form} layout="vertical" initialValues={{ type: 'recall_2' }}>
        <Form.Item name="type" label={t('campaigns.type')} rules={[{ required: true }]}>
          <EnumSelect ns="campaigns.types" values={TYPES} data-testid="campaign-type" />
        </Form.Item>
        <Form.Item name="title" label={t('campaigns.title')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="campaign-title" />
        </Form.Item>
        <Form.Item name="reason" label={t('campaigns.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={2} data-testid="campaign-reason" />
        </Form.Item>
        <Form.Item name="noticeContent" label={t('campaigns.noticeContent')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={4} data-testid="campaign-notice" />
        </Form.Item>
        <Form.Item name="deadlineDays" label={t('campaigns.deadlineDays')} extra={t('campaigns.deadlineHint')}>
          <InputNumber min={1} max={365} />
        </Form.Item>
        {type === 'technical_upgrade' && (
          <Form.Item name="costFee" label={t('campaigns.costFee')}>
            <InputNumber min={0} precision={2} />
          </Form.Item>
        )}
      </Form>
    </Dialog>
  );
}

export function CampaignPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useCampaign(id);
  const c = q.data;
  if (!c) return <Card loading={q.isLoading} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="campaign-detail">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>
          {c.number} · {c.title} <CampaignStatusTag status={c.status} />
        </PageTitle>
        <Space wrap>
          <Button onClick={() => download(`/api/v1/campaigns/${c.id}/report.pdf`, `${c.number}.pdf`)}>{t('campaigns.report')}</Button>
          <Button onClick={() => download(`/api/v1/campaigns/${c.id}/report.xlsx`, `${c.number}.xlsx`)}>{t('campaigns.reportXlsx')}</Button>
        </Space>
      </Space>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('campaigns.type')}>{t(`campaigns.types.${c.type}`)}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.reason')}>{c.reason}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.deadlineDays')}>
            {c.deadlineDays}
            {c.noticeDeadline ? ` · ${t('campaigns.deadline')} ${fmt(c.noticeDeadline)}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.units')}>
            <span data-testid="campaign-units-count">
              {c.unitsDone}/{c.units}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.acked')}>
            {c.customersAcked}/{c.customers}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.contentVersion')}>{c.contentVersion}</Descriptions.Item>
          {c.costFee && <Descriptions.Item label={t('campaigns.costFee')}>{c.costFee}</Descriptions.Item>}
          <Descriptions.Item label={t('campaigns.noticeContent')} span={3}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.noticeContent}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Tabs
        defaultActiveKey={c.frozenAt ? (c.status === 'draft' ? 'selection' : 'units') : 'selection'}
        items={[
          { key: 'selection', label: t('campaigns.tabs.selection'), children: <SelectionTab c={c} /> },
          { key: 'notices', label: <span data-testid="tab-notices">{t('campaigns.tabs.notices')}</span>, children: <NoticesTab c={c} /> },
          { key: 'units', label: <span data-testid="tab-units">{t('campaigns.tabs.units')}</span>, children: <UnitsTab c={c} /> },
          { key: 'progress', label: t('campaigns.tabs.progress'), children: <ProgressTab c={c} /> },
          { key: 'close', label: <span data-testid="tab-close">{t('campaigns.tabs.close')}</span>, children: <CloseTab c={c} /> },
        ]}
      />
    </Space>
  );
}

function criteriaOf(v: Record<string, string | undefined>): CampaignCriteria {
  const list = (s: string | undefined, sep: RegExp) =>
    s
      ?.split(sep)
      .map((x) => x.trim())
      .filter(Boolean);
  const versions = list(v.softwareVersions, /[,，]/);
  const serials = list(v.serials, /[\n,，;\t]/);
  return {
    modelId: v.modelId || undefined,
    serialFrom: v.serialFrom?.trim() || undefined,
    serialTo: v.serialTo?.trim() || undefined,
    softwareVersions: versions?.length ? versions : undefined,
    partLot: v.partLot?.trim() || undefined,
    partNo: v.partNo?.trim() || undefined,
    serials: serials?.length ? serials : undefined,
  };
}

function SelectionTab({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const problem = useProblem();
  const preview = usePreviewCampaign(c.id);
  const freeze = useFreezeCampaign(c.id);
  const notify = useNotifyCampaign(c.id);
  const [result, setResult] = useState<CampaignPreview | null>(null);
  const serialsFile = useSerialsFile(c.id);
  const [fileRead, setFileRead] = useState<CampaignSerialFile | null>(null);
  // R-REG-3: the file's matched serials go into the pasted list, so preview and freeze are the same path.
  const upload = (file: File) => {
    serialsFile.mutate(
      { file, modelId: form.getFieldValue('modelId') || undefined },
      {
        onSuccess: (r) => {
          setFileRead(r);
          form.setFieldValue('serials', r.serials.join('\n'));
          setResult(r.preview);
        },
        onError: problem,
      },
    );
    return false;
  };
  const run = (then: 'preview' | 'freeze') => {
    const criteria = criteriaOf(form.getFieldsValue());
    if (then === 'preview') preview.mutate(criteria, { onSuccess: setResult, onError: fieldErrorsThen(form, problem) });
    else freeze.mutate({ version: c.version, criteria }, { onError: fieldErrorsThen(form, problem) });
  };
  const crit = c.criteria;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {c.frozenAt ? (
        <Alert
          type="success"
          showIcon
          title={`${t('campaigns.frozen')} · ${fmt(c.frozenAt)} · ${c.frozenByName ?? ''} · ${t('campaigns.units')} ${c.units} · ${t('campaigns.customers')} ${c.customers}`}
          description={crit ? <code>{JSON.stringify(crit)}</code> : null}
        />
      ) : (
        <Form form={form} layout="vertical" disabled={!c.abilities.freeze}>
          <Space wrap align="start">
            <Form.Item name="modelId" label={t('campaigns.criteria.model')}>
              <ModelSelect allowClear style={{ width: 240 }} data-testid="criteria-model" />
            </Form.Item>
            <Form.Item name="serialFrom" label={t('campaigns.criteria.serialFrom')}>
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="serialTo" label={t('campaigns.criteria.serialTo')}>
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="softwareVersions" label={t('campaigns.criteria.softwareVersions')}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="partLot" label={t('campaigns.criteria.partLot')}>
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="partNo" label={t('campaigns.criteria.partNo')}>
              <Input style={{ width: 140 }} />
            </Form.Item>
          </Space>
          <Form.Item name="serials" label={t('campaigns.criteria.serials')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Space align="center" style={{ marginBottom: 12 }}>
            <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={upload} disabled={!c.abilities.freeze}>
              <Button loading={serialsFile.isPending} data-testid="campaign-serials-upload">
                {t('campaigns.upload.button')}
              </Button>
            </Upload>
            <Typography.Text type="secondary">{t('campaigns.upload.hint')}</Typography.Text>
          </Space>
          {fileRead && (
            <Card size="small" style={{ marginBottom: 12 }}>
              <Typography.Paragraph data-testid="campaign-serials-read">
                {t('campaigns.upload.read', { rows: fileRead.rows, matched: fileRead.serials.length, unmatched: fileRead.unmatched.length })}
              </Typography.Paragraph>
              {fileRead.unmatched.length > 0 && (
                <Table
                  size="small"
                  rowKey="row"
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  dataSource={fileRead.unmatched}
                  data-testid="campaign-serials-unmatched"
                  columns={[
                    { key: 'row', dataIndex: 'row', title: t('campaigns.upload.row'), width: 80 },
                    { key: 'serial', dataIndex: 'serial', title: t('campaigns.serial') },
                    {
                      key: 'reason',
                      title: t('campaigns.upload.reason'),
                      render: (_: unknown, l: CampaignSerialFile['unmatched'][number]) => t(`campaigns.upload.reasons.${l.reason}`, { first: l.firstRow }),
                    },
                  ]}
                />
              )}
            </Card>
          )}
          <Space>
            <Button onClick={() => run('preview')} loading={preview.isPending} data-testid="campaign-preview">
              {t('campaigns.preview')}
            </Button>
            <Button
              type="primary"
              onClick={() => run('freeze')}
              loading={freeze.isPending}
              disabled={!result || result.total === 0}
              data-testid="campaign-freeze"
            >
              {t('campaigns.freeze')}
            </Button>
          </Space>
        </Form>
      )}
      {!c.frozenAt && result && (
        <Card
          size="small"
          title={<span data-testid="campaign-preview-total">{t('campaigns.previewTotal', { total: result.total, customers: result.customers })}</span>}
        >
          <Table
            size="small"
            rowKey="customerId"
            pagination={false}
            dataSource={result.byCustomer}
            columns={[
              { key: 'c', dataIndex: 'customerName', title: t('campaigns.customers') },
              { key: 'u', dataIndex: 'units', title: t('campaigns.units') },
            ]}
          />
        </Card>
      )}
      {c.abilities.notify && (
        <Alert
          type="warning"
          showIcon
          title={t('campaigns.notifyHint')}
          action={
            <Button
              type="primary"
              danger
              loading={notify.isPending}
              onClick={() => notify.mutate(c.version, { onError: problem })}
              data-testid="campaign-notify"
            >
              {t('campaigns.notify')}
            </Button>
          }
        />
      )}
    </Space>
  );
}

function NoticeStateTag({ n }: { n: CampaignNotice }) {
  const { t } = useTranslation();
  if (n.ackAt) return <Tag color="green">{t('campaigns.noticeStates.acked')}</Tag>;
  if (n.overdue) return <Tag color="red">{t('campaigns.noticeStates.overdue')}</Tag>;
  if (n.sentAt) return <Tag color="orange">{t('campaigns.noticeStates.sent')}</Tag>;
  return <Tag>{t('campaigns.noticeStates.unsent')}</Tag>;
}

function NoticesTab({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const [state, setState] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const q = useCampaignNotices(c.id, { page, pageSize: 20, state: state as never });
  const canAck = useAbility('campaigns.acknowledge');
  const [calling, setCalling] = useState<CampaignNotice | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <EnumSelect
        ns="campaigns.noticeStates"
        values={['unsent', 'sent', 'acked', 'overdue']}
        allowClear
        value={state}
        onChange={setState}
        style={{ width: 160 }}
        placeholder={t('campaigns.status')}
      />
      <Table
        size="small"
        rowKey="id"
        data-testid="campaign-notices-table"
        loading={q.isLoading}
        dataSource={q.data?.items}
        pagination={{ current: page, pageSize: 20, total: q.data?.total, onChange: setPage }}
        scroll={{ x: true }}
        columns={[
          { key: 'c', dataIndex: 'customerName', title: t('campaigns.customers') },
          { key: 'u', dataIndex: 'unitCount', title: t('campaigns.units') },
          { key: 's', title: t('campaigns.status'), render: (_, n) => <NoticeStateTag n={n} /> },
          { key: 'sent', dataIndex: 'sentAt', title: t('campaigns.sentAt'), render: (v) => fmt(v) },
          { key: 'ch', title: t('campaigns.channel'), render: (_, n) => (n.channel ? `${n.channel} · v${n.contentVersion}` : '') },
          { key: 'ack', dataIndex: 'ackAt', title: t('campaigns.ackAt'), render: (v) => fmt(v) },
          { key: 'by', title: t('campaigns.ackBy'), render: (_, n) => (n.ackByName ? `${n.ackByName}${n.ackNote ? `（${n.ackNote}）` : ''}` : '') },
          {
            key: 'act',
            title: '',
            render: (_, n) =>
              canAck && n.sentAt && !n.ackAt && c.status !== 'closed' ? (
                <Button size="small" onClick={() => setCalling(n)}>
                  {t('campaigns.ackCall')}
                </Button>
              ) : null,
          },
        ]}
      />
      <CallAckDialog notice={calling} onClose={() => setCalling(null)} />
    </Space>
  );
}

function CallAckDialog({ notice, onClose }: { notice: CampaignNotice | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const problem = useProblem();
  const ack = useAckNotice();
  const save = async () => {
    const v = await validFields(form);
    if (!v || !notice) return;
    ack.mutate(
      { campaignId: notice.campaignId, noticeId: notice.id, version: notice.version, note: v.note },
      { onSuccess: onClose, onError: fieldErrorsThen(form, problem) },
    );
  };
  return (
    <Dialog
      open={notice !== null}
      title={`${t('campaigns.ackCall')} · ${notice?.customerName ?? ''}`}
      onCancel={onClose}
      onOk={save}
      confirmLoading={ack.isPending}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={t('campaigns.ackNote')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

type UnitAction = { step: 'consent' | 'resolve'; unit: CampaignUnit } | null;

function UnitsTab({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'open' | 'done' | undefined>();
  const [page, setPage] = useState(1);
  const q = useCampaignUnits(c.id, { page, pageSize: 20, state });
  const step = useUnitStep(c.id);
  const problem = useProblem();
  const [action, setAction] = useState<UnitAction>(null);
  const work = c.abilities.work;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        allowClear
        value={state}
        onChange={setState}
        style={{ width: 140 }}
        placeholder={t('campaigns.outcome')}
        data-testid="units-state"
        options={[
          { value: 'open', label: t('campaigns.outcomes.open') },
          { value: 'done', label: t('campaigns.unitsDone') },
        ]}
      />
      <Table
        size="small"
        rowKey="id"
        data-testid="campaign-units-table"
        loading={q.isLoading}
        dataSource={q.data?.items}
        pagination={{ current: page, pageSize: 20, total: q.data?.total, onChange: setPage }}
        scroll={{ x: true }}
        columns={[
          { key: 's', title: t('campaigns.serial'), render: (_, u) => <Link to={`/devices/${u.deviceId}`}>{u.serialNumber}</Link> },
          { key: 'm', dataIndex: 'modelName', title: t('campaigns.model') },
          { key: 'c', dataIndex: 'customerName', title: t('campaigns.customers') },
          { key: 'w', title: t('campaigns.inWarranty'), render: (_, u) => (u.inWarranty ? '✓' : `¥${u.fee}`) },
          ...(c.needsConsent
            ? [
                {
                  key: 'consent',
                  title: t('campaigns.consent'),
                  render: (_: unknown, u: CampaignUnit) => (u.consent ? t(`campaigns.consents.${u.consent}`) : ''),
                },
              ]
            : []),
          {
            key: 'wo',
            title: t('campaigns.workOrder'),
            render: (_, u) =>
              u.workOrderId ? (
                <Link to={`/work-orders/${u.workOrderId}`}>{u.workOrderNumber}</Link>
              ) : work && !u.outcome && u.consent !== 'pending' ? (
                <Button
                  size="small"
                  loading={step.isPending}
                  onClick={() => step.mutate({ step: 'work-order', unitId: u.id, body: { version: u.version } }, { onError: problem })}
                >
                  {t('campaigns.openWorkOrder')}
                </Button>
              ) : null,
          },
          {
            key: 'o',
            title: t('campaigns.outcome'),
            render: (_, u) => <Tag color={u.outcome ? 'green' : 'orange'}>{t(`campaigns.outcomes.${u.outcome ?? 'open'}`)}</Tag>,
          },
          {
            key: 'act',
            title: '',
            render: (_, u) =>
              work && !u.outcome ? (
                <Space>
                  {u.consent === 'pending' && (
                    <Button size="small" onClick={() => setAction({ step: 'consent', unit: u })}>
                      {t('campaigns.consent')}
                    </Button>
                  )}
                  <Button size="small" type="primary" onClick={() => setAction({ step: 'resolve', unit: u })} data-testid="unit-resolve">
                    {t('campaigns.resolve')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <UnitDialog c={c} action={action} onClose={() => setAction(null)} />
    </Space>
  );
}

function UnitDialog({ c, action, onClose }: { c: CampaignDetail; action: UnitAction; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const problem = useProblem();
  const step = useUnitStep(c.id);
  const outcome = Form.useWatch('outcome', form);
  const save = async () => {
    const v = await validFields(form);
    if (!v || !action) return;
    const body =
      action.step === 'consent'
        ? { version: action.unit.version, decision: v.decision, note: v.note || null }
        : { version: action.unit.version, outcome: v.outcome, reason: v.reason || null, verification: v.verification || null };
    step.mutate(
      { step: action.step, unitId: action.unit.id, body },
      {
        onSuccess: () => {
          form.resetFields();
          onClose();
        },
        onError: fieldErrorsThen(form, problem),
      },
    );
  };
  return (
    <Dialog
      open={action !== null}
      title={`${action?.step === 'consent' ? t('campaigns.consent') : t('campaigns.resolve')} · ${action?.unit.serialNumber ?? ''}`}
      onCancel={onClose}
      onOk={save}
      confirmLoading={step.isPending}
      okTestId="unit-save"
    >
      <Form form={form} layout="vertical">
        {action?.step === 'consent' ? (
          <>
            <Form.Item name="decision" label={t('campaigns.consent')} rules={[{ required: true }]}>
              <Select
                options={[
                  { value: 'given', label: t('campaigns.consentGive') },
                  { value: 'refused', label: t('campaigns.consentRefuse') },
                ]}
              />
            </Form.Item>
            <Form.Item name="note" label={t('campaigns.note')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="outcome" label={t('campaigns.outcome')} rules={[{ required: true }]}>
              <EnumSelect ns="campaigns.outcomes" values={['corrected', 'replaced', 'returned', 'not_found']} data-testid="unit-outcome" />
            </Form.Item>
            {(outcome === 'corrected' || outcome === 'replaced') && (
              <Form.Item name="verification" label={t('campaigns.verification')} rules={[{ required: !action?.unit.workOrderId, whitespace: true }]}>
                <Input.TextArea rows={2} data-testid="unit-verification" />
              </Form.Item>
            )}
            <Form.Item name="reason" label={t('campaigns.outcomeReason')} rules={[{ required: outcome === 'not_found', whitespace: true }]}>
              <Input.TextArea rows={2} data-testid="unit-reason" />
            </Form.Item>
          </>
        )}
      </Form>
    </Dialog>
  );
}

function ProgressTab({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const q = useCampaignProgress(c.id);
  const p = q.data;
  if (!p) return <Card loading={q.isLoading} />;
  const bars = (rows: typeof p.byCustomer) =>
    rows.map((r) => (
      <div key={r.key} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <span style={{ width: 180, flexShrink: 0 }}>
          {r.label} {r.acked === true ? '✓' : ''}
        </span>
        <Progress percent={r.units ? Math.round((100 * r.done) / r.units) : 0} format={() => `${r.done}/${r.units}`} />
      </div>
    ));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Progress percent={p.total ? Math.round((100 * p.done) / p.total) : 0} format={() => `${p.done}/${p.total}`} />
      <Space wrap>
        {Object.entries(p.byOutcome).map(([k, n]) => (
          <Tag key={k}>
            {t(`campaigns.outcomes.${k}`)} {n}
          </Tag>
        ))}
      </Space>
      <Card size="small" title={t('campaigns.region')}>
        {bars(p.byRegion)}
      </Card>
      <Card size="small" title={t('campaigns.customers')}>
        {bars(p.byCustomer)}
      </Card>
    </Space>
  );
}

function CloseTab({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const problem = useProblem();
  const close = useCloseCampaign(c.id);
  const canClose = useAbility('campaigns.close');
  if (c.status === 'closed')
    return (
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('campaigns.signature')}>
          {c.closedByName} · {fmt(c.closedAt)} · {c.signatureMeaning}
        </Descriptions.Item>
        <Descriptions.Item label="SHA-256">{c.signatureHash}</Descriptions.Item>
        {c.closingNote && <Descriptions.Item label={t('campaigns.note')}>{c.closingNote}</Descriptions.Item>}
      </Descriptions>
    );
  const open = c.units - c.unitsDone;
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    close.mutate(
      { version: c.version, password: v.password, note: v.note || null },
      { onSuccess: () => form.resetFields(), onError: fieldErrorsThen(form, problem) },
    );
  };
  return (
    <Space direction="vertical" style={{ maxWidth: 520, width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('campaigns.closeHint')}</Typography.Paragraph>
      {open > 0 && <Alert type="warning" showIcon title={t('campaigns.openUnits', { n: open })} />}
      {canClose && (
        <Form form={form} layout="vertical" disabled={!c.abilities.close}>
          <Form.Item name="note" label={t('campaigns.note')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="password" label={t('campaigns.password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" data-testid="campaign-password" />
          </Form.Item>
          <Button type="primary" danger onClick={save} loading={close.isPending} data-testid="campaign-close">
            {t('campaigns.close')}
          </Button>
        </Form>
      )}
    </Space>
  );
}
