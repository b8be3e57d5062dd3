// 预算 (seed 004 §9 费用预算/费用核算, issue 15 §4, R-FE-2): the year's budget grid (category ×
// department × project) with its cost rates, and budget vs actual — a bar chart by category, tables
// by category, department and project and the detail, overruns in red, Excel export.
import { DeleteOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Progress, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { download } from '../../api';
import { type Budget, type BudgetVsActual, useBudget, useBudgetActual, useSaveBudget } from '../../api/hooks/billing';
import { useAbility } from '../../auth';
import { validFields } from '../../components/forms';
import { PageTitle } from '../../components/PageTitle';
import { fieldErrorsThen } from '../../components/RecordForm';
import { useProblem } from '../care/common';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const CATEGORIES = ['installation', 'maintenance', 'parts', 'support', 'training', 'travel'] as const;
type Row = BudgetVsActual['rows'][number];

function Bars({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('billing.budget.budget'), t('billing.budget.actual')] },
      grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => t(`billing.budget.categories.${r.category}`)), axisLabel: { interval: 0 } },
      yAxis: { type: 'value' },
      series: [
        { name: t('billing.budget.budget'), type: 'bar', data: rows.map((r) => Number(r.budget)) },
        {
          name: t('billing.budget.actual'),
          type: 'bar',
          data: rows.map((r) => ({ value: Number(r.actual), itemStyle: r.overrun ? { color: '#cf1322' } : undefined })),
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [rows, t]);
  return <div ref={ref} style={{ width: '100%', height: 280 }} data-testid="budget-chart" />;
}

function VarianceTable({ rows, first }: { rows: Row[]; first: ('category' | 'department' | 'project')[] }) {
  const { t } = useTranslation();
  const label = (k: 'category' | 'department' | 'project', r: Row) =>
    k === 'category' ? (r.category ? t(`billing.budget.categories.${r.category}`) : '') : r[k] || t('billing.budget.none');
  return (
    <Table<Row>
      size="small"
      rowKey={(r) => `${r.category ?? ''}|${r.department ?? ''}|${r.project ?? ''}`}
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      rowClassName={(r) => (r.overrun ? 'budget-overrun' : '')}
      columns={[
        ...first.map((k) => ({ key: k, title: t(`billing.budget.${k}`), render: (_: unknown, r: Row) => label(k, r) })),
        { key: 'b', title: t('billing.budget.budget'), dataIndex: 'budget', align: 'right' as const },
        { key: 'a', title: t('billing.budget.actual'), dataIndex: 'actual', align: 'right' as const },
        {
          key: 'v',
          title: t('billing.budget.variance'),
          align: 'right' as const,
          render: (_: unknown, r: Row) => <Typography.Text type={r.overrun ? 'danger' : undefined}>{r.variance}</Typography.Text>,
        },
        {
          key: 'u',
          title: t('billing.budget.used'),
          width: 180,
          render: (_: unknown, r: Row) =>
            r.usedPercent === null ? (
              r.overrun ? (
                <Tag color="red">{t('billing.budget.overrun')}</Tag>
              ) : (
                '—'
              )
            ) : (
              <Progress percent={Math.min(100, r.usedPercent)} format={() => `${r.usedPercent}%`} status={r.overrun ? 'exception' : 'normal'} size="small" />
            ),
        },
        { key: 'o', title: '', render: (_: unknown, r: Row) => (r.overrun ? <Tag color="red">{t('billing.budget.overrun')}</Tag> : null) },
      ]}
    />
  );
}

function VsActual({ year }: { year: number }) {
  const { t } = useTranslation();
  const q = useBudgetActual(year);
  const d = q.data;
  return (
    <Card
      size="small"
      loading={q.isLoading}
      title={t('billing.budget.vsActual')}
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => download(`/api/v1/budgets/${year}/export`, `budget-${year}.xlsx`)}>
          Excel
        </Button>
      }
      data-testid="budget-vs-actual"
    >
      {d && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Bars rows={d.byCategory} />
          <Typography.Paragraph type="secondary">
            {t('billing.budget.actualNote')} {t('billing.budget.labourCostPerHour')} {d.labourCostPerHour} · {t('billing.budget.travelCostPerKm')}{' '}
            {d.travelCostPerKm}
          </Typography.Paragraph>
          <Tabs
            items={[
              { key: 'c', label: t('billing.budget.byCategory'), children: <VarianceTable rows={[...d.byCategory, d.total]} first={['category']} /> },
              { key: 'd', label: t('billing.budget.byDepartment'), children: <VarianceTable rows={d.byDepartment} first={['department']} /> },
              { key: 'p', label: t('billing.budget.byProject'), children: <VarianceTable rows={d.byProject} first={['project']} /> },
              { key: 'x', label: t('billing.budget.detail'), children: <VarianceTable rows={d.rows} first={['department', 'project', 'category']} /> },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}

type GridLine = { category?: string; department?: string; project?: string; amount?: number };

function BudgetGrid({ year, budget }: { year: number; budget: Budget }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problem = useProblem();
  const save = useSaveBudget();
  const canEdit = useAbility('billing.editBudgets');
  const [form] = Form.useForm();
  useEffect(() => {
    form.setFieldsValue({
      labourCostPerHour: Number(budget.labourCostPerHour),
      travelCostPerKm: Number(budget.travelCostPerKm),
      lines: budget.lines.map((l) => ({ category: l.category, department: l.department, project: l.project, amount: Number(l.amount) })),
    });
  }, [budget, form]);
  const submit = async () => {
    const v = await validFields(form);
    if (!v) return;
    save.mutate(
      {
        year,
        version: budget.version,
        labourCostPerHour: String(v.labourCostPerHour ?? 0),
        travelCostPerKm: String(v.travelCostPerKm ?? 0),
        lines: ((v.lines ?? []) as GridLine[]).map((l) => ({
          category: l.category as (typeof CATEGORIES)[number],
          department: l.department?.trim() || null,
          project: l.project?.trim() || null,
          amount: String(l.amount ?? 0),
        })),
      },
      { onSuccess: () => message.success(t('billing.budget.saved')), onError: fieldErrorsThen(form, problem) },
    );
  };
  return (
    <Card size="small" title={t('billing.budget.grid')} data-testid="budget-grid">
      <Form form={form} layout="vertical" disabled={!canEdit}>
        <Space wrap>
          <Form.Item name="labourCostPerHour" label={t('billing.budget.labourCostPerHour')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="travelCostPerKm" label={t('billing.budget.travelCostPerKm')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} style={{ width: 180 }} />
          </Form.Item>
        </Space>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start" style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'category']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                    <Select
                      placeholder={t('billing.budget.category')}
                      style={{ width: 130 }}
                      options={CATEGORIES.map((c) => ({ value: c, label: t(`billing.budget.categories.${c}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'department']} style={{ marginBottom: 0 }}>
                    <Input placeholder={t('billing.budget.department')} maxLength={100} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'project']} style={{ marginBottom: 0 }}>
                    <Input placeholder={t('billing.budget.project')} maxLength={100} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'amount']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                    <InputNumber placeholder={t('billing.budget.amount')} min={0} precision={2} style={{ width: 140 }} />
                  </Form.Item>
                  {canEdit && <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} />}
                </Space>
              ))}
              {canEdit && (
                <Button icon={<PlusOutlined />} onClick={() => add({ category: 'maintenance' })} data-testid="budget-add">
                  {t('billing.budget.addLine')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        {canEdit && (
          <Button type="primary" onClick={submit} loading={save.isPending} style={{ marginTop: 12 }} data-testid="budget-save">
            {t('billing.budget.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

export function BudgetPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || new Date().getFullYear();
  const budget = useBudget(year);
  const [tab, setTab] = useState(params.get('tab') ?? 'actual');
  const years = Array.from({ length: 5 }, (_, i) => new Date().getFullYear() + 1 - i);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <PageTitle>{t('billing.menu.budgets')}</PageTitle>
        <Select
          value={year}
          style={{ width: 120 }}
          options={years.map((y) => ({ value: y, label: `${y}` }))}
          onChange={(y) => setParams({ year: String(y), tab }, { replace: true })}
          data-testid="budget-year"
        />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k);
          setParams({ year: String(year), tab: k }, { replace: true });
        }}
        items={[
          { key: 'actual', label: t('billing.budget.vsActual'), children: <VsActual year={year} /> },
          { key: 'grid', label: t('billing.budget.grid'), children: budget.data ? <BudgetGrid year={year} budget={budget.data} /> : <Card loading /> },
        ]}
      />
    </Space>
  );
}
