// 回访计划 (issue 13 §4; seed 002 part 2 客户回访以季度为单位，分解到月，按计划执行): a quarter's visit
// plans, one row per customer and one cell per month (done/planned, due and missed counts); a click
// shows the row's planned visits. Plan vs done by customer or by responsible person; generating the
// quarter (done visits are kept); the Excel export of the quarter's plan.
import { DownloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Input,
  Segmented,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { download, qs } from '../../../api';
import {
  type PlanFilter,
  useGenerateVisitPlans,
  usePlanVsDone,
  useRecordVisit,
  useVisitPlans,
  type VisitPlan,
  type VisitPlanLine,
} from '../../../api/hooks/visitPlans';
import { useAbility } from '../../../auth';
import { businessToday } from '../../../businessDay';
import { Dialog } from '../../../components/Dialog';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { fieldErrorsThen } from '../../../components/RecordForm';
import { useProblem } from '../common';

type Cell = VisitPlan['total'];

const STATE_COLORS: Record<string, string> = { done: 'green', missed: 'red', due: 'orange', planned: 'default' };

/** One month of one row: done/planned, coloured by the worst state in it. */
export function MonthCell({ c, testId }: { c: Cell; testId?: string }) {
  const { t } = useTranslation();
  if (!c.planned) return <Typography.Text type="secondary">—</Typography.Text>;
  const color = c.missed ? 'red' : c.due ? 'orange' : c.done === c.planned ? 'green' : 'default';
  return (
    <Space size={4} wrap data-testid={testId}>
      <Tag color={color}>{t('care.visitPlans.cell', { done: c.done, planned: c.planned })}</Tag>
      {c.missed > 0 && <Typography.Text type="danger">{t('care.visitPlans.missedN', { n: c.missed })}</Typography.Text>}
      {c.due > 0 && <Typography.Text type="warning">{t('care.visitPlans.dueN', { n: c.due })}</Typography.Text>}
    </Space>
  );
}

const quarterOf = (d: Dayjs) => ({ year: d.year(), quarter: Math.floor(d.month() / 3) + 1 });

function RecordVisit({ line, onDone }: { line: VisitPlanLine; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const problem = useProblem();
  const rec = useRecordVisit();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ record: string; contactName?: string }>();
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    rec.mutate(
      { lineId: line.id, record: v.record, contactName: v.contactName || null },
      {
        onSuccess: () => {
          setOpen(false);
          form.resetFields();
          message.success(t('care.visitPlans.recorded'));
          onDone();
        },
        onError: fieldErrorsThen(form, problem),
      },
    );
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`visit-record-${line.id}`}>
        {t('care.visitPlans.record')}
      </Button>
      <Dialog
        open={open}
        title={t('care.visitPlans.record')}
        onCancel={() => setOpen(false)}
        onOk={save}
        confirmLoading={rec.isPending}
        okTestId="visit-record-save"
      >
        <Form form={form} layout="vertical">
          <Form.Item name="record" label={t('care.visitPlans.recordText')} rules={[{ required: true, max: 2000 }]}>
            <Input.TextArea rows={3} data-testid="visit-record-text" />
          </Form.Item>
          <Form.Item name="contactName" label={t('care.visitPlans.contact')}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Dialog>
    </>
  );
}

function Lines({ plan, onClose }: { plan: VisitPlan | null; onClose: () => void }) {
  const { t } = useTranslation();
  const canRecord = useAbility('visitplans.record');
  const columns: TableColumnsType<VisitPlanLine> = [
    { dataIndex: 'month', title: t('care.visitPlans.month') },
    { dataIndex: 'kind', title: t('care.visitPlans.kind'), render: (v) => t(`care.visitPlans.kinds.${v}`) },
    { dataIndex: 'source', title: t('care.visitPlans.source'), render: (v) => t(`care.visitPlans.sources.${v}`) },
    { dataIndex: 'assigneeName', title: t('care.visitPlans.assignee'), render: (v) => v ?? '—' },
    { dataIndex: 'state', title: t('care.visitPlans.state'), render: (v) => <Tag color={STATE_COLORS[v]}>{t(`care.visitPlans.states.${v}`)}</Tag> },
    { dataIndex: 'doneAt', title: t('care.visitPlans.doneAt'), render: (v) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—') },
    ...(canRecord
      ? [{ key: 'record', title: '', render: (_: unknown, l: VisitPlanLine) => (l.state === 'due' ? <RecordVisit line={l} onDone={onClose} /> : null) }]
      : []),
  ];
  return (
    <Drawer open={!!plan} onClose={onClose} width={Math.min(720, window.innerWidth)} title={plan ? `${plan.customerName} · ${plan.year}Q${plan.quarter}` : ''}>
      {plan && (
        <Table<VisitPlanLine>
          data-testid="visit-lines"
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 560 }}
          dataSource={plan.lines}
          columns={columns}
        />
      )}
    </Drawer>
  );
}

function PlanTable({ filter, setFilter, months }: { filter: PlanFilter; setFilter: (f: PlanFilter) => void; months: string[] }) {
  const { t } = useTranslation();
  const q = useVisitPlans(filter);
  const [open, setOpen] = useState<VisitPlan | null>(null);
  const columns: TableColumnsType<VisitPlan> = [
    {
      key: 'customer',
      title: t('care.visitPlans.customer'),
      fixed: 'left',
      width: 180,
      render: (_, r) => (
        <Space size={4} wrap>
          <Link to={`/customers/${r.customerId}`} onClick={(e) => e.stopPropagation()}>
            {r.customerName}
          </Link>
          {r.keyAccount && <Tag color="gold">{t('care.visitPlans.keyAccount')}</Tag>}
        </Space>
      ),
    },
    { dataIndex: 'assigneeName', title: t('care.visitPlans.assignee'), width: 100, render: (v) => v ?? '—' },
    ...months.map((m, i) => ({
      key: m,
      title: m,
      width: 130,
      render: (_: unknown, r: VisitPlan) => <MonthCell c={r.months[i]} testId={`cell-${r.customerId}-${i}`} />,
    })),
    { key: 'total', title: t('care.visitPlans.total'), width: 130, render: (_, r) => <MonthCell c={r.total} /> },
  ];
  return (
    <>
      <Table<VisitPlan>
        data-testid="visit-plans-table"
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        scroll={{ x: 800 }}
        locale={{ emptyText: t('care.visitPlans.noPlan') }}
        onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (page, pageSize) => setFilter({ ...filter, page, pageSize }),
        }}
      />
      <Lines plan={open} onClose={() => setOpen(null)} />
    </>
  );
}

function VsDone({ year, quarter, by }: { year: number; quarter: number; by: 'customer' | 'person' }) {
  const { t } = useTranslation();
  const q = usePlanVsDone(year, quarter, by);
  type Row = NonNullable<typeof q.data>['rows'][number];
  const months = q.data?.months ?? [];
  const rate = (c: Cell) => (c.planned ? `${Math.round((100 * c.done) / c.planned)}%` : '—');
  return (
    <Table<Row>
      data-testid="visit-vs-done"
      rowKey={(r) => r.id ?? '-'}
      size="small"
      loading={q.isFetching}
      dataSource={q.data?.rows ?? []}
      pagination={false}
      scroll={{ x: 720 }}
      columns={[
        {
          key: 'name',
          title: by === 'customer' ? t('care.visitPlans.customer') : t('care.visitPlans.assignee'),
          fixed: 'left',
          width: 160,
          render: (_, r) => r.name ?? '—',
        },
        ...months.map((m, i) => ({ key: m, title: m, width: 130, render: (_: unknown, r: Row) => <MonthCell c={r.months[i]} /> })),
        { key: 'total', title: t('care.visitPlans.total'), width: 130, render: (_, r) => <MonthCell c={r.total} /> },
        { key: 'rate', title: t('care.visitPlans.rate'), width: 80, render: (_, r) => rate(r.total) },
      ]}
      summary={() =>
        q.data ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('care.visitPlans.total')}</Table.Summary.Cell>
            {q.data.cells.map((c, i) => (
              <Table.Summary.Cell index={i + 1} key={months[i]}>
                <MonthCell c={c} />
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={4}>
              <MonthCell c={q.data.total} />
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5}>{rate(q.data.total)}</Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

export function VisitPlansPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const problem = useProblem();
  const canPlan = useAbility('visitplans.plan');
  const generate = useGenerateVisitPlans();
  const [day, setDay] = useState<Dayjs>(businessToday());
  const [view, setView] = useState<'plan' | 'customer' | 'person'>('plan');
  const { year, quarter } = quarterOf(day);
  const [filter, setFilterState] = useState<Omit<PlanFilter, 'year' | 'quarter'>>({ page: 1, pageSize: 20 });
  const full: PlanFilter = { ...filter, year, quarter };
  const setFilter = (f: PlanFilter) => setFilterState({ page: f.page, pageSize: f.pageSize, q: f.q, keyAccount: f.keyAccount, state: f.state });
  const first = (quarter - 1) * 3 + 1;
  const months = [0, 1, 2].map((i) => `${year}-${String(first + i).padStart(2, '0')}`);
  const exportQuery = { year, quarter, q: filter.q, keyAccount: filter.keyAccount, state: filter.state };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="visit-plans">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('care.menu.visitPlans')}</PageTitle>
        <Space wrap>
          <DatePicker picker="quarter" value={day} onChange={(v) => v && setDay(v)} allowClear={false} data-testid="visit-quarter" />
          {canPlan && (
            <Button
              icon={<ThunderboltOutlined />}
              loading={generate.isPending}
              data-testid="visit-generate"
              onClick={() =>
                generate.mutate({ year, quarter }, { onSuccess: (r) => message.success(t('care.visitPlans.generated', { n: r.plans })), onError: problem })
              }
            >
              {t('care.visitPlans.generate')}
            </Button>
          )}
          <Button
            icon={<DownloadOutlined />}
            data-testid="visit-export"
            onClick={() => download(`/api/v1/visit-plans/export${qs(exportQuery)}`, `visit-plan-${year}-Q${quarter}.xlsx`)}
          >
            {t('common.export')}
          </Button>
        </Space>
      </Space>
      <Alert type="info" showIcon message={t('care.visitPlans.hint')} />
      <Segmented
        value={view}
        onChange={(v) => setView(v as typeof view)}
        options={[
          { value: 'plan', label: t('care.visitPlans.plan') },
          { value: 'customer', label: `${t('care.visitPlans.vsDone')} · ${t('care.visitPlans.byCustomer')}` },
          { value: 'person', label: `${t('care.visitPlans.vsDone')} · ${t('care.visitPlans.byPerson')}` },
        ]}
      />
      {view === 'plan' ? (
        <>
          <Space wrap>
            <Input.Search
              allowClear
              placeholder={t('care.visitPlans.customer')}
              style={{ width: 200 }}
              onSearch={(v) => setFilter({ ...full, q: v || undefined, page: 1 })}
            />
            <Select
              style={{ width: 140 }}
              value={filter.state ?? ''}
              onChange={(v) => setFilter({ ...full, state: (v || undefined) as PlanFilter['state'], page: 1 })}
              options={[
                { value: '', label: t('care.visitPlans.allStates') },
                ...(['missed', 'due', 'done', 'planned'] as const).map((s) => ({ value: s, label: t(`care.visitPlans.states.${s}`) })),
              ]}
              data-testid="visit-state"
            />
            <Checkbox
              checked={filter.keyAccount === 'true'}
              onChange={(e) => setFilter({ ...full, keyAccount: e.target.checked ? 'true' : undefined, page: 1 })}
            >
              {t('care.visitPlans.onlyKey')}
            </Checkbox>
          </Space>
          <PlanTable filter={full} setFilter={setFilter} months={months} />
        </>
      ) : (
        <VsDone year={year} quarter={quarter} by={view} />
      )}
    </Space>
  );
}
