// Customer training (R-TR-1, seed 004 §5.2/§8): the sessions list with a new-session dialog, and
// one session with its attendees, score entry (pass/fail by the pass mark), certificate PDF
// and verification link. Cards instead of a table on a phone.
import { FilePdfOutlined, LinkOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Grid, Input, InputNumber, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  type TrainingAttendee,
  type TrainingSession,
  type TrainingSessionDetail,
  useAddAttendee,
  useCreateSession,
  useQualificationMatrix,
  useTrainingSession,
  useTrainingSessions,
  useUpdateAttendee,
  useUpdateSession,
} from '../../../api/hooks/training';
import { useMe } from '../../../auth';
import { AttachmentsPanel } from '../../../components/attachments/AttachmentsPanel';
import { Dialog } from '../../../components/Dialog';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { CustomerSelect, DepartmentSelect, DeviceSelect, ModelSelect } from '../../../components/pickers';
import { fieldErrorsThen } from '../../../components/RecordForm';
import { useProblem } from '../../care/common';

export function ResultTag({ passed }: { passed: boolean | null }) {
  const { t } = useTranslation();
  if (passed === null) return <Tag>{t('training.attendee.pending')}</Tag>;
  return passed ? <Tag color="green">{t('training.attendee.passed')}</Tag> : <Tag color="red">{t('training.attendee.failed')}</Tag>;
}

export function TrainingSessionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const problem = useProblem();
  const q = useTrainingSessions({ pageSize: 100 });
  const create = useCreateSession();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const customerId = Form.useWatch('customerId', form);
  const trainers = useQualificationMatrix();
  const screens = Grid.useBreakpoint();

  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    create.mutate(
      { ...v, deviceIds: v.deviceIds ?? [], departmentId: v.departmentId ?? null, modelId: v.modelId ?? null },
      {
        onSuccess: (s) => {
          setOpen(false);
          form.resetFields();
          navigate(`/training/sessions/${s.id}`);
        },
        onError: fieldErrorsThen(form, problem),
      },
    );
  };

  const items = q.data?.items ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="training-sessions">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('training.menu.sessions')}</PageTitle>
        {me.abilities['training.manage'] && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="training-new">
            {t('training.session.new')}
          </Button>
        )}
      </Space>
      {screens.md ? (
        <Table<TrainingSession>
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={items}
          pagination={false}
          onRow={(s) => ({ onClick: () => navigate(`/training/sessions/${s.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('training.session.heldOn'), dataIndex: 'heldOn' },
            { title: t('training.session.title'), dataIndex: 'title' },
            { title: t('training.session.customer'), dataIndex: 'customerName' },
            { title: t('training.session.model'), render: (_, s) => `${s.modelName}（${s.modelCode}）` },
            { title: t('training.session.trainer'), dataIndex: 'trainerName' },
            { title: t('training.session.attendees'), dataIndex: 'attendeeCount' },
            { title: t('training.session.passed'), dataIndex: 'passedCount' },
          ]}
        />
      ) : (
        <List
          loading={q.isLoading}
          dataSource={items}
          renderItem={(s) => (
            <Card size="small" style={{ marginBottom: 8 }} onClick={() => navigate(`/training/sessions/${s.id}`)}>
              <Typography.Text strong>{s.title}</Typography.Text>
              <div>
                {s.heldOn} · {s.customerName}
              </div>
              <div>
                {s.modelName} · {t('training.session.passed')} {s.passedCount}/{s.attendeeCount}
              </div>
            </Card>
          )}
        />
      )}
      <Dialog
        open={open}
        title={t('training.session.new')}
        onCancel={() => setOpen(false)}
        onOk={save}
        confirmLoading={create.isPending}
        okTestId="training-save"
      >
        <Form form={form} layout="vertical" initialValues={{ passMark: 60 }}>
          <Form.Item name="customerId" label={t('training.session.customer')} rules={[{ required: true }]}>
            <CustomerSelect />
          </Form.Item>
          <Form.Item name="departmentId" label={t('training.session.department')}>
            <DepartmentSelect customerId={customerId} />
          </Form.Item>
          <Form.Item name="deviceIds" label={t('training.session.devices')}>
            <DeviceSelect customerId={customerId} mode="multiple" />
          </Form.Item>
          <Form.Item name="modelId" label={t('training.session.model')}>
            <ModelSelect />
          </Form.Item>
          <Form.Item name="title" label={t('training.session.title')} rules={[{ required: true }]}>
            <Input data-testid="training-title" />
          </Form.Item>
          <Form.Item name="heldOn" label={t('training.session.heldOn')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="place" label={t('training.session.place')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="trainerId" label={t('training.session.trainer')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={(trainers.data?.people ?? []).map((p) => ({ value: p.id, label: p.name }))}
              data-testid="training-trainer"
            />
          </Form.Item>
          <Form.Item name="syllabus" label={t('training.session.syllabus')} rules={[{ required: true }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item name="passMark" label={t('training.session.passMark')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} />
          </Form.Item>
        </Form>
      </Dialog>
    </Space>
  );
}

function ScoreEntry({ sessionId, a }: { sessionId: string; a: TrainingAttendee }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const update = useUpdateAttendee();
  const [score, setScore] = useState<number | null>(a.score);
  return (
    <Space.Compact>
      <InputNumber min={0} max={100} value={score} onChange={(v) => setScore(v)} style={{ width: 80 }} data-testid={`score-${a.name}`} />
      <Button
        loading={update.isPending}
        disabled={score === a.score}
        onClick={() => update.mutate({ id: sessionId, attendeeId: a.id, version: a.version, score }, { onError: problem })}
        data-testid={`score-save-${a.name}`}
      >
        {t('training.attendee.saveScore')}
      </Button>
    </Space.Compact>
  );
}

function CertificateLinks({ sessionId, a }: { sessionId: string; a: TrainingAttendee }) {
  const { t } = useTranslation();
  if (!a.certificateNumber) return null;
  return (
    <Space wrap>
      <Typography.Text code>{a.certificateNumber}</Typography.Text>
      <Button
        size="small"
        icon={<FilePdfOutlined />}
        href={`/api/v1/training/sessions/${sessionId}/attendees/${a.id}/certificate.pdf`}
        target="_blank"
        rel="noopener"
      >
        {t('training.attendee.pdf')}
      </Button>
      {a.verifyPath && (
        <Button size="small" icon={<LinkOutlined />} href={a.verifyPath} target="_blank" rel="noopener">
          {t('training.attendee.verify')}
        </Button>
      )}
    </Space>
  );
}

/**
 * Edit a planned session (R-TR-1): date, place, trainer, syllabus, pass mark, title, department,
 * sent with the version read; the server refuses a completed one (409) and the page reloads.
 */
function EditSessionDialog({ s, open, onClose }: { s: TrainingSessionDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const update = useUpdateSession();
  const trainers = useQualificationMatrix();
  const [form] = Form.useForm();
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    update.mutate(
      { id: s.id, version: s.version, ...v, departmentId: v.departmentId ?? null },
      { onSuccess: onClose, onError: fieldErrorsThen(form, problem) },
    );
  };
  return (
    <Dialog open={open} title={t('training.session.edit')} onCancel={onClose} onOk={save} confirmLoading={update.isPending} okTestId="session-edit-save">
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          title: s.title,
          departmentId: s.departmentId,
          heldOn: s.heldOn,
          place: s.place,
          trainerId: s.trainerId,
          syllabus: s.syllabus,
          passMark: s.passMark,
        }}
      >
        <Form.Item name="title" label={t('training.session.title')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="session-edit-title" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('training.session.department')}>
          <DepartmentSelect customerId={s.customerId} />
        </Form.Item>
        <Form.Item name="heldOn" label={t('training.session.heldOn')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
          <Input type="date" data-testid="session-edit-heldOn" />
        </Form.Item>
        <Form.Item name="place" label={t('training.session.place')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="session-edit-place" />
        </Form.Item>
        <Form.Item name="trainerId" label={t('training.session.trainer')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={(trainers.data?.people ?? []).map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="syllabus" label={t('training.session.syllabus')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="passMark" label={t('training.session.passMark')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

export function TrainingSessionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useTrainingSession(id);
  const add = useAddAttendee();
  const problem = useProblem();
  const [form] = Form.useForm();
  const screens = Grid.useBreakpoint();
  const [editing, setEditing] = useState(false);
  const s = q.data;
  if (!s) return <Card loading />;
  const manage = s.abilities.manage;

  const addOne = async () => {
    const v = await validFields(form);
    if (!v) return;
    add.mutate({ id, ...v, score: v.score ?? null }, { onSuccess: () => form.resetFields(), onError: fieldErrorsThen(form, problem) });
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="training-session">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{s.title}</PageTitle>
        {s.abilities.update && (
          <Button onClick={() => setEditing(true)} data-testid="session-edit">
            {t('training.session.edit')}
          </Button>
        )}
      </Space>
      {manage && !s.abilities.update && <Alert type="info" showIcon title={t('training.session.readOnly')} data-testid="session-read-only" />}
      {editing && <EditSessionDialog s={s} open={editing} onClose={() => setEditing(false)} />}
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('training.session.customer')}>
          {s.customerName}
          {s.departmentName ? ` · ${s.departmentName}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('training.session.model')}>
          {s.modelName}（{s.modelCode}）{s.devices.length ? ` · ${s.devices.map((d) => d.serialNumber).join('、')}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('training.session.heldOn')}>{s.heldOn}</Descriptions.Item>
        <Descriptions.Item label={t('training.session.place')}>{s.place}</Descriptions.Item>
        <Descriptions.Item label={t('training.session.trainer')}>{s.trainerName}</Descriptions.Item>
        <Descriptions.Item label={t('training.session.passMark')}>{s.passMark}</Descriptions.Item>
        <Descriptions.Item label={t('training.session.syllabus')} span={2}>
          <div style={{ whiteSpace: 'pre-wrap' }}>{s.syllabus}</div>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>
        {t('training.session.attendees')}（{t('training.session.passed')} {s.passedCount}/{s.attendeeCount}）
      </Typography.Title>
      {screens.md ? (
        <Table<TrainingAttendee>
          rowKey="id"
          size="small"
          dataSource={s.attendees}
          pagination={false}
          columns={[
            { title: t('training.attendee.name'), dataIndex: 'name' },
            { title: t('training.attendee.department'), dataIndex: 'department' },
            { title: t('training.attendee.jobTitle'), dataIndex: 'jobTitle' },
            { title: t('training.attendee.score'), render: (_, a) => (manage ? <ScoreEntry sessionId={id} a={a} /> : a.score) },
            { title: t('training.attendee.result'), render: (_, a) => <ResultTag passed={a.passed} /> },
            { title: t('training.attendee.certificate'), render: (_, a) => <CertificateLinks sessionId={id} a={a} /> },
          ]}
        />
      ) : (
        <List
          dataSource={s.attendees}
          renderItem={(a) => (
            <Card size="small" style={{ marginBottom: 8 }} title={a.name} extra={<ResultTag passed={a.passed} />}>
              <div>{[a.department, a.jobTitle].filter(Boolean).join(' · ')}</div>
              <div style={{ margin: '6px 0' }}>{manage ? <ScoreEntry sessionId={id} a={a} /> : a.score}</div>
              <CertificateLinks sessionId={id} a={a} />
            </Card>
          )}
        />
      )}
      {manage && (
        <Card size="small" title={t('training.attendee.add')}>
          <Form form={form} layout={screens.md ? 'inline' : 'vertical'}>
            <Form.Item name="name" label={t('training.attendee.name')} rules={[{ required: true }]}>
              <Input data-testid="attendee-name" />
            </Form.Item>
            <Form.Item name="department" label={t('training.attendee.department')}>
              <Input />
            </Form.Item>
            <Form.Item name="jobTitle" label={t('training.attendee.jobTitle')}>
              <Input />
            </Form.Item>
            <Form.Item name="phone" label={t('training.attendee.phone')}>
              <Input />
            </Form.Item>
            <Form.Item name="score" label={t('training.attendee.score')}>
              <InputNumber min={0} max={100} data-testid="attendee-score" />
            </Form.Item>
            <Button type="primary" onClick={addOne} loading={add.isPending} data-testid="attendee-add">
              {t('training.attendee.add')}
            </Button>
          </Form>
        </Card>
      )}
      {/* Issue 12 item 0: the sign-in sheet (签到表) and photos of the session. */}
      <AttachmentsPanel ownerKind="training_session" ownerId={s.id} title={t('training.session.attachments')} canUpload={manage} />
    </Space>
  );
}
