// The small "电子签名" list on a signed record's page (issue 14 §6, R-AU-1): who signed, when,
// what the signature means, and the start of the hash of the content signed (the full hash to copy).
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, List, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

export interface ESignatureView {
  id: string;
  signerName: string;
  signedAt: string;
  meaning: string;
  meaningText: string;
  contentHash: string;
}

export function ESignatureList({ items, testId = 'e-signatures' }: { items: readonly ESignatureView[]; testId?: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Card
      size="small"
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('eSignatures.title')}
        </Space>
      }
      data-testid={testId}
    >
      <List
        size="small"
        dataSource={[...items]}
        renderItem={(s) => (
          <List.Item key={s.id} data-testid={`${testId}-item`}>
            <Space direction="vertical" size={0} style={{ width: '100%' }}>
              <Typography.Text strong>
                {s.signerName} · {dayjs(s.signedAt).format('YYYY-MM-DD HH:mm')}
              </Typography.Text>
              <Typography.Text type="secondary">{s.meaningText}</Typography.Text>
              <Typography.Text code copyable={{ text: s.contentHash }} title={t('eSignatures.hash')}>
                SHA-256 {s.contentHash.slice(0, 16)}…
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
