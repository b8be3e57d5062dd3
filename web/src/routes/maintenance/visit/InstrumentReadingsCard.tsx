// Issue 13 §5: "affected by this instrument" — the maintenance readings an instrument took and the
// devices they concern, so a recalled or out-of-tolerance instrument names what to re-check.
import { Card, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type MaintenanceReading, useInstrumentReadings } from '../../../api/hooks/maintenanceVisits';
import { rangeHint } from './MaintenanceVisitSection';

export function InstrumentReadingsCard({ instrumentId }: { instrumentId: string }) {
  const { t } = useTranslation();
  const q = useInstrumentReadings(instrumentId);
  const devices = q.data?.devices ?? [];
  return (
    <Card size="small" title={t('maintenanceVisit.affected.title', { n: devices.length })} loading={q.isLoading} data-testid="instrument-affected">
      <Space wrap style={{ marginBottom: 8 }}>
        {devices.map((d) => (
          <Tag key={d.deviceId}>{d.serialNumber}</Tag>
        ))}
      </Space>
      <Table<MaintenanceReading>
        rowKey="id"
        size="small"
        scroll={{ x: 600 }}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 10 }}
        columns={[
          { title: t('maintenanceVisit.affected.takenAt'), dataIndex: 'takenAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { title: t('maintenanceVisit.exceptions.device'), dataIndex: 'serialNumber' },
          {
            title: t('maintenanceVisit.exceptions.workOrder'),
            dataIndex: 'workOrderNumber',
            render: (n: string, r) => <Link to={`/work-orders/${r.workOrderId}`}>{n}</Link>,
          },
          { title: t('maintenanceVisit.affected.check'), dataIndex: 'label' },
          {
            title: t('maintenanceVisit.affected.value'),
            render: (_, r) => (
              <Tag color={r.outOfRange ? 'red' : undefined}>
                {r.value} {r.unit ?? ''} ({rangeHint(r)})
              </Tag>
            ),
          },
        ]}
      />
    </Card>
  );
}
