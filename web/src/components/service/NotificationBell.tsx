// The header bell: unread count, the latest notifications, mark one or all read; a click
// opens the record it is about. Polls every minute.
import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { request } from '../../api';

interface Notice {
  id: string;
  kind: string;
  title: string;
  body: string;
  refEntity: string | null;
  refId: string | null;
  createdAt: string;
  readAt: string | null;
}

const ROUTES: Record<string, string> = {
  work_order: '/work-orders/',
  service_request: '/requests/',
  request: '/requests/',
  device: '/devices/',
  customer: '/customers/',
};

export function NotificationBell({ phone }: { phone: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const q = useQuery({
    queryKey: ['/api/v1/notifications'],
    queryFn: () => request<{ items: Notice[]; unread: number }>('GET', '/api/v1/notifications?limit=30'),
    refetchInterval: 60_000,
    retry: false,
  });
  const markRead = async (ids: string[] | 'all') => {
    await request('POST', '/api/v1/notifications/read', { ids }).catch(() => undefined);
    await qc.invalidateQueries({ queryKey: ['/api/v1/notifications'] });
  };
  const items = q.data?.items ?? [];
  const content = (
    <div style={{ width: phone ? 300 : 380, maxHeight: 460, overflow: 'auto' }} data-testid="notifications">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              data-testid="notification-item"
              style={{ cursor: 'pointer', background: n.readAt ? undefined : '#f0f7ff', paddingInline: 8 }}
              onClick={() => {
                if (!n.readAt) markRead([n.id]);
                const base = n.refEntity ? ROUTES[n.refEntity] : undefined;
                if (base && n.refId) {
                  navigate(base + n.refId);
                  setOpen(false);
                }
              }}
            >
              <Space direction="vertical" size={0}>
                <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {n.body}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {dayjs(n.createdAt).format('MM-DD HH:mm')}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        <Space style={{ justifyContent: 'space-between', width: '100%' }}>
          <span>{t('notify.title')}</span>
          <Button size="small" type="link" data-testid="notifications-read-all" disabled={!q.data?.unread} onClick={() => markRead('all')}>
            {t('notify.markAll')}
          </Button>
        </Space>
      }
      content={content}
    >
      <Badge count={q.data?.unread ?? 0} size="small" offset={[-4, 4]}>
        <Button data-testid="notifications-bell" type="text" aria-label={t('notify.title')} icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />} />
      </Badge>
    </Popover>
  );
}
