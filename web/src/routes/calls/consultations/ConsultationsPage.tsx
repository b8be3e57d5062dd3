// 技术咨询 (seed 004 §5.1; seed 003 4.4.2; R-ESC-1): the list, registering a question, and one
// ticket with its steps — answer, escalate to a technical expert with a reason, the expert's
// research, close — the time to answer (plain minutes) and the knowledge-base flag.
import { Button, Card, Checkbox, Descriptions, Form, Grid, Input, List, Modal, Select, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  type Consultation,
  type ConsultationStep,
  useConsultation,
  useConsultationStep,
  useConsultations,
  useCreateConsultation,
  useUpdateConsultation,
} from '../../../api/hooks/consultations';
import { useDutyPeople } from '../../../api/hooks/hotline';
import { useMe } from '../../../auth';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { CustomerSelect, DeviceSelect, EnumSelect } from '../../../components/pickers';
import { useProblem } from '../../care/common';
import { fmt } from '../common';

const STATUSES = ['open', 'escalated', 'researched', 'answered', 'closed'] as const;
const COLORS = { open: 'blue', escalated: 'orange', researched: 'gold', answered: 'green', closed: 'default' } as const;

export function ConsultationStatusTag({ status }: { status: Consultation['status'] }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`calls.consult.status.${status}`)}</Tag>;
}

export function ConsultationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const problem = useProblem();
  const phoneScreen = !Grid.useBreakpoint().md;
  const [status, setStatus] = useState<(typeof STATUSES)[number] | undefined>();
  const [mine, setMine] = useState(false);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const customerId: string | undefined = Form.useWatch('customerId', form);
  const list = useConsultations({ status, q: q || undefined, mine: mine ? 'true' : undefined, page, pageSize: 20 });
  const create = useCreateConsultation();
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    create.mutate({ ...v, deviceId: v.deviceId ?? null }, { onSuccess: (c) => navigate(`/consultations/${c.id}`), onError: problem });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="consultations">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('calls.menu.consultations')}</PageTitle>
        {me.abilities['consultations.create'] && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('calls.consult.new')}
          </Button>
        )}
      </Space>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t('common.searchPlaceholder')}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: 200 }}
        />
        <EnumSelect
          ns="calls.consult.status"
          values={STATUSES}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          placeholder={t('common.all')}
          style={{ width: 140 }}
        />
        {me.roles.some((r) => r === 'engineer' || r === 'technical_expert') && (
          <Checkbox
            checked={mine}
            onChange={(e) => {
              setMine(e.target.checked);
              setPage(1);
            }}
          >
            {t('calls.consult.mine')}
          </Checkbox>
        )}
      </Space>
      {phoneScreen ? (
        <List<Consultation>
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage, size: 'small' }}
          renderItem={(c) => (
            <Card size="small" style={{ marginBottom: 8 }} onClick={() => navigate(`/consultations/${c.id}`)}>
              <Space direction="vertical" size={2}>
                <Space wrap>
                  <Typography.Text strong>{c.number}</Typography.Text>
                  <ConsultationStatusTag status={c.status} />
                  {c.kbCandidate && <Tag color="purple">KB</Tag>}
                </Space>
                <Typography.Text>{c.question}</Typography.Text>
                <Typography.Text type="secondary">
                  {fmt(c.askedAt)} · {c.customerName} {c.modelName ?? ''}
                </Typography.Text>
              </Space>
            </Card>
          )}
        />
      ) : (
        <Table<Consultation>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage, showSizeChanger: false }}
          onRow={(c) => ({ onClick: () => navigate(`/consultations/${c.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('calls.consult.number'), dataIndex: 'number' },
            { title: t('calls.consult.askedAt'), render: (_, c) => fmt(c.askedAt) },
            { title: t('calls.f.customer'), dataIndex: 'customerName' },
            { title: t('calls.consult.model'), render: (_, c) => c.modelName ?? '' },
            { title: t('calls.consult.question'), dataIndex: 'question', ellipsis: true },
            { title: t('calls.consult.assignee'), render: (_, c) => c.expertName ?? c.assigneeName ?? '' },
            { title: t('calls.consult.answerMinutes'), render: (_, c) => (c.answerMinutes === null ? '' : t('calls.consult.minutes', { n: c.answerMinutes })) },
            { title: t('calls.consult.statusTitle'), render: (_, c) => <ConsultationStatusTag status={c.status} /> },
          ]}
        />
      )}
      <Modal open={creating} onCancel={() => setCreating(false)} onOk={save} confirmLoading={create.isPending} title={t('calls.consult.new')} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="customerId" label={t('calls.f.customer')} rules={[{ required: true }]}>
            <CustomerSelect />
          </Form.Item>
          <Form.Item name="deviceId" label={t('calls.f.device')}>
            <DeviceSelect customerId={customerId} disabled={!customerId} />
          </Form.Item>
          <Form.Item name="askerName" label={t('calls.consult.asker')}>
            <Input />
          </Form.Item>
          <Form.Item name="askerPhone" label={t('calls.consult.askerPhone')}>
            <Input inputMode="tel" />
          </Form.Item>
          <Form.Item name="question" label={t('calls.consult.question')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

export function ConsultationDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useConsultation(id);
  const [acting, setActing] = useState<ConsultationStep['action'] | null>(null);
  const update = useUpdateConsultation();
  const problem = useProblem();
  const me = useMe();
  if (!q.data) return <Spin />;
  const c = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="consultation">
      <Space wrap>
        <PageTitle>
          {t('calls.menu.consultations')} {c.number}
        </PageTitle>
        <ConsultationStatusTag status={c.status} />
      </Space>
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('calls.f.customer')}>{c.customerName}</Descriptions.Item>
          <Descriptions.Item label={t('calls.f.device')}>{[c.modelName, c.serialNumber].filter(Boolean).join(' ')}</Descriptions.Item>
          <Descriptions.Item label={t('calls.consult.asker')}>{[c.askerName, c.askerPhone].filter(Boolean).join(' ')}</Descriptions.Item>
          <Descriptions.Item label={t('calls.consult.askedAt')}>{fmt(c.askedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('calls.consult.question')} span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.question}</Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t('calls.consult.assignee')}>{c.assigneeName ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('calls.consult.expert')}>{c.expertName ?? ''}</Descriptions.Item>
          {c.escalationReason && (
            <Descriptions.Item label={t('calls.consult.escalationReason')} span={2}>
              {c.escalationReason}
            </Descriptions.Item>
          )}
          {c.research && (
            <Descriptions.Item label={t('calls.consult.research')} span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.research}</Typography.Paragraph>
            </Descriptions.Item>
          )}
          {c.answer && (
            <Descriptions.Item label={t('calls.consult.answer')} span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.answer}</Typography.Paragraph>
            </Descriptions.Item>
          )}
          {c.answeredAt && (
            <Descriptions.Item label={t('calls.consult.answeredBy')}>
              {c.answeredByName} · {fmt(c.answeredAt)}
            </Descriptions.Item>
          )}
          {c.answerMinutes !== null && (
            <Descriptions.Item label={t('calls.consult.answerMinutes')}>{t('calls.consult.minutes', { n: c.answerMinutes })}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('calls.consult.kbCandidate')}>
            <Switch
              size="small"
              checked={c.kbCandidate}
              disabled={!me.abilities['consultations.answer']}
              loading={update.isPending}
              onChange={(v) => update.mutate({ id: c.id, version: c.version, kbCandidate: v }, { onError: problem })}
            />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Space wrap>
        {c.actions.map((a) => (
          <Button key={a} type={a === 'answer' ? 'primary' : 'default'} onClick={() => setActing(a)} data-testid={`consultation-${a}`}>
            {t(`calls.consult.action.${a}`)}
          </Button>
        ))}
      </Space>
      {acting && <StepModal c={c} action={acting} onClose={() => setActing(null)} />}
    </Space>
  );
}

function StepModal({ c, action, onClose }: { c: Consultation; action: ConsultationStep['action']; onClose: () => void }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const step = useConsultationStep();
  const people = useDutyPeople();
  const [form] = Form.useForm();
  const ok = async () => {
    const v = await validFields(form);
    if (!v) return;
    step.mutate({ id: c.id, version: c.version, action, ...v }, { onSuccess: onClose, onError: problem });
  };
  return (
    <Modal open onCancel={onClose} onOk={ok} confirmLoading={step.isPending} title={t(`calls.consult.action.${action}`)} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kbCandidate: c.kbCandidate }}>
        {action === 'answer' && (
          <>
            <Form.Item name="answer" label={t('calls.consult.answer')} rules={[{ required: true }]}>
              <Input.TextArea rows={5} />
            </Form.Item>
            <Form.Item name="kbCandidate" valuePropName="checked">
              <Checkbox>{t('calls.consult.kbCandidate')}</Checkbox>
            </Form.Item>
          </>
        )}
        {action === 'escalate' && (
          <>
            <Form.Item name="expertId" label={t('calls.consult.expert')} rules={[{ required: true }]}>
              <Select options={(people.data?.experts ?? []).map((p) => ({ value: p.id, label: p.displayName }))} />
            </Form.Item>
            <Form.Item name="escalationReason" label={t('calls.consult.escalationReason')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        )}
        {action === 'research' && (
          <Form.Item name="research" label={t('calls.consult.research')} rules={[{ required: true }]}>
            <Input.TextArea rows={5} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
