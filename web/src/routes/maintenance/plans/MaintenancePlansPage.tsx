// 保养计划 (issue 13 §1, R-PM-1; seed 004 §4 预防为主, seed 002 季度计划分解到月): the year plan as a
// Gantt-like grid — rows per engineer or per customer, one column per month — each visit a chip
// coloured by its state (done / due / overdue / the hospital asked another date). Drag a chip to
// another month (or click it) to move it in a dialog (date, engineer; a non-working day comes back
// as the server's translated error on the field). Generate / regenerate a contract's plan; plan vs
// done per month, engineer or customer with a chart and the Excel export; the overdue and
// requested visits listed. Works on a 390 px phone: the grid scrolls sideways.
import { useQuery } from '@tanstack/react-query';
import { App as AntApp, Button, Card, DatePicker, Form, InputNumber, Modal, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, download, getPage } from '../../../api';
import {
  type MaintenanceVisit,
  useGenerateMaintenancePlan,
  useMaintenancePlanReport,
  useMaintenanceVisits,
  useMoveMaintenanceVisit,
} from '../../../api/hooks/maintenancePlans';
import { keysFor } from '../../../api/keys';
import { useAbility } from '../../../auth';
import { businessToday } from '../../../businessDay';
import { PageTitle } from '../../../components/PageTitle';

export const FLAG_COLORS: Record<MaintenanceVisit['flag'], string> = {
  done: 'green',
  due: 'blue',
  overdue: 'red',
  requested: 'orange',
  planned: 'default',
  cancelled: 'default',
};

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

function problemMessage(err: unknown): string {
  return err instanceof ApiError ? (err.problem.detail ?? err.message) : String(err);
}

function MoveDialog({
  visit,
  engineers,
  suggested,
  onClose,
}: {
  visit: MaintenanceVisit | null;
  engineers: [string, string][];
  suggested?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const move = useMoveMaintenanceVisit();
  const { message } = AntApp.useApp();
  if (!visit) return null;
  const save = async () => {
    const v = await form.validateFields();
    try {
      await move.mutateAsync({
        id: visit.id,
        body: { version: visit.version, plannedDate: v.plannedDate.format('YYYY-MM-DD'), engineerId: v.engineerId ?? null },
      });
      message.success(t('maintenance.plans.moved'));
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.problem.fields?.length) form.setFields(err.problem.fields.map((f) => ({ name: f.field, errors: [f.message] })));
      else message.error(problemMessage(err));
    }
  };
  return (
    <Modal open title={t('maintenance.plans.move')} onCancel={onClose} onOk={save} confirmLoading={move.isPending} destroyOnHidden>
      <Typography.Paragraph>
        {visit.customerName} · {visit.modelName} {visit.serialNumber}
      </Typography.Paragraph>
      {visit.requestedDate && (
        <Typography.Paragraph type="warning" data-testid="visit-request">
          {t('maintenance.plans.requestedBy', { date: visit.requestedDate, reason: visit.requestReason ?? '' })}
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ plannedDate: dayjs(suggested ?? visit.requestedDate ?? visit.plannedDate), engineerId: visit.engineerId ?? undefined }}
      >
        <Form.Item name="plannedDate" label={t('maintenance.plans.plannedDate')} rules={[{ required: true }]}>
          <DatePicker data-testid="visit-date" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="engineerId" label={t('maintenance.plans.engineer')}>
          <Select allowClear options={engineers.map(([value, label]) => ({ value, label }))} data-testid="visit-engineer" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function GenerateDialog({ open, year, onClose }: { open: boolean; year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const gen = useGenerateMaintenancePlan();
  const { message } = AntApp.useApp();
  const contracts = useQuery({
    queryKey: keysFor('contracts').list('/api/v1/contracts', { pageSize: 200, state: 'active' }),
    queryFn: () => getPage('/api/v1/contracts', { pageSize: 200 }),
    enabled: open,
  });
  const save = async () => {
    const v = await form.validateFields();
    try {
      const r = await gen.mutateAsync({ contractId: v.contractId, year: v.year });
      message.success(t('maintenance.plans.generated', { created: r.created, kept: r.kept, cancelled: r.cancelled }));
      onClose();
    } catch (err) {
      message.error(problemMessage(err));
    }
  };
  return (
    <Modal open={open} title={t('maintenance.plans.generate')} onCancel={onClose} onOk={save} confirmLoading={gen.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('maintenance.plans.generateHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ year }}>
        <Form.Item name="contractId" label={t('maintenance.plans.contract')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={contracts.isFetching}
            options={(contracts.data?.items ?? [])
              .filter((c) => c.kind === 'maintenance' || c.visitsPerYear > 0)
              .map((c) => ({ value: c.id, label: `${c.number} · ${c.customerName ?? ''} (${c.startDate} – ${c.endDate})` }))}
            data-testid="plan-contract"
          />
        </Form.Item>
        <Form.Item name="year" label={t('maintenance.plans.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function YearGrid({ visits, by, onOpen }: { visits: MaintenanceVisit[]; by: 'engineer' | 'customer'; onOpen: (v: MaintenanceVisit, month?: number) => void }) {
  const { t } = useTranslation();
  const rows = useMemo(() => {
    const m = new Map<string, { key: string; label: string; months: MaintenanceVisit[][] }>();
    for (const v of visits) {
      const key = by === 'engineer' ? (v.engineerId ?? '') : v.customerId;
      const label = by === 'engineer' ? (v.engineerName ?? t('maintenance.plans.unassigned')) : v.customerName;
      const row = m.get(key) ?? { key, label, months: MONTHS.map(() => []) };
      row.months[Number(v.plannedDate.slice(5, 7)) - 1].push(v);
      m.set(key, row);
    }
    return [...m.values()].sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  }, [visits, by, t]);
  const [dragged, setDragged] = useState<MaintenanceVisit | null>(null);
  return (
    <div style={{ overflowX: 'auto' }} data-testid="plan-grid">
      <table style={{ borderCollapse: 'collapse', minWidth: 1100, width: '100%' }}>
        <thead>
          <tr>
            <th style={{ textAlign: 'left', padding: 4, minWidth: 140 }}>
              {by === 'engineer' ? t('maintenance.plans.engineer') : t('maintenance.plans.customer')}
            </th>
            {MONTHS.map((m) => (
              <th key={m} style={{ padding: 4, minWidth: 80 }}>
                {t('maintenance.plans.month', { m })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} style={{ borderTop: '1px solid #f0f0f0' }}>
              <td style={{ padding: 4, verticalAlign: 'top' }}>{r.label}</td>
              {r.months.map((vs, i) => (
                <td
                  // biome-ignore lint/suspicious/noArrayIndexKey: the twelve months are fixed columns
                  key={i}
                  style={{ padding: 2, verticalAlign: 'top', background: i % 2 ? '#fafafa' : undefined }}
                  onDragOver={(e) => e.preventDefault()}
                  onDrop={() => {
                    if (dragged) onOpen(dragged, i + 1);
                    setDragged(null);
                  }}
                >
                  {vs.map((v) => (
                    <Tag
                      key={v.id}
                      color={FLAG_COLORS[v.flag]}
                      draggable={v.status !== 'done' && v.status !== 'ordered'}
                      onDragStart={() => setDragged(v)}
                      onClick={() => onOpen(v)}
                      style={{ cursor: 'pointer', display: 'block', marginBottom: 2 }}
                      data-testid={`visit-${v.id}`}
                      title={`${v.customerName} ${v.modelName} ${v.serialNumber} · ${t(`maintenance.plans.status.${v.status}`)}`}
                    >
                      {v.plannedDate.slice(8)} {by === 'engineer' ? v.customerName.slice(0, 6) : (v.engineerName ?? '').slice(0, 4)} {v.serialNumber.slice(-4)}
                    </Tag>
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <Space wrap style={{ marginTop: 8 }}>
        {(['done', 'due', 'overdue', 'requested', 'planned'] as const).map((f) => (
          <Tag key={f} color={FLAG_COLORS[f]}>
            {t(`maintenance.plans.flag.${f}`)}
          </Tag>
        ))}
      </Space>
    </div>
  );
}

function ReportTab({ year }: { year: number }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<'month' | 'engineer' | 'customer'>('month');
  const report = useMaintenancePlanReport({ year, by });
  const rows = report.data ?? [];
  const max = Math.max(1, ...rows.map((r) => r.planned));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="plan-report">
      <Space wrap>
        <Radio.Group value={by} onChange={(e) => setBy(e.target.value)} optionType="button">
          <Radio.Button value="month">{t('maintenance.plans.byMonth')}</Radio.Button>
          <Radio.Button value="engineer">{t('maintenance.plans.byEngineer')}</Radio.Button>
          <Radio.Button value="customer">{t('maintenance.plans.byCustomer')}</Radio.Button>
        </Radio.Group>
        <Button
          onClick={() => download(`/api/v1/maintenance-plans/report?year=${year}&by=${by}&format=xlsx`, `maintenance-plan-${year}.xlsx`)}
          data-testid="plan-export"
        >
          {t('maintenance.plans.export')}
        </Button>
      </Space>
      {/* A plain bar chart: planned (grey) with done (green) over it, overdue in red. */}
      <div style={{ display: 'flex', alignItems: 'flex-end', gap: 6, height: 160, overflowX: 'auto', padding: '8px 0' }} data-testid="plan-chart">
        {rows.map((r) => (
          <div key={r.key} style={{ textAlign: 'center', minWidth: 36 }} title={`${r.label}: ${r.done}/${r.planned}`}>
            <div style={{ position: 'relative', height: 120, width: 24, margin: '0 auto', background: '#f0f0f0' }}>
              <div style={{ position: 'absolute', bottom: 0, width: '100%', height: `${(r.planned / max) * 100}%`, background: '#d9d9d9' }} />
              <div style={{ position: 'absolute', bottom: 0, width: '100%', height: `${(r.done / max) * 100}%`, background: '#52c41a' }} />
              {r.overdue > 0 && (
                <div
                  style={{
                    position: 'absolute',
                    bottom: `${(r.done / max) * 100}%`,
                    width: '100%',
                    height: `${(r.overdue / max) * 100}%`,
                    background: '#ff4d4f',
                  }}
                />
              )}
            </div>
            <div style={{ fontSize: 11, whiteSpace: 'nowrap' }}>{by === 'month' ? r.key.slice(5) : r.label.slice(0, 4)}</div>
          </div>
        ))}
      </div>
      <Table
        rowKey="key"
        size="small"
        loading={report.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t(`maintenance.plans.by_${by}`), dataIndex: 'label' },
          { title: t('maintenance.plans.planned'), dataIndex: 'planned' },
          { title: t('maintenance.plans.done'), dataIndex: 'done' },
          { title: t('maintenance.plans.overdue'), dataIndex: 'overdue' },
          { title: t('maintenance.plans.rate'), dataIndex: 'rate', render: (v: number) => `${v}%` },
        ]}
      />
    </Space>
  );
}

function VisitTable({ visits, loading, onOpen }: { visits: MaintenanceVisit[]; loading: boolean; onOpen: (v: MaintenanceVisit) => void }) {
  const { t } = useTranslation();
  return (
    <Table
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={visits}
      scroll={{ x: true }}
      columns={[
        { title: t('maintenance.plans.plannedDate'), dataIndex: 'plannedDate', sorter: (a, b) => a.plannedDate.localeCompare(b.plannedDate) },
        { title: t('maintenance.plans.customer'), dataIndex: 'customerName' },
        { title: t('maintenance.plans.device'), render: (_, v) => `${v.modelName} ${v.serialNumber}` },
        { title: t('maintenance.plans.engineer'), dataIndex: 'engineerName' },
        {
          title: t('maintenance.plans.statusLabel'),
          render: (_, v) => <Tag color={FLAG_COLORS[v.flag]}>{t(`maintenance.plans.status.${v.status}`)}</Tag>,
        },
        { title: t('maintenance.plans.request'), render: (_, v) => (v.requestedDate ? `${v.requestedDate} · ${v.requestReason ?? ''}` : '') },
        { title: t('maintenance.plans.workOrder'), dataIndex: 'workOrderNumber' },
        {
          title: '',
          render: (_, v) =>
            ['planned', 'notified', 'confirmed', 'reschedule_requested'].includes(v.status) ? (
              <Button size="small" onClick={() => onOpen(v)}>
                {t('maintenance.plans.move')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

const mondayOf = (d: dayjs.Dayjs) => d.subtract((d.day() + 6) % 7, 'day');
/** The quarter's date range, Monday-aligned columns (issue 13 §1: the Gantt-like week view). */
export function quarterWeeks(year: number, quarter: number) {
  const from = dayjs(`${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`);
  const to = from.add(3, 'month').subtract(1, 'day');
  const weeks: dayjs.Dayjs[] = [];
  for (let w = mondayOf(from); !w.isAfter(to); w = w.add(7, 'day')) weeks.push(w);
  return { from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD'), weeks };
}

/**
 * 周视图 (issue 13 §1: "the year plan (calendar/Gantt view per engineer and per customer)"): rows per
 * engineer or customer, one column per week of the quarter, a bar per planned visit in its week
 * coloured by its state. Drag a bar to another week (or click it) to move it by its date.
 */
function WeekGrid({
  visits,
  by,
  weeks,
  onOpen,
}: {
  visits: MaintenanceVisit[];
  by: 'engineer' | 'customer';
  weeks: dayjs.Dayjs[];
  onOpen: (v: MaintenanceVisit, suggested?: string) => void;
}) {
  const { t } = useTranslation();
  const keys = weeks.map((w) => w.format('YYYY-MM-DD'));
  const rows = useMemo(() => {
    const m = new Map<string, { key: string; label: string; weeks: MaintenanceVisit[][] }>();
    for (const v of visits) {
      const i = keys.indexOf(mondayOf(dayjs(v.plannedDate)).format('YYYY-MM-DD'));
      if (i < 0) continue;
      const key = by === 'engineer' ? (v.engineerId ?? '') : v.customerId;
      const label = by === 'engineer' ? (v.engineerName ?? t('maintenance.plans.unassigned')) : v.customerName;
      const row = m.get(key) ?? { key, label, weeks: keys.map(() => []) };
      row.weeks[i].push(v);
      m.set(key, row);
    }
    return [...m.values()].sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  }, [visits, by, t, keys]);
  const [dragged, setDragged] = useState<MaintenanceVisit | null>(null);
  const today = mondayOf(businessToday()).format('YYYY-MM-DD');
  return (
    <div style={{ overflowX: 'auto' }} data-testid="plan-week-grid">
      <table style={{ borderCollapse: 'collapse', minWidth: 140 + weeks.length * 64, width: '100%' }}>
        <thead>
          <tr>
            <th style={{ textAlign: 'left', padding: 4, minWidth: 140, position: 'sticky', left: 0, background: '#fff' }}>
              {by === 'engineer' ? t('maintenance.plans.engineer') : t('maintenance.plans.customer')}
            </th>
            {weeks.map((w, i) => (
              <th key={keys[i]} style={{ padding: 2, minWidth: 60, fontWeight: 400, fontSize: 12, background: keys[i] === today ? '#e6f4ff' : undefined }}>
                {t('maintenance.plans.week', { d: w.format('MM-DD') })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} style={{ borderTop: '1px solid #f0f0f0' }}>
              <td style={{ padding: 4, verticalAlign: 'top', position: 'sticky', left: 0, background: '#fff' }}>{r.label}</td>
              {r.weeks.map((vs, i) => (
                <td
                  key={keys[i]}
                  style={{ padding: 2, verticalAlign: 'top', background: keys[i] === today ? '#f0f8ff' : i % 2 ? '#fafafa' : undefined }}
                  onDragOver={(e) => e.preventDefault()}
                  onDrop={() => {
                    if (dragged) onOpen(dragged, weeks[i].add((dayjs(dragged.plannedDate).day() + 6) % 7, 'day').format('YYYY-MM-DD'));
                    setDragged(null);
                  }}
                >
                  {vs.map((v) => (
                    <Tag
                      key={v.id}
                      color={FLAG_COLORS[v.flag]}
                      draggable={v.status !== 'done' && v.status !== 'ordered'}
                      onDragStart={() => setDragged(v)}
                      onClick={() => onOpen(v)}
                      style={{ cursor: 'pointer', display: 'block', marginBottom: 2, marginInlineEnd: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}
                      data-testid={`week-visit-${v.id}`}
                      title={`${v.plannedDate} ${v.customerName} ${v.modelName} ${v.serialNumber} · ${t(`maintenance.plans.flag.${v.flag}`)}`}
                    >
                      {v.plannedDate.slice(8)} {v.serialNumber.slice(-4)}
                    </Tag>
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MaintenancePlansPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(businessToday().year());
  const [by, setBy] = useState<'engineer' | 'customer'>('engineer');
  const [grain, setGrain] = useState<'month' | 'week'>('month');
  const [quarter, setQuarter] = useState(Math.floor(businessToday().month() / 3) + 1);
  const range = useMemo(() => quarterWeeks(year, quarter), [year, quarter]);
  const weekVisits = useMaintenanceVisits({ from: range.from, to: range.to, pageSize: 200, sort: 'plannedDate' });
  const [open, setOpen] = useState<{ visit: MaintenanceVisit; suggested?: string } | null>(null);
  const [generating, setGenerating] = useState(false);
  const all = useMaintenanceVisits({ year, pageSize: 200, sort: 'plannedDate' });
  const overdue = useMaintenanceVisits({ overdue: 'true', pageSize: 200, sort: 'plannedDate' });
  const requested = useMaintenanceVisits({ status: 'reschedule_requested', pageSize: 200, sort: 'plannedDate' });
  const visits = all.data?.items ?? [];
  const engineers = useMemo(() => {
    const m = new Map<string, string>();
    for (const v of visits) if (v.engineerId) m.set(v.engineerId, v.engineerName ?? v.engineerId);
    return [...m.entries()];
  }, [visits]);
  const planner = useAbility('maintenancePlans.plan');
  const openWeekVisit = (v: MaintenanceVisit, suggested?: string) => planner && setOpen({ visit: v, suggested });
  const openVisit = (v: MaintenanceVisit, month?: number) => {
    if (!planner) return;
    const suggested = month ? `${year}-${String(month).padStart(2, '0')}-${v.plannedDate.slice(8)}` : undefined;
    setOpen({ visit: v, suggested: suggested && dayjs(suggested).isValid() ? suggested : undefined });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="maintenance-plans">
      <PageTitle title={t('maintenance.menu.plans')} />
      <Space wrap>
        <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} data-testid="plan-year" />
        <Radio.Group value={by} onChange={(e) => setBy(e.target.value)} optionType="button">
          <Radio.Button value="engineer">{t('maintenance.plans.perEngineer')}</Radio.Button>
          <Radio.Button value="customer">{t('maintenance.plans.perCustomer')}</Radio.Button>
        </Radio.Group>
        <Radio.Group value={grain} onChange={(e) => setGrain(e.target.value)} optionType="button" data-testid="plan-grain">
          <Radio.Button value="month">{t('maintenance.plans.grainMonth')}</Radio.Button>
          <Radio.Button value="week">{t('maintenance.plans.grainWeek')}</Radio.Button>
        </Radio.Group>
        {grain === 'week' && (
          <Select
            value={quarter}
            onChange={setQuarter}
            style={{ width: 96 }}
            options={[1, 2, 3, 4].map((n) => ({ value: n, label: t('maintenance.plans.quarter', { n }) }))}
            data-testid="plan-quarter"
          />
        )}
        {planner && (
          <Button type="primary" onClick={() => setGenerating(true)} data-testid="plan-generate">
            {t('maintenance.plans.generate')}
          </Button>
        )}
      </Space>
      <Tabs
        items={[
          {
            key: 'grid',
            label: t('maintenance.plans.yearPlan'),
            children: (
              <Card size="small" loading={grain === 'month' ? all.isLoading : weekVisits.isLoading}>
                {grain === 'month' ? (
                  <YearGrid visits={visits} by={by} onOpen={openVisit} />
                ) : (
                  <WeekGrid visits={weekVisits.data?.items ?? []} by={by} weeks={range.weeks} onOpen={openWeekVisit} />
                )}
              </Card>
            ),
          },
          {
            key: 'requested',
            label: `${t('maintenance.plans.requestedTab')} (${requested.data?.total ?? 0})`,
            children: <VisitTable visits={requested.data?.items ?? []} loading={requested.isFetching} onOpen={openVisit} />,
          },
          {
            key: 'overdue',
            label: `${t('maintenance.plans.overdueTab')} (${overdue.data?.total ?? 0})`,
            children: <VisitTable visits={overdue.data?.items ?? []} loading={overdue.isFetching} onOpen={openVisit} />,
          },
          { key: 'report', label: t('maintenance.plans.report'), children: <ReportTab year={year} /> },
        ]}
      />
      {open && <MoveDialog visit={open.visit} suggested={open.suggested} engineers={engineers} onClose={() => setOpen(null)} />}
      <GenerateDialog open={generating} year={year} onClose={() => setGenerating(false)} />
    </Space>
  );
}
