// Issue 16 §1: the offline banner at the top of every signed-in screen — no connection, steps not
// yet synced, steps the server refused — and, per work order, the steps still on the phone with
// the reason of a refusal and retry/discard (nothing the engineer recorded is lost).
import { CheckCircleOutlined, CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { rejectedOf, unsyncedCount } from './queue';
import { discardRejected, replay, retryRejected, startOffline, useOfflineState } from './sync';

export function OfflineBanner() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const s = useOfflineState();
  useEffect(() => {
    void startOffline(qc);
  }, [qc]);
  const n = unsyncedCount(s.queue);
  const refused = rejectedOf(s.queue).length;
  if (s.online && n === 0) return null;
  return (
    <div
      style={{ position: 'sticky', top: 0, zIndex: 20, marginBottom: 8 }}
      data-testid="offline-banner"
      data-online={s.online ? 'true' : 'false'}
      data-unsynced={n}
    >
      {!s.online && <Alert type="warning" showIcon icon={<DisconnectOutlined />} title={t('offline.banner')} />}
      {n > 0 && (
        <Alert
          type={refused ? 'error' : 'info'}
          showIcon
          icon={<CloudSyncOutlined />}
          title={
            <Space wrap>
              <span data-testid="offline-unsynced">{s.syncing ? t('offline.syncing') : t('offline.unsyncedAll', { n })}</span>
              {refused > 0 && <Typography.Text type="danger">{t('offline.rejected', { n: refused })}</Typography.Text>}
            </Space>
          }
          action={
            s.online && !s.syncing ? (
              <Button size="small" onClick={() => void replay()}>
                {t('offline.syncNow')}
              </Button>
            ) : undefined
          }
        />
      )}
    </div>
  );
}

/** The "not yet synced (N)" mark of one work order; "all synced" once it is on the phone with nothing waiting. */
export function UnsyncedTag({ workOrderId }: { workOrderId: string }) {
  const { t } = useTranslation();
  const s = useOfflineState();
  const n = unsyncedCount(s.queue, workOrderId);
  if (n === 0) {
    if (!s.online || !s.packAt || !s.packIds.includes(workOrderId)) return null;
    return (
      <Tag color="green" icon={<CheckCircleOutlined />} data-testid="wo-synced">
        {t('offline.synced')} · {t('offline.packAt', { at: dayjs(s.packAt).format('HH:mm') })}
      </Tag>
    );
  }
  return (
    <Tag color={rejectedOf(s.queue, workOrderId).length ? 'red' : 'orange'} data-testid="wo-unsynced">
      {t('offline.unsynced', { n })}
    </Tag>
  );
}

/** The steps of one work order still on the phone; a refused one shows why, with retry and discard. */
export function OfflineStepsCard({ workOrderId }: { workOrderId: string }) {
  const { t } = useTranslation();
  const s = useOfflineState();
  const steps = s.queue.filter((x) => x.workOrderId === workOrderId);
  if (steps.length === 0) return null;
  return (
    <Card size="small" title={t('offline.stepsTitle')} data-testid="offline-steps">
      <List
        size="small"
        dataSource={steps}
        renderItem={(step) => (
          <List.Item
            key={step.key}
            data-testid={`offline-step-${step.state}`}
            actions={
              step.state === 'rejected'
                ? [
                    <Button key="retry" size="small" onClick={() => void retryRejected(step.key)} data-testid="offline-retry">
                      {t('offline.retry')}
                    </Button>,
                    <Popconfirm key="discard" title={t('offline.discardConfirm')} onConfirm={() => void discardRejected(step.key)}>
                      <Button size="small" danger data-testid="offline-discard">
                        {t('offline.discard')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space direction="vertical" size={2} style={{ minWidth: 0 }}>
              <Space wrap size={4}>
                <Tag color={step.state === 'rejected' ? 'red' : 'orange'}>{step.state === 'rejected' ? t('offline.rejectedTag') : t('offline.queued')}</Tag>
                <strong>{t(`offline.kinds.${step.kind}`)}</strong>
                {step.kind === 'transition' && <span>→ {t(`service.woStatuses.${String(step.body.to)}`)}</span>}
                {step.kind === 'part' && (
                  <span>
                    {String(step.body.name ?? '')} × {String(step.body.quantity ?? '')}
                  </span>
                )}
                {step.kind === 'photo' && <span>{step.filename}</span>}
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('offline.recordedAt')} {dayjs(step.clientAt).format('MM-DD HH:mm:ss')}
              </Typography.Text>
              {step.rejection && (
                <Typography.Text type="danger" data-testid="offline-reason">
                  {step.rejection.detail || step.rejection.code}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
