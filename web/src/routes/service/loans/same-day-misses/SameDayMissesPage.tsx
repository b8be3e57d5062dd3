// Same-day misses (R-WO-6) for the sales director: work orders not solved the day they were
// taken, in a date range, optionally only those still without a written reason, with the
// reason and the date promised to the customer; exported to Excel by the server.

import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Result, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type SameDayMiss as Miss, useExportSameDayMisses, useSameDayMisses } from '../../../../api/hooks/sameDay';
import { useAbility } from '../../../../auth';
import { businessToday } from '../../../../businessDay';
import { fmtTime, problemText, type WoStatus, WoStatusTag } from '../../common';

export function SameDayMissesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const allowed = useAbility('workorders.sameDayReport');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([businessToday().subtract(30, 'day'), businessToday()]);
  const [unexplained, setUnexplained] = useState(false);
  const params = {
    from: range[0].format('YYYY-MM-DD'),
    to: range[1].format('YYYY-MM-DD'),
    ...(unexplained ? { unexplained: 'true' as const } : {}),
  };
  const q = useSameDayMisses(params, allowed);
  const exporting = useExportSameDayMisses();
  if (!allowed) return <Result status="403" title={t('common.forbidden')} />;

  return (
    <Card title={t('svcLoans.misses.title')} data-testid="same-day-misses">
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker data-testid="misses-range" allowClear={false} value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
        <Checkbox data-testid="misses-unexplained" checked={unexplained} onChange={(e) => setUnexplained(e.target.checked)}>
          {t('svcLoans.misses.unexplained')}
        </Checkbox>
        <Button
          icon={<FileExcelOutlined />}
          data-testid="misses-export"
          loading={exporting.isPending}
          onClick={() => exporting.mutate(params, { onError: (e) => message.error(problemText(e)) })}
        >
          {t('common.export')}
        </Button>
      </Space>
      {q.error && <Typography.Paragraph type="danger">{problemText(q.error)}</Typography.Paragraph>}
      <Table<Miss>
        rowKey="workOrderId"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, showTotal: (n) => t('common.total', { total: n }) }}
        columns={[
          { title: t('svcLoans.misses.number'), dataIndex: 'number', render: (v: string, m) => <Link to={`/work-orders/${m.workOrderId}`}>{v}</Link> },
          { title: t('svcLoans.misses.status'), dataIndex: 'status', render: (v: WoStatus) => <WoStatusTag value={v} /> },
          { title: t('svcLoans.misses.customer'), dataIndex: 'customerName' },
          { title: t('svcLoans.misses.device'), key: 'device', responsive: ['md'], render: (_, m) => `${m.modelName} · ${m.serialNumber}` },
          { title: t('svcLoans.misses.lead'), dataIndex: 'leadName', responsive: ['md'], render: (v: string | null) => v ?? '—' },
          { title: t('svcLoans.misses.acceptedAt'), dataIndex: 'acceptedAt', responsive: ['lg'], render: fmtTime },
          { title: t('svcLoans.misses.missedAt'), dataIndex: 'missedAt', render: fmtTime },
          {
            title: t('svcLoans.misses.reason'),
            dataIndex: 'reason',
            render: (v: string | null, m) =>
              v ? (
                <span>
                  {v}
                  {m.reasonByName && <Typography.Text type="secondary"> · {m.reasonByName}</Typography.Text>}
                </span>
              ) : (
                <Tag color="red">{t('svcLoans.misses.noReason')}</Tag>
              ),
          },
          { title: t('svcLoans.misses.promisedDate'), dataIndex: 'promisedDate', render: (v: string | null) => v ?? '—' },
          { title: t('svcLoans.misses.resolvedAt'), dataIndex: 'resolvedAt', responsive: ['lg'], render: fmtTime },
        ]}
      />
    </Card>
  );
}
