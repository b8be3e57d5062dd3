// 续约率 (issue 13 §3, R-CT-1): renewals won / decided by month of expiry and by salesperson over
// a range of months, as bars (echarts) and tables, with the Excel export.
import { Button, Card, Col, DatePicker, Row, Space, Spin, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../../api';
import { type RenewalRate, useRenewalRate } from '../../../api/hooks/renewals';
import { businessToday } from '../../../businessDay';
import { PageTitle } from '../../../components/PageTitle';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

type Line = RenewalRate['byMonth'][number];
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

function Bars({ lines, testId }: { lines: Line[]; testId: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('renewals.rate.won'), t('renewals.rate.lost'), t('renewals.rate.open'), t('renewals.rate.rate')] },
      grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'category', data: lines.map((l) => l.label), axisLabel: { interval: 0, rotate: lines.length > 4 ? 30 : 0 } },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: t('renewals.rate.won'), type: 'bar', stack: 'n', data: lines.map((l) => l.won) },
        { name: t('renewals.rate.lost'), type: 'bar', stack: 'n', data: lines.map((l) => l.lost) },
        { name: t('renewals.rate.open'), type: 'bar', stack: 'n', data: lines.map((l) => l.open) },
        { name: t('renewals.rate.rate'), type: 'line', yAxisIndex: 1, data: lines.map((l) => (l.rate === null ? null : Math.round(l.rate * 1000) / 10)) },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [lines, t]);
  return <div ref={ref} style={{ width: '100%', height: 260 }} data-testid={testId} />;
}

function Lines({ lines, first }: { lines: Line[]; first: string }) {
  const { t } = useTranslation();
  return (
    <Table<Line>
      size="small"
      rowKey={(l) => l.key ?? '-'}
      pagination={false}
      dataSource={lines}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: first, dataIndex: 'label' },
        { title: t('renewals.rate.total'), dataIndex: 'total', align: 'right' },
        { title: t('renewals.rate.won'), dataIndex: 'won', align: 'right' },
        { title: t('renewals.rate.lost'), dataIndex: 'lost', align: 'right' },
        { title: t('renewals.rate.open'), dataIndex: 'open', align: 'right' },
        { title: t('renewals.rate.rate'), dataIndex: 'rate', align: 'right', render: pct },
      ]}
    />
  );
}

export function RenewalRatePage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([businessToday().subtract(11, 'month'), businessToday().add(3, 'month')]);
  const from = range[0].format('YYYY-MM');
  const to = range[1].format('YYYY-MM');
  const q = useRenewalRate({ from, to });
  const s = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="renewal-rate">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('renewals.rate.title')}</PageTitle>
        <Space wrap>
          <DatePicker.RangePicker picker="month" value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          <Button
            onClick={() => download(`/api/v1/renewals/rate/export?from=${from}&to=${to}`, `renewal-rate-${from}-${to}.xlsx`)}
            data-testid="renewal-rate-export"
          >
            {t('common.export')}
          </Button>
        </Space>
      </Space>
      {q.isLoading && <Spin />}
      {s && (
        <>
          <Typography.Text data-testid="renewal-rate-overall">
            {t('renewals.rate.total')} {s.overall.total} · {t('renewals.rate.won')} {s.overall.won} · {t('renewals.rate.lost')} {s.overall.lost} ·{' '}
            {t('renewals.rate.rate')} {pct(s.overall.rate)}
          </Typography.Text>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('renewals.rate.byMonth')}>
                <Bars lines={s.byMonth} testId="chart-renewal-month" />
                <Lines lines={s.byMonth} first={t('renewals.f.month')} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('renewals.rate.byOwner')}>
                <Bars lines={s.byOwner} testId="chart-renewal-owner" />
                <Lines lines={s.byOwner} first={t('renewals.f.owner')} />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}
