// 巡检证据异常 (issue 13 §2, R-PM-2; seed 002 虚假巡检报告): the suspicious patterns of maintenance
// visits for the manager — identical readings, visits shorter than the template's minimum, photos
// reused across visits, signatures outside the on-site window — filtered by kind and period, each
// row opening its work order; below, the readings trend of the device picked from a row.
import { Card, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type EvidenceException, useEvidenceExceptions } from '../../../api/hooks/maintenanceVisits';
import { ReadingsTrend } from '../visit/ReadingsTrend';

const KINDS = ['identical_readings', 'short_visit', 'photo_reused', 'signature_outside_window'] as const;

export function EvidenceExceptionsPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<(typeof KINDS)[number] | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [device, setDevice] = useState<string | null>(null);
  const q = useEvidenceExceptions({
    kind,
    from: range?.[0].format('YYYY-MM-DD'),
    to: range?.[1].format('YYYY-MM-DD'),
  });
  const fmt = (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—');
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="evidence-exceptions">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('maintenanceVisit.exceptions.title')}
      </Typography.Title>
      <Space wrap>
        <Select
          allowClear
          style={{ width: 220 }}
          placeholder={t('maintenanceVisit.exceptions.kind')}
          value={kind}
          onChange={setKind}
          options={KINDS.map((k) => ({ value: k, label: t(`maintenanceVisit.exceptions.kinds.${k}`) }))}
        />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)} />
      </Space>
      <Card size="small">
        <Table<EvidenceException>
          size="small"
          loading={q.isLoading}
          rowKey={(e) => `${e.workOrderId}-${e.kind}`}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 720 }}
          onRow={(e) => ({ onClick: () => setDevice(e.deviceId) })}
          columns={[
            {
              title: t('maintenanceVisit.exceptions.kind'),
              dataIndex: 'kind',
              render: (k: string) => <Tag color="red">{t(`maintenanceVisit.exceptions.kinds.${k}`)}</Tag>,
            },
            {
              title: t('maintenanceVisit.exceptions.workOrder'),
              dataIndex: 'workOrderNumber',
              render: (n: string, e) => <Link to={`/work-orders/${e.workOrderId}`}>{n}</Link>,
            },
            { title: t('maintenanceVisit.exceptions.device'), dataIndex: 'serialNumber' },
            { title: t('maintenanceVisit.exceptions.customer'), dataIndex: 'customerName' },
            { title: t('maintenanceVisit.exceptions.engineer'), dataIndex: 'engineerName' },
            { title: t('maintenanceVisit.exceptions.window'), render: (_, e) => `${fmt(e.arrivedAt)} – ${fmt(e.departedAt)}` },
            {
              title: t('maintenanceVisit.exceptions.detail'),
              render: (_, e) => (
                <Space direction="vertical" size={0}>
                  <span>{t(`maintenanceVisit.exceptions.details.${e.kind}`, e.params)}</span>
                  {e.related.map((r) => (
                    <Link key={r.workOrderId} to={`/work-orders/${r.workOrderId}`}>
                      {r.workOrderNumber}
                    </Link>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {device && <ReadingsTrend deviceId={device} />}
    </Space>
  );
}
