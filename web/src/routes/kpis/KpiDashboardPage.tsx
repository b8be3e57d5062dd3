// 管理驾驶舱 (R-RP-1, issue 15 §3): the KPIs over a date range with the engineer/customer/model
// filters (kept in the URL), each number with its written definition and a link to the records
// behind it; trend line, bars by engineer, calls heat map by weekday/hour (echarts); tables by
// engineer, customer and model (MTBF); Excel export of every table and the monthly PDF report.
import { InfoCircleOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Col, DatePicker, Row, Select, Space, Spin, Table, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { download } from '../../api';
import { type KpiDashboard, type KpiDefinition, type KpiGroup, type KpiKey, useKpiDashboard, useKpiDefinitions, useKpiRollup } from '../../api/hooks/kpis';
import { useAbility } from '../../auth';
import { businessToday } from '../../businessDay';
import { PageTitle } from '../../components/PageTitle';
import { UnitFilter } from '../../components/pickers';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, CanvasRenderer]);

type Lang = 'zh-CN' | 'en-US';
const FILTERS = ['engineerId', 'customerId', 'modelId', 'unitId'] as const;

function Chart({ option, testId, height = 280 }: { option: echarts.EChartsCoreOption; testId: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} />;
}

export const unitText = (v: number | null | undefined, unit: KpiDefinition['unit']) =>
  v === null || v === undefined ? '—' : unit === '%' ? `${v}%` : unit === 'CNY' ? `¥${v.toLocaleString()}` : String(v);

export function KpiDashboardPage() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? businessToday().subtract(29, 'day').format('YYYY-MM-DD');
  const to = params.get('to') ?? businessToday().format('YYYY-MM-DD');
  const filters = Object.fromEntries(FILTERS.flatMap((k) => (params.get(k) ? [[k, params.get(k) as string]] : [])));
  const query = { from, to, ...filters };
  const q = useKpiDashboard(query);
  // The unfiltered groups name the choices of the filters.
  const all = useKpiDashboard({ from, to });
  const defs = useKpiDefinitions().data?.items ?? [];
  const rollup = useKpiRollup();
  const mayRollup = useAbility('kpis.rollup');
  const trendKpi = (params.get('trend') ?? 'firstTimeFixRate') as KpiKey;
  const d = q.data;

  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const drillHref = (kpi: KpiKey, extra: Record<string, string> = {}) =>
    `/kpis/drill?${new URLSearchParams({ from, to, ...filters, kpi, ...extra }).toString()}`;
  const qs = new URLSearchParams({ from, to, ...filters }).toString();

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="kpi-dashboard">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('kpis.title')}</PageTitle>
        <Space wrap>
          <Button onClick={() => download(`/api/v1/kpis/dashboard?${qs}&format=xlsx`, `kpi-${from}-${to}.xlsx`)} data-testid="kpi-export">
            {t('kpis.export')}
          </Button>
          <Button href={`/api/v1/kpis/monthly-report?month=${from.slice(0, 7)}`} target="_blank" data-testid="kpi-pdf">
            {t('kpis.pdf')}
          </Button>
          {mayRollup && (
            <Button
              loading={rollup.isPending}
              onClick={() => rollup.mutate({ from, to }, { onSuccess: (r) => message.success(t('kpis.refreshed', { facts: r.facts })) })}
              data-testid="kpi-rollup"
            >
              {t('kpis.refresh')}
            </Button>
          )}
        </Space>
      </Space>
      <Space wrap>
        <span>{t('kpis.range')}</span>
        <DatePicker.RangePicker
          value={[dayjs(from), dayjs(to)]}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
        />
        {(
          [
            ['engineerId', 'kpis.engineer', all.data?.byEngineer],
            ['customerId', 'kpis.customer', all.data?.byCustomer],
            ['modelId', 'kpis.model', all.data?.byModel],
          ] as const
        ).map(([k, label, groups]) => (
          <Select
            key={k}
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 160 }}
            placeholder={`${t(label)}：${t('kpis.all')}`}
            value={params.get(k) ?? undefined}
            onChange={(v) => set({ [k]: v ?? null })}
            options={(groups ?? []).map((g) => ({ value: g.key, label: g.name }))}
            data-testid={`kpi-filter-${k}`}
          />
        ))}
        {/* R-ORG-1: a branch manager sees his branch preselected. */}
        <UnitFilter
          placeholder={t('units.unit')}
          value={params.get('unitId') ?? undefined}
          onChange={(v) => set({ unitId: v ?? null })}
          style={{ minWidth: 160 }}
        />
      </Space>
      {q.isLoading && <Spin />}
      {d && (
        <>
          <Typography.Text type="secondary">{d.rolledUpTo ? t('kpis.rolledUpTo', { day: d.rolledUpTo }) : t('kpis.notRolledUp')}</Typography.Text>
          <Row gutter={[12, 12]}>
            {defs.map((def) => (
              <Col xs={12} sm={8} lg={6} xl={4} key={def.key}>
                <Card size="small" data-testid={`kpi-card-${def.key}`}>
                  <Space direction="vertical" size={0}>
                    <Typography.Text type="secondary">
                      {def.name[lang]}{' '}
                      <Tooltip title={def.definition[lang]}>
                        <InfoCircleOutlined />
                      </Tooltip>
                    </Typography.Text>
                    <Link to={drillHref(def.key)} data-testid={`kpi-value-${def.key}`} style={{ fontSize: 22 }}>
                      {unitText(d.totals.values[def.key], def.unit)}
                    </Link>
                  </Space>
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card
                size="small"
                title={t('kpis.trend')}
                extra={
                  <Select
                    size="small"
                    style={{ width: 180 }}
                    value={trendKpi}
                    onChange={(v) => set({ trend: v })}
                    options={defs.map((x) => ({ value: x.key, label: x.name[lang] }))}
                    aria-label={t('kpis.trendKpi')}
                  />
                }
              >
                <TrendChart d={d} kpi={trendKpi} defs={defs} lang={lang} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('kpis.byEngineer')}>
                <EngineerBars groups={d.byEngineer} defs={defs} lang={lang} />
              </Card>
            </Col>
            <Col xs={24}>
              <Card size="small" title={t('kpis.heatmap')}>
                <Heatmap cells={d.callsHeatmap} />
              </Card>
            </Col>
          </Row>
          {(
            [
              ['byEngineer', 'engineerId', d.byEngineer],
              ['byCustomer', 'customerId', d.byCustomer],
              ['byModel', 'modelId', d.byModel],
            ] as const
          ).map(([k, dim, groups]) => (
            <Card size="small" title={t(`kpis.${k}`)} key={k}>
              <GroupTable
                groups={groups}
                defs={defs}
                lang={lang}
                withMtbf={k === 'byModel'}
                drill={(kpi, key) => drillHref(kpi, { [dim]: key })}
                testId={`kpi-table-${k}`}
              />
            </Card>
          ))}
          <Card size="small" title={t('kpis.definitions')}>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={defs}
              columns={[
                { title: t('kpis.value'), dataIndex: 'key', render: (_: unknown, x: KpiDefinition) => x.name[lang], width: 200 },
                { title: t('kpis.definitions'), render: (_: unknown, x: KpiDefinition) => x.definition[lang] },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}

function TrendChart({ d, kpi, defs, lang }: { d: KpiDashboard; kpi: KpiKey; defs: KpiDefinition[]; lang: Lang }) {
  const { t } = useTranslation();
  const name = defs.find((x) => x.key === kpi)?.name[lang] ?? kpi;
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('kpis.orders'), name] },
      grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'category', data: d.trend.map((g) => g.key) },
      yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value' }],
      series: [
        { name: t('kpis.orders'), type: 'bar', data: d.trend.map((g) => g.orders) },
        { name, type: 'line', yAxisIndex: 1, connectNulls: true, data: d.trend.map((g) => g.values[kpi]) },
      ],
    }),
    [d, kpi, name, t],
  );
  return <Chart option={option} testId="kpi-trend" />;
}

const BAR_KEYS: KpiKey[] = ['firstTimeFixRate', 'respondAttainment', 'arriveAttainment'];

function EngineerBars({ groups, defs, lang }: { groups: KpiGroup[]; defs: KpiDefinition[]; lang: Lang }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('kpis.orders'), ...BAR_KEYS.map((k) => defs.find((x) => x.key === k)?.name[lang] ?? k)] },
      grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'category', data: groups.map((g) => g.name), axisLabel: { interval: 0, rotate: groups.length > 4 ? 30 : 0 } },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: t('kpis.orders'), type: 'bar', data: groups.map((g) => g.orders) },
        ...BAR_KEYS.map((k) => ({ name: defs.find((x) => x.key === k)?.name[lang] ?? k, type: 'bar', yAxisIndex: 1, data: groups.map((g) => g.values[k]) })),
      ],
    }),
    [groups, defs, lang, t],
  );
  return <Chart option={option} testId="kpi-engineers" />;
}

function Heatmap({ cells }: { cells: KpiDashboard['callsHeatmap'] }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const days = t('kpis.weekdays').split(',');
    const max = Math.max(1, ...cells.map((c) => c.calls));
    return {
      tooltip: { position: 'top' },
      grid: { left: 8, right: 8, bottom: 48, top: 8, containLabel: true },
      xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => `${h}`), splitArea: { show: true } },
      yAxis: { type: 'category', data: days, splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
      series: [{ name: t('kpis.calls'), type: 'heatmap', data: cells.map((c) => [c.hour, c.weekday, c.calls]), label: { show: true } }],
    };
  }, [cells, t]);
  return <Chart option={option} testId="kpi-heatmap" height={300} />;
}

function GroupTable({
  groups,
  defs,
  lang,
  withMtbf,
  drill,
  testId,
}: {
  groups: KpiGroup[];
  defs: KpiDefinition[];
  lang: Lang;
  withMtbf: boolean;
  drill: (kpi: KpiKey, key: string) => string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Table<KpiGroup>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={groups}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      columns={[
        { title: '', dataIndex: 'name', fixed: 'left' },
        { title: t('kpis.orders'), dataIndex: 'orders' },
        ...(withMtbf
          ? [
              { title: t('kpis.units'), dataIndex: 'units' },
              { title: t('kpis.mtbf'), dataIndex: 'mtbfDays', render: (v: number | null) => v ?? '—' },
            ]
          : []),
        ...defs.map((def) => ({
          title: (
            <Tooltip title={def.definition[lang]}>
              <span>{def.name[lang]}</span>
            </Tooltip>
          ),
          key: def.key,
          render: (_: unknown, g: KpiGroup) => <Link to={drill(def.key, g.key)}>{unitText(g.values[def.key], def.unit)}</Link>,
        })),
      ]}
    />
  );
}
