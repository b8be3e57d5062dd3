// 重要通知 (issue 14 §3, R-REG-3): a hospital user's campaign notices — recalls, field safety notices,
// upgrades and specification changes concerning its units — read and acknowledged with one click
// (确认收到), which records who and when as the customer's acknowledgement.
import { Alert, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAckNotice, useMyNotices } from '../../api/hooks/campaigns';
import { PageTitle } from '../../components/PageTitle';
import { fmt, useProblem } from '../care/common';

export function MyNoticesPage() {
  const { t } = useTranslation();
  const q = useMyNotices({ pageSize: 50 });
  const ack = useAckNotice();
  const problem = useProblem();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="my-notices">
      <PageTitle>{t('campaigns.menu.notices')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('campaigns.portalHint')}</Typography.Paragraph>
      {q.data?.items.length === 0 && <Empty description={t('campaigns.portalEmpty')} />}
      {q.data?.items.map((n) => (
        <Card
          key={n.id}
          size="small"
          data-testid="notice-card"
          title={
            <Space wrap>
              <Tag color={n.campaignType.startsWith('recall') ? 'red' : 'blue'}>{t(`campaigns.types.${n.campaignType}`)}</Tag>
              <span>
                {n.campaignNumber} {n.campaignTitle}
              </span>
            </Space>
          }
          extra={
            n.ackAt ? (
              <Tag color="green">
                {t('campaigns.noticeStates.acked')} · {n.ackByName} · {fmt(n.ackAt)}
              </Tag>
            ) : (
              <Button
                type="primary"
                loading={ack.isPending}
                onClick={() => ack.mutate({ campaignId: n.campaignId, noticeId: n.id, version: n.version }, { onError: problem })}
                data-testid="notice-ack"
              >
                {t('campaigns.ack')}
              </Button>
            )
          }
        >
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.content}</Typography.Paragraph>
          <Typography.Text type="secondary">
            {t('campaigns.units')}：{n.unitCount} · {t('campaigns.sentAt')}：{fmt(n.sentAt)}
            {n.deadline ? ` · ${t('campaigns.deadline')}：${fmt(n.deadline)}` : ''}
          </Typography.Text>
          {n.overdue && <Alert type="error" showIcon title={t('campaigns.overdue')} style={{ marginTop: 8 }} />}
        </Card>
      ))}
    </Space>
  );
}
