// 售后服务手册 (issue 15 §5, R-KB-1; seed 002): the handbook (search, model / fault code / state
// filters, paging in the URL; cards on a phone), one entry with its published versions, the field
// diff to the previous version and the review buttons the server's abilities allow, the editor
// (new, or prefilled from a work order by the server), and the month's what's new.
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  type HandbookEntry,
  type HandbookEntryDetail,
  type HandbookStep,
  useCreateEntry,
  useEntryStep,
  useFaultCodes,
  useHandbookDiff,
  useHandbookEntry,
  useUpdateEntry,
  useWhatsNew,
} from '../../api/hooks/handbook';
import { useAbility } from '../../auth';
import { businessToday } from '../../businessDay';
import { Dialog } from '../../components/Dialog';
import { validFields } from '../../components/forms';
import { ListPage } from '../../components/ListPage';
import { PageTitle } from '../../components/PageTitle';
import { ENUMS, EnumSelect, EnumTag, ModelSelect } from '../../components/pickers';
import { fieldErrorsThen } from '../../components/RecordForm';
import { useProblem } from '../care/common';

const fmt = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
const STATES = ['draft', 'in_review', 'published', 'retired'] as const;
const STATE_COLORS: Record<string, string> = { draft: 'default', in_review: 'gold', published: 'green', retired: 'red' };

export function HandbookStateTag({ state }: { state: HandbookEntry['state'] }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLORS[state]}>{t(`handbook.states.${state}`)}</Tag>;
}

const subject = (e: Pick<HandbookEntry, 'modelName' | 'category'>, t: (k: string) => string) =>
  e.modelName ?? (e.category ? t(`model.categories.${e.category}`) : '—');

export function HandbookPage() {
  const { t } = useTranslation();
  const canWrite = useAbility('handbook.write');
  return (
    <ListPage
      testId="handbook"
      title={t('handbook.menu.list')}
      endpoint="/api/v1/handbook/entries"
      filterKeys={['modelId', 'faultCode', 'state']}
      extra={
        <Space wrap>
          <Link to="/handbook/whats-new">
            <Button>{t('handbook.menu.whatsNew')}</Button>
          </Link>
          {canWrite && (
            <Link to="/handbook/new">
              <Button type="primary" data-testid="handbook-new">
                {t('handbook.new')}
              </Button>
            </Link>
          )}
        </Space>
      }
      filters={({ bind }) => (
        <>
          <ModelSelect placeholder={t('handbook.model')} {...bind('modelId')} style={{ width: 220 }} />
          <Input
            placeholder={t('handbook.faultCode')}
            {...bind('faultCode')}
            onChange={(e) => bind('faultCode').onChange(e.target.value || undefined)}
            style={{ width: 120 }}
            allowClear
          />
          <EnumSelect
            ns="handbook.states"
            values={STATES}
            placeholder={t('handbook.state')}
            {...bind('state')}
            style={{ width: 120 }}
            data-testid="filter-state"
          />
        </>
      )}
      columns={[
        { key: 'number', dataIndex: 'number', title: t('handbook.number'), sorter: true, render: (v, r) => <Link to={`/handbook/${r.id}`}>{v}</Link> },
        { key: 'title', dataIndex: 'title', title: t('handbook.title'), render: (v, r) => <Link to={`/handbook/${r.id}`}>{v}</Link> },
        { key: 'model', title: t('handbook.model'), render: (_, r) => subject(r, t) },
        { key: 'faultCode', dataIndex: 'faultCode', title: t('handbook.faultCode'), render: (v) => v ?? '—' },
        { key: 'state', title: t('handbook.state'), render: (_, r) => <HandbookStateTag state={r.state} /> },
        { key: 'revision', title: t('handbook.revision'), render: (_, r) => (r.publishedRevision ? `V${r.publishedRevision}` : '—') },
        { key: 'author', dataIndex: 'authorName', title: t('handbook.author') },
        { key: 'updatedAt', dataIndex: 'updatedAt', title: t('handbook.updatedAt'), sorter: true, render: (v) => fmt(v) },
      ]}
      card={(r) => ({
        title: `${r.number} · ${r.title}`,
        tag: <HandbookStateTag state={r.state} />,
        lines: [<span key="m">{`${subject(r, t)}${r.faultCode ? ` · ${r.faultCode}` : ''}`}</span>, <span key="s">{r.symptoms}</span>],
        to: `/handbook/${r.id}`,
      })}
    />
  );
}

/** The editor: new (/handbook/new) or an existing draft / a revision of a published entry (/handbook/:id/edit). */
export function HandbookEditorPage() {
  const { id = '' } = useParams();
  const q = useHandbookEntry(id);
  if (id && !q.data) return <Card loading />;
  return <Editor entry={q.data} />;
}

function Editor({ entry }: { entry?: HandbookEntryDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const problem = useProblem();
  const [form] = Form.useForm();
  const create = useCreateEntry();
  const update = useUpdateEntry();
  const modelId = Form.useWatch('modelId', form) ?? entry?.modelId;
  const codes = useFaultCodes(modelId);
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    const body = {
      modelId: v.modelId ?? null,
      category: v.category ?? null,
      faultCode: v.faultCode ?? null,
      title: v.title,
      symptoms: v.symptoms,
      cause: v.cause || null,
      fix: v.fix || null,
      partCodes: v.partCodes ?? [],
      tags: v.tags ?? [],
    };
    const done = { onSuccess: (d: HandbookEntryDetail) => navigate(`/handbook/${d.id}`, { replace: true }), onError: fieldErrorsThen(form, problem) };
    if (entry) update.mutate({ id: entry.id, version: entry.version, ...body }, done);
    else create.mutate(body, done);
  };
  return (
    <Card title={<PageTitle>{entry ? `${entry.number} · ${t('handbook.edit')}` : t('handbook.new')}</PageTitle>} style={{ maxWidth: 760 }}>
      <Form
        form={form}
        layout="vertical"
        data-testid="handbook-form"
        initialValues={
          entry
            ? {
                modelId: entry.modelId ?? undefined,
                category: entry.category ?? undefined,
                faultCode: entry.faultCode ?? undefined,
                title: entry.title,
                symptoms: entry.symptoms,
                cause: entry.cause,
                fix: entry.fix,
                partCodes: entry.partCodes,
                tags: entry.tags,
              }
            : {}
        }
      >
        {entry?.sourceWorkOrderId && (
          <Typography.Paragraph type="secondary">
            {t('handbook.sourceWorkOrder')}: <Link to={`/work-orders/${entry.sourceWorkOrderId}`}>{entry.sourceWorkOrderNumber}</Link>
          </Typography.Paragraph>
        )}
        <Typography.Paragraph type="secondary">{t('handbook.subjectHint')}</Typography.Paragraph>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="modelId" label={t('handbook.model')}>
            <ModelSelect allowClear style={{ width: 260 }} data-testid="handbook-model" />
          </Form.Item>
          <Form.Item name="category" label={t('handbook.category')}>
            <EnumSelect ns="model.categories" values={ENUMS.categories} allowClear style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="faultCode" label={t('handbook.faultCode')}>
            <Select
              allowClear
              showSearch
              style={{ width: 240 }}
              options={(codes.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.code} ${c.meaning}` }))}
              data-testid="handbook-fault-code"
            />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t('handbook.title')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input data-testid="handbook-title" />
        </Form.Item>
        <Form.Item name="symptoms" label={t('handbook.symptoms')} rules={[{ required: true, whitespace: true, max: 4000 }]}>
          <Input.TextArea rows={3} data-testid="handbook-symptoms" />
        </Form.Item>
        <Form.Item name="cause" label={t('handbook.cause')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="fix" label={t('handbook.fix')} rules={[{ max: 8000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="partCodes" label={t('handbook.parts')}>
          <Select mode="tags" tokenSeparators={[',', ' ']} />
        </Form.Item>
        <Form.Item name="tags" label={t('handbook.tags')}>
          <Select mode="tags" tokenSeparators={[',', ' ', '，']} />
        </Form.Item>
        <Button type="primary" block onClick={save} loading={create.isPending || update.isPending} data-testid="handbook-save">
          {t('handbook.save')}
        </Button>
      </Form>
    </Card>
  );
}

export function HandbookEntryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useHandbookEntry(id);
  const [step, setStep] = useState<HandbookStep | null>(null);
  const e = q.data;
  if (!e) return <Card loading={q.isLoading} />;
  const steps = (['submit', 'publish', 'reject', 'retire'] as const).filter((s) => e.abilities[s]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="handbook-entry">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>
          {e.number} · {e.title} <HandbookStateTag state={e.state} />
          {e.publishedRevision > 0 && <Tag color="blue">{t('handbook.liveRevision', { n: e.publishedRevision })}</Tag>}
        </PageTitle>
        <Space wrap>
          {e.abilities.edit && (
            <Link to={`/handbook/${e.id}/edit`}>
              <Button data-testid="handbook-edit">{t('handbook.edit')}</Button>
            </Link>
          )}
          {steps.map((s) => (
            <Button
              key={s}
              type={s === 'retire' || s === 'reject' ? 'default' : 'primary'}
              danger={s === 'retire'}
              onClick={() => setStep(s)}
              data-testid={`handbook-${s}`}
            >
              {t(`handbook.${s}`)}
            </Button>
          ))}
        </Space>
      </Space>
      {e.reviewNote && <Alert type="info" showIcon title={`${t('handbook.reviewNote')}: ${e.reviewNote}`} />}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('handbook.model')}>{subject(e, t)}</Descriptions.Item>
          <Descriptions.Item label={t('handbook.faultCode')}>{e.faultCode ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('handbook.symptoms')} span={2}>
            {e.symptoms}
          </Descriptions.Item>
          <Descriptions.Item label={t('handbook.cause')} span={2}>
            {e.cause || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('handbook.fix')} span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{e.fix || '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('handbook.parts')}>{e.partCodes.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('handbook.tags')}>
            {e.tags.map((x) => (
              <Tag key={x}>{x}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('handbook.author')}>{e.authorName}</Descriptions.Item>
          {e.sourceWorkOrderId && (
            <Descriptions.Item label={t('handbook.sourceWorkOrder')}>
              <Link to={`/work-orders/${e.sourceWorkOrderId}`}>{e.sourceWorkOrderNumber}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Versions entry={e} />
      <StepDialog entry={e} step={step} onClose={() => setStep(null)} />
    </Space>
  );
}

function Versions({ entry }: { entry: HandbookEntryDetail }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<number | null>(null);
  const diff = useHandbookDiff(entry.id, shown ? shown - 1 : 0, shown ?? 0);
  if (entry.versions.length === 0) return null;
  return (
    <Card size="small" title={t('handbook.versions')} data-testid="handbook-versions">
      <List
        dataSource={entry.versions}
        renderItem={(v) => (
          <List.Item
            actions={
              v.revision > 1
                ? [
                    <Button key="d" size="small" type="link" onClick={() => setShown(shown === v.revision ? null : v.revision)}>
                      {t('handbook.compare')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space direction="vertical" style={{ width: '100%' }}>
              <span>
                <Tag color="blue">V{v.revision}</Tag> {fmt(v.publishedAt)} · {t('handbook.publishedBy')} {v.publishedByName} · {t('handbook.author')}{' '}
                {v.authorName}
                {v.reviewNote ? ` · ${v.reviewNote}` : ''}
              </span>
              {shown === v.revision && diff.data && (
                <Table
                  size="small"
                  pagination={false}
                  rowKey="field"
                  dataSource={diff.data.changes}
                  locale={{ emptyText: t('handbook.noChanges') }}
                  columns={[
                    { key: 'f', title: '', render: (_, c) => t(`handbook.fields.${c.field}`) },
                    { key: 'b', dataIndex: 'before', title: t('handbook.before') },
                    { key: 'a', dataIndex: 'after', title: t('handbook.after') },
                  ]}
                />
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function StepDialog({ entry, step, onClose }: { entry: HandbookEntryDetail; step: HandbookStep | null; onClose: () => void }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const [form] = Form.useForm();
  const run = useEntryStep();
  const needsNote = step === 'reject' || step === 'retire';
  const save = async () => {
    const v = await validFields(form);
    if (!v || !step) return;
    const body = step === 'submit' ? { version: entry.version } : { version: entry.version, note: v.note || (needsNote ? v.note : null) };
    run.mutate(
      { id: entry.id, step, body },
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
    <Dialog open={!!step} title={step ? t(`handbook.${step}`) : ''} onCancel={onClose} onOk={save} confirmLoading={run.isPending} okTestId="handbook-step-ok">
      <Form form={form} layout="vertical">
        {step !== 'submit' && (
          <Form.Item name="note" label={t('handbook.note')} rules={[{ required: needsNote, whitespace: true, max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
      </Form>
    </Dialog>
  );
}

/** 每月底…更新后的售后服务手册: the entries published or revised in a month. */
export function WhatsNewPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? undefined;
  const q = useWhatsNew(month);
  return (
    <Card
      title={<PageTitle>{t('handbook.menu.whatsNew')}</PageTitle>}
      extra={
        <DatePicker
          picker="month"
          value={dayjs(`${q.data?.month ?? month ?? businessToday().format('YYYY-MM')}-01`)}
          onChange={(d) => setParams(d ? { month: d.format('YYYY-MM') } : {})}
          allowClear={false}
        />
      }
      data-testid="handbook-whats-new"
    >
      <Typography.Paragraph type="secondary">{t('handbook.whatsNewHint')}</Typography.Paragraph>
      <Table
        size="small"
        loading={q.isLoading}
        rowKey={(r) => `${r.entryId}-${r.revision}`}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { key: 'n', title: t('handbook.number'), render: (_, r) => <Link to={`/handbook/${r.entryId}`}>{r.number}</Link> },
          { key: 't', dataIndex: 'title', title: t('handbook.title') },
          { key: 'm', title: t('handbook.model'), render: (_, r) => r.modelName ?? (r.category ? <EnumTag ns="model.categories" value={r.category} /> : '—') },
          { key: 'f', dataIndex: 'faultCode', title: t('handbook.faultCode'), render: (v) => v ?? '—' },
          {
            key: 'c',
            title: t('handbook.change'),
            render: (_, r) => <Tag color={r.change === 'new' ? 'green' : 'blue'}>{`${t(`handbook.changes.${r.change}`)} V${r.revision}`}</Tag>,
          },
          { key: 'p', title: t('handbook.publishedAt'), render: (_, r) => `${fmt(r.publishedAt)} · ${r.publishedByName}` },
        ]}
      />
    </Card>
  );
}
