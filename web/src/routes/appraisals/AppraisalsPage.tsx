// 月度考核 (R-AP-1, issue 15 §3; seed 002 §17): the month's appraisals — KPI score, customer
// rating, supervisor's assessment, 乐捐 and rewards, the composite score; the service manager draws
// up the month, adds penalties/rewards and assesses; the employee acknowledges his own. Buttons
// from each record's abilities.
import { App as AntApp, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type Appraisal, useAppraisalStep, useAppraisals, useGenerateAppraisals } from '../../api/hooks/appraisals';
import { useKpiDefinitions } from '../../api/hooks/kpis';
import { useAbility, useMe } from '../../auth';
import { businessToday } from '../../businessDay';
import { PageTitle } from '../../components/PageTitle';

const STATUS_COLOR = { draft: 'orange', assessed: 'blue', acknowledged: 'green' } as const;

export function AppraisalsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? businessToday().subtract(1, 'month').format('YYYY-MM');
  const q = useAppraisals(month);
  const generate = useGenerateAppraisals();
  const mayGenerate = useAbility('appraisals.generate');
  const [openId, setOpenId] = useState<string | null>(null);
  const open = q.data?.items.find((a) => a.id === openId) ?? null;
  const num = (v: number | null) => (v === null ? '—' : v);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="appraisals">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('appraisals.title')}</PageTitle>
        <Space wrap>
          <DatePicker
            picker="month"
            value={dayjs(`${month}-01`)}
            allowClear={false}
            onChange={(v) => v && setParams({ month: v.format('YYYY-MM') }, { replace: true })}
            aria-label={t('appraisals.month')}
          />
          {mayGenerate && (
            <Button
              type="primary"
              loading={generate.isPending}
              data-testid="appraisals-generate"
              onClick={() =>
                generate.mutate({ month, teamLeadId: me.id, complaintPenalty: 100 }, { onSuccess: (r) => message.success(t('appraisals.generated', r)) })
              }
            >
              {t('appraisals.generate')}
            </Button>
          )}
        </Space>
      </Space>
      <Typography.Text type="secondary">{t('appraisals.scoreHelp')}</Typography.Text>
      <Table<Appraisal>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('appraisals.empty') }}
        onRow={(a) => ({ onClick: () => setOpenId(a.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('appraisals.engineer'), dataIndex: 'engineerName' },
          {
            title: t('appraisals.status'),
            dataIndex: 'status',
            render: (s: Appraisal['status']) => <Tag color={STATUS_COLOR[s]}>{t(`appraisals.statuses.${s}`)}</Tag>,
          },
          { title: t('appraisals.kpiScore'), dataIndex: 'kpiScore', render: num },
          { title: t('appraisals.rating'), dataIndex: 'customerRating', render: num },
          { title: t('appraisals.supervisor'), dataIndex: 'supervisorScore', render: num },
          { title: t('appraisals.penalties'), dataIndex: 'penaltyTotal' },
          { title: t('appraisals.rewards'), dataIndex: 'rewardTotal' },
          { title: t('appraisals.score'), dataIndex: 'score', render: (v: number | null) => <b>{num(v)}</b> },
        ]}
      />
      <Drawer open={!!open} onClose={() => setOpenId(null)} width={Math.min(640, window.innerWidth)} title={open ? `${open.engineerName} · ${open.month}` : ''}>
        {open && <AppraisalDetail a={open} />}
      </Drawer>
    </Space>
  );
}

function AppraisalDetail({ a }: { a: Appraisal }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const defs = useKpiDefinitions().data?.items ?? [];
  const step = useAppraisalStep();
  const [itemForm] = Form.useForm();
  const [assessForm] = Form.useForm();
  const [ackForm] = Form.useForm();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="appraisal-detail">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('appraisals.status')}>{t(`appraisals.statuses.${a.status}`)}</Descriptions.Item>
        <Descriptions.Item label={t('appraisals.score')}>{a.score ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('appraisals.supervisor')}>
          {a.supervisorScore ?? '—'} {a.supervisorComment ? `· ${a.supervisorComment}` : ''} {a.assessedByName ? `（${a.assessedByName}）` : ''}
        </Descriptions.Item>
        {a.acknowledgedAt && (
          <Descriptions.Item label={t('appraisals.acknowledge')}>
            {dayjs(a.acknowledgedAt).format('YYYY-MM-DD HH:mm')} {a.acknowledgementNote ?? ''}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Card size="small" title={t('appraisals.kpis')}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('appraisals.orders')}>{a.kpis.orders ?? 0}</Descriptions.Item>
          {defs.map((d) => (
            <Descriptions.Item key={d.key} label={d.name[lang]}>
              {a.kpis[d.key] ?? '—'}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Card size="small" title={t('appraisals.items')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={a.items}
          columns={[
            {
              title: t('appraisals.kind'),
              dataIndex: 'kind',
              render: (k: 'penalty' | 'reward') => <Tag color={k === 'penalty' ? 'red' : 'green'}>{t(`appraisals.kinds.${k}`)}</Tag>,
            },
            { title: t('appraisals.reason'), dataIndex: 'reason' },
            { title: t('appraisals.amount'), dataIndex: 'amount' },
          ]}
        />
        {a.abilities.addItem && (
          <Form
            form={itemForm}
            layout="vertical"
            style={{ marginTop: 12 }}
            onFinish={(v) => step.mutate({ id: a.id, step: 'items', body: { version: a.version, ...v } }, { onSuccess: () => itemForm.resetFields() })}
          >
            <Form.Item name="kind" label={t('appraisals.kind')} rules={[{ required: true }]} initialValue="reward">
              <Select options={(['reward', 'penalty'] as const).map((k) => ({ value: k, label: t(`appraisals.kinds.${k}`) }))} />
            </Form.Item>
            <Form.Item name="reason" label={t('appraisals.reason')} rules={[{ required: true }]}>
              <Input maxLength={500} data-testid="appraisal-item-reason" />
            </Form.Item>
            <Form.Item name="amount" label={t('appraisals.amount')} rules={[{ required: true }]}>
              <InputNumber min={0.01} style={{ width: '100%' }} />
            </Form.Item>
            <Button htmlType="submit" loading={step.isPending}>
              {t('appraisals.addItem')}
            </Button>
          </Form>
        )}
      </Card>
      {a.abilities.assess && (
        <Card size="small" title={t('appraisals.assess')}>
          <Form
            form={assessForm}
            layout="vertical"
            initialValues={{ supervisorScore: a.supervisorScore ?? undefined, comment: a.supervisorComment ?? undefined }}
            onFinish={(v) => step.mutate({ id: a.id, step: 'assess', body: { version: a.version, ...v } })}
          >
            <Form.Item name="supervisorScore" label={t('appraisals.supervisor')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="comment" label={t('appraisals.comment')} rules={[{ required: true }]}>
              <Input.TextArea maxLength={2000} rows={3} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={step.isPending} data-testid="appraisal-assess">
              {t('appraisals.save')}
            </Button>
          </Form>
        </Card>
      )}
      {a.abilities.acknowledge && (
        <Card size="small" title={t('appraisals.acknowledge')}>
          <Form
            form={ackForm}
            layout="vertical"
            onFinish={(v) => step.mutate({ id: a.id, step: 'acknowledge', body: { version: a.version, note: v.note || undefined } })}
          >
            <Form.Item name="note" label={t('appraisals.note')}>
              <Input.TextArea maxLength={1000} rows={2} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={step.isPending} data-testid="appraisal-acknowledge">
              {t('appraisals.acknowledge')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
