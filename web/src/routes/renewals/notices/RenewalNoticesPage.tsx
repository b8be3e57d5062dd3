// 到期通知书 (issue 13 §3, R-CT-1): the expiry notices sent. A hospital user sees its own
// 保养到期通知书 letters (PDF) in the portal; staff see every notice, the sales reports too.
import { Button, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { download } from '../../../api';
import { type RenewalNotice, useRenewalNotices } from '../../../api/hooks/renewals';
import { PageTitle } from '../../../components/PageTitle';

export function NoticeLetterButton({ n }: { n: RenewalNotice }) {
  const { t } = useTranslation();
  if (!n.letterUrl) return null;
  const url = n.letterUrl;
  return (
    <Button size="small" onClick={() => download(url, `${n.contractNumber}-保养到期通知书.pdf`)} data-testid={`notice-letter-${n.contractNumber}`}>
      {t('renewals.notices.letter')}
    </Button>
  );
}

export function RenewalNoticesPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const contractId = params.get('contract') ?? undefined;
  const q = useRenewalNotices(contractId ? { contractId } : {});
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="renewal-notices">
      <PageTitle>{t('renewals.notices.title')}</PageTitle>
      <List<RenewalNotice>
        loading={q.isLoading}
        dataSource={q.data ?? []}
        locale={{ emptyText: <Empty description={t('renewals.notices.empty')} /> }}
        renderItem={(n) => (
          <List.Item actions={[<NoticeLetterButton key="pdf" n={n} />]}>
            <List.Item.Meta
              title={
                <Space wrap>
                  <Typography.Text strong>{n.contractNumber ?? ''}</Typography.Text>
                  <Tag>{t(`renewals.notices.kind.${n.kind}`)}</Tag>
                </Space>
              }
              description={`${n.customerName} · ${t('renewals.f.expiresOn')} ${n.expiresOn} · ${t('renewals.notices.sentOn')} ${n.sentOn}`}
            />
          </List.Item>
        )}
      />
    </Space>
  );
}
