// 投诉统计 (R-CP-5): a month's complaints by cause, model, customer and staff, repeats
// counted double (R-CP-3); bar charts (echarts) and the Excel export of the month.

import { Button, Card, Col, DatePicker, Row, Space, Spin, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../../api';
import { type ComplaintStatsLine as Line, useComplaintStats } from '../../../api/hooks/complaints';
import { businessToday } from '../../../businessDay';
import { PageTitle } from '../../../components/PageTitle';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

function Bars({ lines, testId }: { lines: Line[]; testId: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('care.stats.count'), t('care.stats.weighted')] },
      grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'category', data: lines.map((l) => l.label), axisLabel: { interval: 0, rotate: lines.length > 4 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('care.stats.count'), type: 'bar', data: lines.map((l) => l.complaints) },
        { name: t('care.stats.weighted'), type: 'bar', data: lines.map((l) => l.weighted) },
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

export function ComplaintStatsPage() {
  const { t } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(businessToday());
  const m = month.format('YYYY-MM');
  const q = useComplaintStats(m);
  const s = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="complaint-stats">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('care.menu.stats')}</PageTitle>
        <Space wrap>
          <DatePicker picker="month" value={month} onChange={(v) => v && setMonth(v)} allowClear={false} />
          <Button onClick={() => download(`/api/v1/complaints/stats?month=${m}&format=xlsx`, `complaints-${m}.xlsx`)} data-testid="stats-export">
            {t('common.export')}
          </Button>
        </Space>
      </Space>
      {q.isLoading && <Spin />}
      {s && (
        <>
          <Typography.Text>{t('care.stats.total', { total: s.total, weighted: s.weighted })}</Typography.Text>
          <Row gutter={[16, 16]}>
            {(
              [
                ['byCause', s.byCause.map((l) => ({ ...l, label: l.key === 'unknown' ? l.label : t(`care.complaint.causes.${l.key}`) }))],
                ['byModel', s.byModel],
                ['byCustomer', s.byCustomer],
                ['byStaff', s.byStaff],
              ] as const
            ).map(([k, lines]) => (
              <Col xs={24} lg={12} key={k}>
                <Card size="small" title={t(`care.stats.${k}`)}>
                  <Bars lines={[...lines]} testId={`chart-${k}`} />
                </Card>
              </Col>
            ))}
          </Row>
        </>
      )}
    </Space>
  );
}
