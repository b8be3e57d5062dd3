// The records behind one KPI number (R-RP-1 drill-down, issue 15 §3): the dashboard's range and
// filters from the URL, each record with its work order (a link to it) where there is one;
// "misses only" narrows to those that missed (SLA breached, not fixed first time, …).
import { Button, Card, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type DrillQuery, type KpiKey, useKpiDefinitions, useKpiDrill } from '../../api/hooks/kpis';
import { PageTitle } from '../../components/PageTitle';

const KEYS = ['from', 'to', 'engineerId', 'customerId', 'modelId', 'period'] as const;

export function KpiDrillPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const [params, setParams] = useSearchParams();
  const kpi = params.get('kpi') as KpiKey | null;
  const query = kpi
    ? ({
        kpi,
        ...Object.fromEntries(KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : []))),
        ...(params.get('missed') === 'true' ? { missed: 'true' } : {}),
      } as DrillQuery)
    : null;
  const q = useKpiDrill(query);
  const def = useKpiDefinitions().data?.items.find((d) => d.key === kpi);
  const back = new URLSearchParams(Object.fromEntries(KEYS.filter((k) => k !== 'period' && params.get(k)).map((k) => [k, params.get(k) as string])));
  type Item = NonNullable<typeof q.data>['items'][number];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="kpi-drill">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('kpis.drillTitle', { kpi: def?.name[lang] ?? kpi ?? '' })}</PageTitle>
        <Link to={`/kpis?${back.toString()}`}>
          <Button>{t('kpis.back')}</Button>
        </Link>
      </Space>
      {def && <Typography.Paragraph type="secondary">{def.definition[lang]}</Typography.Paragraph>}
      <Space wrap>
        <Typography.Text>
          {params.get('from')} — {params.get('to')}
          {params.get('period') ? ` · ${params.get('period')}` : ''}
        </Typography.Text>
        <Switch
          checked={params.get('missed') === 'true'}
          onChange={(v) => {
            const next = new URLSearchParams(params);
            if (v) next.set('missed', 'true');
            else next.delete('missed');
            setParams(next, { replace: true });
          }}
        />
        <span>{t('kpis.missedOnly')}</span>
      </Space>
      {q.isLoading && <Spin />}
      {q.data && (
        <Card size="small" title={t('kpis.drillCount', { n: q.data.count })}>
          <Table<Item>
            size="small"
            rowKey={(r) => `${r.source}:${r.sourceId}`}
            dataSource={q.data.items}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
            data-testid="kpi-drill-table"
            columns={[
              { title: t('kpis.day'), dataIndex: 'day' },
              {
                title: t('kpis.workOrder'),
                dataIndex: 'workOrderNumber',
                render: (v: string | null, r) => (r.workOrderId ? <Link to={`/work-orders/${r.workOrderId}`}>{v}</Link> : '—'),
              },
              { title: t('kpis.source'), dataIndex: 'source', render: (v: string) => t(`kpis.sources.${v}`) },
              { title: t('kpis.customer'), dataIndex: 'customerName', render: (v: string | null) => v ?? '—' },
              { title: t('kpis.engineer'), dataIndex: 'engineerName', render: (v: string | null) => v ?? '—' },
              { title: t('kpis.model'), dataIndex: 'modelName', render: (v: string | null) => v ?? '—' },
              { title: t('kpis.value'), dataIndex: 'value' },
              { title: '', dataIndex: 'missed', render: (v: boolean) => (v ? <Tag color="red">{t('kpis.missed')}</Tag> : null) },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
