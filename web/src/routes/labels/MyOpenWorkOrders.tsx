// At the top of the device page, for an engineer (who typically arrived by scanning the label,
// issue 16 §2): his own open work orders on this unit, one tap away.
import { ToolOutlined } from '@ant-design/icons';
import { Alert, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyOpenWorkOrders } from '../../api/hooks/labels';
import { useMe } from '../../auth';

export function MyOpenWorkOrders({ deviceId }: { deviceId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const staff = !me.customerId;
  const q = useMyOpenWorkOrders(deviceId, staff);
  const items = q.data?.items ?? [];
  if (!staff || items.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      icon={<ToolOutlined />}
      data-testid="device-my-work"
      title={t('labels.scan.myWork')}
      description={
        <Space wrap>
          {items.map((w) => (
            <Link key={w.id} to={`/work-orders/${w.id}`} data-testid="device-my-work-link">
              {w.number} · {t(`service.woStatuses.${w.status}`, { defaultValue: w.status })}
            </Link>
          ))}
        </Space>
      }
    />
  );
}
