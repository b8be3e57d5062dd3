// 仪器设备 / 计量器具 (issue 13 §5; seed 001 为售后服务工程师配备应急维修工具和设备，定期进行维护和检查;
// ISO 13485 §7.6): the register with due-state tags, filters and the Excel export (cards on a
// phone), and one instrument with its calibration history and certificates, hand-over and retire.
import { Alert, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type Instrument,
  type InstrumentDetail,
  useCreateInstrument,
  useHandOverInstrument,
  useInstrument,
  useInstrumentHolders,
  useRecordCalibration,
  useRetireInstrument,
  useUpdateInstrument,
} from '../../../api/hooks/instruments';
import { useAbility } from '../../../auth';
import { AttachmentsPanel } from '../../../components/attachments/AttachmentsPanel';
import { Dialog } from '../../../components/Dialog';
import { validFields } from '../../../components/forms';
import { ListPage } from '../../../components/ListPage';
import { PageTitle } from '../../../components/PageTitle';
import { EnumSelect } from '../../../components/pickers';
import { CreateButton, fieldErrorsThen } from '../../../components/RecordForm';
import { termValues } from '../../../glossary';
import { useProblem } from '../../care/common';
import { InstrumentReadingsCard } from '../../maintenance/visit/InstrumentReadingsCard';

const KINDS = termValues('instrumentKind');
const STATUSES = termValues('instrumentStatus');
const HOLDERS = termValues('instrumentHolder');
const RESULTS = termValues('calibrationResult');
const DUE = termValues('calibrationDue');
const DUE_COLOR = { valid: 'green', due_soon: 'gold', overdue: 'red' } as const;
const STATUS_COLOR: Record<string, string> = {
  in_use: 'blue',
  in_store: 'default',
  out_for_calibration: 'purple',
  out_of_tolerance: 'red',
  retired: 'default',
};

export function DueTag({ i }: { i: Pick<Instrument, 'dueState' | 'status'> }) {
  const { t } = useTranslation();
  if (i.status === 'retired') return null;
  return (
    <Tag color={DUE_COLOR[i.dueState]} data-testid={`due-${i.dueState}`}>
      {t(`instruments.due.${i.dueState}`)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`instruments.statuses.${status}`)}</Tag>;
}

const holderOf = (i: Pick<Instrument, 'holderKind' | 'holderUserName' | 'holderWarehouseName'>, store: string) =>
  i.holderUserName ?? i.holderWarehouseName ?? store;

/** Holder kind + the engineer or warehouse it names (create and hand-over). */
function HolderFields() {
  const { t } = useTranslation();
  const kind = Form.useWatch('holderKind');
  const holders = useInstrumentHolders();
  return (
    <>
      <Form.Item name="holderKind" label={t('instruments.f.holderKind')} rules={[{ required: true }]}>
        <EnumSelect ns="instruments.holders" values={HOLDERS} allowClear={false} data-testid="instrument-holderKind" />
      </Form.Item>
      {kind === 'engineer' && (
        <Form.Item name="holderUserId" label={t('instruments.f.holderUserId')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(holders.data?.people ?? []).map((p) => ({ value: p.id, label: p.name }))}
            data-testid="instrument-holderUserId"
          />
        </Form.Item>
      )}
      {kind === 'warehouse' && (
        <Form.Item name="holderWarehouseId" label={t('instruments.f.holderWarehouseId')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(holders.data?.warehouses ?? []).map((w) => ({ value: w.id, label: `${w.code} ${w.name}` }))}
            data-testid="instrument-holderWarehouseId"
          />
        </Form.Item>
      )}
    </>
  );
}

function CreateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const problem = useProblem();
  const create = useCreateInstrument();
  const [form] = Form.useForm();
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    create.mutate(
      { ...v, lastCalibratedOn: v.lastCalibratedOn || null },
      {
        onSuccess: (d) => {
          onClose();
          form.resetFields();
          navigate(`/instruments/${d.id}`);
        },
        onError: fieldErrorsThen(form, problem),
      },
    );
  };
  return (
    <Dialog open={open} title={t('instruments.create')} onCancel={onClose} onOk={save} confirmLoading={create.isPending} okTestId="instrument-save">
      <Form form={form} layout="vertical" initialValues={{ holderKind: 'store', calibrationIntervalMonths: 12, kind: 'electrical_safety_analyser' }}>
        <Form.Item name="code" label={t('instruments.f.code')} rules={[{ required: true }]}>
          <Input placeholder="YQ-0001" data-testid="instrument-code" />
        </Form.Item>
        <Form.Item name="name" label={t('instruments.f.name')} rules={[{ required: true }]}>
          <Input data-testid="instrument-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('instruments.f.kind')} rules={[{ required: true }]}>
          <EnumSelect ns="instruments.kinds" values={KINDS} allowClear={false} />
        </Form.Item>
        <Row gutter={8}>
          <Col span={12}>
            <Form.Item name="maker" label={t('instruments.f.maker')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="model" label={t('instruments.f.model')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="serialNumber" label={t('instruments.f.serialNumber')}>
          <Input />
        </Form.Item>
        <HolderFields />
        <Row gutter={8}>
          <Col span={12}>
            <Form.Item name="calibrationIntervalMonths" label={t('instruments.f.interval')} rules={[{ required: true }]}>
              <InputNumber min={1} max={120} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="lastCalibratedOn" label={t('instruments.f.lastCalibratedOn')}>
              <Input type="date" data-testid="instrument-last" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label={t('instruments.f.notes')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

export function InstrumentsPage() {
  const { t } = useTranslation();
  const canManage = useAbility('instruments.manage');
  const [open, setOpen] = useState(false);
  const store = t('instruments.holders.store');
  return (
    <>
      <ListPage
        testId="instruments"
        title={t('instruments.menu.list')}
        endpoint="/api/v1/instruments"
        exportEndpoint="/api/v1/instruments/export"
        exportName="instruments.xlsx"
        filterKeys={['kind', 'status', 'due', 'holderKind']}
        filters={({ bind }) => (
          <>
            <EnumSelect
              ns="instruments.due"
              values={DUE}
              placeholder={t('instruments.f.dueState')}
              {...bind('due')}
              style={{ width: 120 }}
              data-testid="filter-due"
            />
            <EnumSelect ns="instruments.kinds" values={KINDS} placeholder={t('instruments.f.kind')} {...bind('kind')} style={{ width: 160 }} />
            <EnumSelect ns="instruments.statuses" values={STATUSES} placeholder={t('instruments.f.status')} {...bind('status')} style={{ width: 130 }} />
            <EnumSelect ns="instruments.holders" values={HOLDERS} placeholder={t('instruments.f.holderKind')} {...bind('holderKind')} style={{ width: 140 }} />
          </>
        )}
        extra={canManage && <CreateButton testId="instrument-create" onClick={() => setOpen(true)} />}
        columns={[
          { key: 'code', dataIndex: 'code', title: t('instruments.f.code'), sorter: true, render: (v, r) => <Link to={`/instruments/${r.id}`}>{v}</Link> },
          { key: 'name', dataIndex: 'name', title: t('instruments.f.name'), sorter: true, render: (v, r) => <Link to={`/instruments/${r.id}`}>{v}</Link> },
          { key: 'kind', dataIndex: 'kind', title: t('instruments.f.kind'), render: (v) => t(`instruments.kinds.${v}`) },
          { key: 'holder', title: t('instruments.f.holder'), render: (_, r) => holderOf(r, store) },
          { key: 'status', dataIndex: 'status', title: t('instruments.f.status'), render: (v) => <StatusTag status={v} /> },
          { key: 'nextDueOn', dataIndex: 'nextDueOn', title: t('instruments.f.nextDueOn'), sorter: true, render: (v) => v ?? '—' },
          { key: 'dueState', title: t('instruments.f.dueState'), render: (_, r) => <DueTag i={r} /> },
        ]}
        card={(r) => ({
          title: `${r.code} ${r.name}`,
          tag: <DueTag i={r} />,
          lines: [
            <span key="h">
              {t('instruments.f.holder')}：{holderOf(r, store)}
            </span>,
            <span key="d">
              {t('instruments.f.nextDueOn')}：{r.nextDueOn ?? '—'} <StatusTag status={r.status} />
            </span>,
          ],
          to: `/instruments/${r.id}`,
        })}
      />
      <CreateDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}

type Action = 'calibrate' | 'handover' | 'retire' | null;

export function InstrumentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useInstrument(id);
  const [action, setAction] = useState<Action>(null);
  const update = useUpdateInstrument();
  const problem = useProblem();
  const d = q.data;
  if (!d) return <Card loading={q.isLoading} />;
  const active = d.status !== 'retired';
  const store = t('instruments.holders.store');
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="instrument-detail">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>
          {d.code} {d.name}
        </PageTitle>
        <Space wrap>
          {active && d.abilities.manage && (
            <Button type="primary" onClick={() => setAction('calibrate')} data-testid="instrument-calibrate">
              {t('instruments.cal.record')}
            </Button>
          )}
          {active && d.abilities.handover && (
            <Button onClick={() => setAction('handover')} data-testid="instrument-handover">
              {t('instruments.handover.action')}
            </Button>
          )}
          {active && d.abilities.manage && (d.status === 'in_use' || d.status === 'in_store' || d.status === 'out_of_tolerance') && (
            <Button
              loading={update.isPending}
              onClick={() => update.mutate({ id: d.id, version: d.version, status: 'out_for_calibration' }, { onError: problem })}
            >
              {t('instruments.sendOut')}
            </Button>
          )}
          {d.status === 'out_for_calibration' && d.abilities.manage && (
            <Button
              loading={update.isPending}
              onClick={() => update.mutate({ id: d.id, version: d.version, status: d.holderKind === 'engineer' ? 'in_use' : 'in_store' }, { onError: problem })}
            >
              {t('instruments.backInUse')}
            </Button>
          )}
          {active && d.abilities.manage && (
            <Button danger onClick={() => setAction('retire')} data-testid="instrument-retire">
              {t('instruments.retire.action')}
            </Button>
          )}
        </Space>
      </Space>
      {!d.usable && active && <Alert type="error" showIcon message={t('instruments.unusable')} data-testid="instrument-unusable" />}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('instruments.f.kind')}>{t(`instruments.kinds.${d.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('instruments.f.status')}>
            <StatusTag status={d.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('instruments.f.dueState')}>
            <DueTag i={d} />
          </Descriptions.Item>
          <Descriptions.Item label={t('instruments.f.maker')}>{d.maker ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('instruments.f.model')}>{d.model ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('instruments.f.serialNumber')}>{d.serialNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('instruments.f.holder')}>{holderOf(d, store)}</Descriptions.Item>
          <Descriptions.Item label={t('instruments.f.interval')}>{d.calibrationIntervalMonths}</Descriptions.Item>
          <Descriptions.Item label={t('instruments.f.lastCalibratedOn')}>{d.lastCalibratedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('instruments.f.nextDueOn')}>{d.nextDueOn ?? '—'}</Descriptions.Item>
          {d.notes && <Descriptions.Item label={t('instruments.f.notes')}>{d.notes}</Descriptions.Item>}
          {d.retiredReason && <Descriptions.Item label={t('instruments.f.retiredReason')}>{d.retiredReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {/* Issue 13 §5: the readings (and devices) this instrument took — what a recall affects. */}
      <InstrumentReadingsCard instrumentId={d.id} />
      <Card size="small" title={t('instruments.cal.title')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={d.calibrations}
          locale={{ emptyText: t('instruments.cal.none') }}
          columns={[
            { title: t('instruments.cal.calibratedOn'), dataIndex: 'calibratedOn' },
            {
              title: t('instruments.cal.result'),
              dataIndex: 'result',
              render: (v) => <Tag color={v === 'fail' ? 'red' : 'green'}>{t(`instruments.results.${v}`)}</Tag>,
            },
            { title: t('instruments.cal.certificateNumber'), dataIndex: 'certificateNumber' },
            { title: t('instruments.cal.lab'), dataIndex: 'lab' },
            { title: t('instruments.cal.validUntil'), dataIndex: 'validUntil' },
            { title: t('instruments.cal.note'), dataIndex: 'note' },
            { title: t('instruments.cal.recordedBy'), dataIndex: 'recordedByName' },
          ]}
        />
      </Card>
      <AttachmentsPanel ownerKind="instrument" ownerId={d.id} canUpload={d.abilities.manage && active} title={t('instruments.cal.certificates')} />
      <Card size="small" title={t('instruments.handover.title')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={d.handovers}
          locale={{ emptyText: t('instruments.handover.none') }}
          columns={[
            { title: t('instruments.handover.at'), dataIndex: 'at', render: (v: string) => v.slice(0, 10) },
            { title: t('instruments.handover.from'), render: (_, h) => h.fromName ?? t(`instruments.holders.${h.fromKind}`) },
            { title: t('instruments.handover.to'), render: (_, h) => h.toName ?? t(`instruments.holders.${h.toKind}`) },
            { title: t('instruments.handover.by'), dataIndex: 'byName' },
            { title: t('instruments.handover.note'), dataIndex: 'note' },
          ]}
        />
      </Card>
      <ActionDialog d={d} action={action} onClose={() => setAction(null)} />
    </Space>
  );
}

function ActionDialog({ d, action, onClose }: { d: InstrumentDetail; action: Action; onClose: () => void }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const [form] = Form.useForm();
  const calibrate = useRecordCalibration();
  const handover = useHandOverInstrument();
  const retire = useRetireInstrument();
  const pending = calibrate.isPending || handover.isPending || retire.isPending;
  const done = {
    onSuccess: () => {
      form.resetFields();
      onClose();
    },
    onError: fieldErrorsThen(form, problem),
  };
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    const base = { id: d.id, version: d.version };
    if (action === 'calibrate') calibrate.mutate({ ...base, ...v, validUntil: v.validUntil || null }, done);
    if (action === 'handover') handover.mutate({ ...base, ...v }, done);
    if (action === 'retire') retire.mutate({ ...base, reason: v.reason }, done);
  };
  const title =
    action === 'calibrate' ? t('instruments.cal.record') : action === 'handover' ? t('instruments.handover.action') : t('instruments.retire.action');
  return (
    <Dialog open={action !== null} title={title} onCancel={onClose} onOk={save} confirmLoading={pending} okTestId="instrument-action-save" destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ result: 'pass', holderKind: 'engineer' }}>
        {action === 'calibrate' && (
          <>
            <Form.Item name="calibratedOn" label={t('instruments.cal.calibratedOn')} rules={[{ required: true }]}>
              <Input type="date" data-testid="cal-date" />
            </Form.Item>
            <Form.Item name="result" label={t('instruments.cal.result')} rules={[{ required: true }]}>
              <EnumSelect ns="instruments.results" values={RESULTS} allowClear={false} data-testid="cal-result" />
            </Form.Item>
            <Form.Item name="certificateNumber" label={t('instruments.cal.certificateNumber')}>
              <Input />
            </Form.Item>
            <Form.Item name="lab" label={t('instruments.cal.lab')}>
              <Input />
            </Form.Item>
            <Form.Item name="validUntil" label={t('instruments.cal.validUntil')}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="note" label={t('instruments.cal.note')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        {action === 'handover' && (
          <>
            <HolderFields />
            <Form.Item name="note" label={t('instruments.handover.note')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        {action === 'retire' && (
          <>
            <Typography.Paragraph type="warning">{t('instruments.retire.confirm')}</Typography.Paragraph>
            <Form.Item name="reason" label={t('instruments.retire.reason')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} data-testid="retire-reason" />
            </Form.Item>
          </>
        )}
      </Form>
    </Dialog>
  );
}
