// A device's part swaps (R-PT-2): for each work order, which unit went in and which came out.
// Drop into the device page: <DevicePartsHistory deviceId={id} />.

import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type DeviceSwap, useDeviceSwaps } from '../../../../api/hooks/parts';
import { StaticTable } from '../../../../components/StaticTable';

export function DevicePartsHistory({ deviceId }: { deviceId: string }) {
  const { t } = useTranslation();
  const list = useDeviceSwaps(deviceId);
  return (
    <StaticTable<DeviceSwap>
      data-testid="device-parts-history"
      rowKey="lineId"
      loading={list.isFetching}
      dataSource={list.data ?? []}
      columns={[
        { key: 'at', dataIndex: 'at', title: t('parts.time'), render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
        { key: 'wo', dataIndex: 'workOrderNumber', title: t('parts.workOrder'), render: (v, r) => <Link to={`/work-orders/${r.workOrderId}`}>{v}</Link> },
        { key: 'part', dataIndex: 'name', title: t('parts.part'), render: (v, r) => (r.partNo ? `${r.partNo} · ${v}` : v) },
        { key: 'qty', dataIndex: 'quantity', title: t('parts.qty'), align: 'right', render: (v: string) => Number(v) },
        { key: 'in', dataIndex: 'installedSerial', title: t('parts.lotInstalled') },
        { key: 'out', dataIndex: 'removedSerial', title: t('parts.removedSerial') },
        { key: 'stock', dataIndex: 'fromStock', title: t('parts.menu.ledger'), render: (v: boolean) => (v ? <Tag color="green">✓</Tag> : null) },
      ]}
    />
  );
}
