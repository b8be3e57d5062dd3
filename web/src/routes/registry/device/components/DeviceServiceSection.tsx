// The device page's service history: its repair requests with their work orders, newest first.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type ServiceRequest, useRequests } from '../../../../api/hooks/requests';
import { useAbility } from '../../../../auth';
import { StaticTable } from '../../../../components/StaticTable';
import { CategoryTag, problemText, RequestStatusTag, UrgencyTag, WoStatusTag } from '../../../service/common';

export function DeviceServiceSection({ deviceId }: { deviceId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canRegister = useAbility('requests.register');
  const q = useRequests({ deviceId, pageSize: 50, sort: '-receivedAt' });
  return (
    <Card
      title={t('service.deviceHistory')}
      size="small"
      data-testid="device-service"
      extra={
        canRegister && (
          <Button
            data-testid="device-report"
            size="small"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate(`/requests/new?deviceId=${deviceId}`)}
          >
            {t('service.newRequest')}
          </Button>
        )
      }
    >
      {q.error && <Typography.Text type="danger">{problemText(q.error)}</Typography.Text>}
      <StaticTable<ServiceRequest>
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('service.noRequests') }}
        columns={[
          { dataIndex: 'number', title: t('service.requestNumber'), render: (v, r) => <Link to={`/requests/${r.id}`}>{v}</Link> },
          { dataIndex: 'receivedAt', title: t('service.receivedAt'), render: (v) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { dataIndex: 'urgency', title: t('service.urgency'), render: (v) => <UrgencyTag value={v} /> },
          { dataIndex: 'status', title: t('service.status'), render: (v) => <RequestStatusTag value={v} /> },
          { dataIndex: 'category', title: t('service.category'), render: (v) => <CategoryTag value={v} /> },
          { dataIndex: 'faultDescription', title: t('service.fault'), ellipsis: true, width: 260 },
          {
            key: 'wo',
            title: t('service.workOrder'),
            render: (_, r) =>
              r.workOrderId ? (
                <>
                  <Link to={`/work-orders/${r.workOrderId}`}>{r.workOrderNumber}</Link> <WoStatusTag value={r.workOrderStatus} />
                </>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  );
}
