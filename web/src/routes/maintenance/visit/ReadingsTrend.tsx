// A device's maintenance readings over time (issue 13 §1 "a trend chart of each reading per
// device"): one line per chosen check with its expected range as a band; out-of-range points red.

import { Card, Empty, Select } from 'antd';
import dayjs from 'dayjs';
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type MaintenanceReading, useDeviceReadings } from '../../../api/hooks/maintenanceVisits';

echarts.use([LineChart, GridComponent, TooltipComponent, MarkAreaComponent, CanvasRenderer]);

function Chart({ points }: { points: MaintenanceReading[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current || !points.length) return;
    const last = points[points.length - 1];
    const chart = echarts.init(ref.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, bottom: 8, top: 24, containLabel: true },
      xAxis: { type: 'category', data: points.map((p) => dayjs(p.takenAt).format('YYYY-MM-DD')) },
      yAxis: { type: 'value', name: last.unit ?? '', scale: true },
      series: [
        {
          type: 'line',
          data: points.map((p) => ({ value: p.numericValue, itemStyle: { color: p.outOfRange ? '#cf1322' : '#1677ff' } })),
          symbolSize: 8,
          markArea:
            last.min != null || last.max != null
              ? { itemStyle: { color: 'rgba(82,196,26,0.12)' }, data: [[{ yAxis: last.min ?? 'min' }, { yAxis: last.max ?? 'max' }]] }
              : undefined,
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [points]);
  return <div ref={ref} style={{ width: '100%', height: 240 }} data-testid="readings-chart" />;
}

export function ReadingsTrend({ deviceId }: { deviceId: string }) {
  const { t } = useTranslation();
  const q = useDeviceReadings(deviceId);
  const items = q.data?.items ?? [];
  const checks = useMemo(() => [...new Map(items.filter((i) => i.numericValue != null).map((i) => [i.checkKey, i.label])).entries()], [items]);
  const [key, setKey] = useState<string | undefined>();
  const chosen = key ?? checks[0]?.[0];
  const points = useMemo(() => items.filter((i) => i.checkKey === chosen && i.numericValue != null), [items, chosen]);
  return (
    <Card size="small" title={t('maintenanceVisit.trend')} loading={q.isLoading} data-testid="readings-trend">
      {checks.length === 0 ? (
        <Empty description={t('maintenanceVisit.noReadings')} />
      ) : (
        <>
          <Select style={{ width: '100%', maxWidth: 320 }} value={chosen} onChange={setKey} options={checks.map(([value, label]) => ({ value, label }))} />
          <Chart points={points} />
        </>
      )}
    </Card>
  );
}
