// 服务报告审核 queue (R-WO-5): signed reports waiting for customer service. Opening one shows
// the report with its missing fields and the approve / return panel.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, must } from '../../api';
import { CategoryTag, problemText, UrgencyTag, type WorkOrderRow, WoStatusTag } from '../../components/service/common';

interface Row {
  id: string;
  number: string;
  urgency: WorkOrderRow['urgency'];
  category?: string;
  serialNumber: string;
  modelName: string;
  customerName: string;
  leadName?: string | null;
  updatedAt: string;
}

export function ReviewQueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: ['/api/v1/work-orders', 'review-queue'],
    queryFn: async (): Promise<Row[]> => {
      // Typed from the OpenAPI document: a change of the list's DTO fails the typecheck here.
      const p = await must(api.GET('/api/v1/work-orders', { params: { query: { status: 'signed_off', pageSize: 100 } } }));
      return p.items.map((w) => ({ ...w, category: w.serviceCategory }));
    },
  });
  return (
    <Card
      data-testid="review-queue"
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('menu.reviews')}
        </Typography.Title>
      }
    >
      {q.error && <Alert type="error" showIcon title={problemText(q.error)} />}
      <Typography.Paragraph type="secondary">{t('workOrder.reviewIntro')}</Typography.Paragraph>
      <Table<Row>
        data-testid="review-table"
        rowKey="id"
        size="middle"
        loading={q.isFetching}
        dataSource={q.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ onClick: () => navigate(`/work-orders/${r.id}`), style: { cursor: 'pointer' } })}
        locale={{ emptyText: t('workOrder.reviewEmpty') }}
        columns={[
          { dataIndex: 'number', title: t('service.workOrder'), render: (v, r) => <Link to={`/work-orders/${r.id}`}>{v}</Link> },
          { key: 'status', title: t('service.status'), render: () => <WoStatusTag value="signed_off" /> },
          { dataIndex: 'urgency', title: t('service.urgency'), render: (v) => <UrgencyTag value={v} /> },
          { dataIndex: 'category', title: t('service.category'), render: (v) => <CategoryTag value={v} /> },
          { key: 'device', title: t('device.title'), render: (_, r) => `${r.serialNumber} · ${r.modelName}` },
          { dataIndex: 'customerName', title: t('device.customer') },
          { dataIndex: 'leadName', title: t('dispatch.lead'), render: (v) => v ?? '—' },
          { dataIndex: 'updatedAt', title: t('common.updatedAt'), render: (v) => dayjs(v).format('YYYY-MM-DD HH:mm') },
        ]}
      />
    </Card>
  );
}
