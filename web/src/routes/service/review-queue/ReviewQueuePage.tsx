// 服务报告审核 queue (R-WO-5): signed reports waiting for customer service. Opening one shows
// the report with its missing fields and the approve / return panel.
import { Alert, Card, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useWorkOrders, type WorkOrderRow } from '../../../api/hooks/workOrders';
import { PageTitle } from '../../../components/PageTitle';
import { CategoryTag, problemText, UrgencyTag, WoStatusTag } from '../common';

export function ReviewQueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useWorkOrders({ status: 'signed_off', pageSize: 100 });
  return (
    <Card data-testid="review-queue" title={<PageTitle>{t('menu.reviews')}</PageTitle>}>
      {q.error && <Alert type="error" showIcon title={problemText(q.error)} />}
      <Typography.Paragraph type="secondary">{t('workOrder.reviewIntro')}</Typography.Paragraph>
      <Table<WorkOrderRow>
        data-testid="review-table"
        rowKey="id"
        size="middle"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ onClick: () => navigate(`/work-orders/${r.id}`), style: { cursor: 'pointer' } })}
        locale={{ emptyText: t('workOrder.reviewEmpty') }}
        columns={[
          { dataIndex: 'number', title: t('service.workOrder'), render: (v, r) => <Link to={`/work-orders/${r.id}`}>{v}</Link> },
          { key: 'status', title: t('service.status'), render: () => <WoStatusTag value="signed_off" /> },
          { dataIndex: 'urgency', title: t('service.urgency'), render: (v) => <UrgencyTag value={v} /> },
          { dataIndex: 'serviceCategory', title: t('service.category'), render: (v) => <CategoryTag value={v} /> },
          { key: 'device', title: t('device.title'), render: (_, r) => `${r.serialNumber} · ${r.modelName}` },
          { dataIndex: 'customerName', title: t('device.customer') },
          { dataIndex: 'leadName', title: t('dispatch.lead'), render: (v) => v ?? '—' },
          { dataIndex: 'updatedAt', title: t('common.updatedAt'), render: (v) => dayjs(v).format('YYYY-MM-DD HH:mm') },
        ]}
      />
    </Card>
  );
}
