// Parts reports: stock by warehouse, consumption by part / model / month, parts cost per work
// order, slow movers and the reorder list — each with its Excel export.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, InputNumber, Segmented, Space, Table, type TableColumnsType, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, download, type GetQuery, qs } from '../../../api';
import { type ReportPath, type ReportRow, usePartsReport } from '../../../api/hooks/parts';
import { money, PartsTag } from '../partsPickers';

function Report<P extends ReportPath>({
  endpoint,
  params,
  columns,
  rowKey,
  name,
}: {
  endpoint: P;
  params: GetQuery<P>;
  columns: TableColumnsType<ReportRow<P>>;
  rowKey: keyof ReportRow<P> & string;
  name: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const data = usePartsReport(endpoint, params);
  const doExport = () =>
    download(endpoint + qs({ ...params, format: 'xlsx' }), name).catch((e) => message.error(e instanceof ApiError ? e.problem.detail : String(e)));
  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={doExport} style={{ marginBottom: 12 }} data-testid={`report-export-${name}`}>
        {t('common.export')}
      </Button>
      <Table<ReportRow<P>>
        size="small"
        rowKey={rowKey}
        loading={data.isFetching}
        dataSource={data.data ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}

export function PartsReportsPage() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<'part' | 'model' | 'month'>('part');
  const [days, setDays] = useState(180);
  return (
    <Card title={t('parts.menu.reports')}>
      <Tabs
        items={[
          {
            key: 'stock',
            label: t('parts.reports.stockByWarehouse'),
            children: (
              <Report
                endpoint="/api/v1/parts/reports/stock-by-warehouse"
                params={{}}
                rowKey="warehouseId"
                name="stock-by-warehouse.xlsx"
                columns={[
                  { key: 'name', dataIndex: 'warehouseName', title: t('parts.warehouse') },
                  { key: 'kind', dataIndex: 'kind', title: t('parts.kind'), render: (v) => <PartsTag ns="warehouseKinds" value={v} /> },
                  { key: 'lines', dataIndex: 'lines', title: t('parts.reports.lines'), align: 'right' },
                  { key: 'qty', dataIndex: 'qty', title: t('parts.qty'), align: 'right' },
                  { key: 'value', dataIndex: 'value', title: t('parts.reports.value'), align: 'right', render: (v) => money(v) },
                ]}
              />
            ),
          },
          {
            key: 'consumption',
            label: t('parts.reports.consumption'),
            children: (
              <>
                <Space style={{ marginBottom: 12 }}>
                  <Segmented
                    value={groupBy}
                    onChange={(v) => setGroupBy(v as typeof groupBy)}
                    options={(['part', 'model', 'month'] as const).map((k) => ({ value: k, label: t(`parts.reports.by.${k}`) }))}
                  />
                </Space>
                <Report
                  endpoint="/api/v1/parts/reports/consumption"
                  params={{ groupBy }}
                  rowKey="key"
                  name="consumption.xlsx"
                  columns={[
                    { key: 'key', dataIndex: 'key', title: t(`parts.reports.by.${groupBy}`) },
                    { key: 'label', dataIndex: 'label', title: t('parts.name') },
                    { key: 'qty', dataIndex: 'qty', title: t('parts.qty'), align: 'right' },
                    { key: 'cost', dataIndex: 'cost', title: t('parts.reports.cost'), align: 'right', render: (v) => money(v) },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'costs',
            label: t('parts.reports.workOrderCosts'),
            children: (
              <Report
                endpoint="/api/v1/parts/reports/work-order-costs"
                params={{}}
                rowKey="workOrderId"
                name="work-order-parts-cost.xlsx"
                columns={[
                  {
                    key: 'wo',
                    dataIndex: 'workOrderNumber',
                    title: t('parts.workOrder'),
                    render: (v, r) => <Link to={`/work-orders/${r.workOrderId}`}>{v}</Link>,
                  },
                  { key: 'lines', dataIndex: 'lines', title: t('parts.reports.lines'), align: 'right' },
                  { key: 'qty', dataIndex: 'qty', title: t('parts.qty'), align: 'right' },
                  { key: 'cost', dataIndex: 'cost', title: t('parts.reports.cost'), align: 'right', render: (v) => money(v) },
                ]}
              />
            ),
          },
          {
            key: 'slow',
            label: t('parts.reports.slowMovers'),
            children: (
              <>
                <Space style={{ marginBottom: 12 }}>
                  {t('parts.reports.days')}
                  <InputNumber min={1} max={3650} value={days} onChange={(v) => setDays(v ?? 180)} />
                </Space>
                <Report
                  endpoint="/api/v1/parts/reports/slow-movers"
                  params={{ days }}
                  rowKey="partId"
                  name="slow-movers.xlsx"
                  columns={[
                    { key: 'code', dataIndex: 'partCode', title: t('parts.code') },
                    { key: 'name', dataIndex: 'partName', title: t('parts.name') },
                    { key: 'onHand', dataIndex: 'onHand', title: t('parts.onHand'), align: 'right' },
                    { key: 'value', dataIndex: 'value', title: t('parts.reports.value'), align: 'right', render: (v) => money(v) },
                    { key: 'last', dataIndex: 'lastIssueAt', title: t('parts.reports.lastIssue'), render: (v) => (v ? dayjs(v).format('YYYY-MM-DD') : '—') },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'reorder',
            label: t('parts.purchasing.reorder'),
            children: (
              <Report
                endpoint="/api/v1/parts/reports/reorder"
                params={{}}
                rowKey="partId"
                name="reorder.xlsx"
                columns={[
                  { key: 'code', dataIndex: 'partCode', title: t('parts.code') },
                  { key: 'name', dataIndex: 'partName', title: t('parts.name') },
                  { key: 'onHand', dataIndex: 'onHand', title: t('parts.onHand'), align: 'right' },
                  { key: 'min', dataIndex: 'minStock', title: t('parts.minStock'), align: 'right' },
                  { key: 'forecast', dataIndex: 'forecast', title: t('parts.forecast'), align: 'right' },
                  { key: 'qty', dataIndex: 'suggestedQty', title: t('parts.suggested'), align: 'right' },
                  { key: 'reason', dataIndex: 'reason', title: t('parts.reason'), render: (v) => t(`parts.reasons.${v}`) },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
