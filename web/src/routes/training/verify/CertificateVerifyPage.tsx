// The public certificate check (R-TR-1): opened from the QR code on a 培训合格证书, no login;
// shows only the certificate's own facts.
import { Card, Descriptions, Result, Segmented, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { usePublicCertificate } from '../../../api/hooks/training';
import { type Lang, setLanguage } from '../../../i18n';

export function CertificateVerifyPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const q = usePublicCertificate(token);
  const c = q.data;
  return (
    <div style={{ maxWidth: 640, margin: '24px auto', padding: 16 }} data-testid="certificate-verify">
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3}>{t('training.verify.title')}</Typography.Title>
        <Segmented
          value={i18n.language}
          onChange={(v) => setLanguage(v as Lang)}
          options={[
            { label: '中文', value: 'zh-CN' },
            { label: 'EN', value: 'en-US' },
          ]}
        />
      </Space>
      {q.isPending && <Spin />}
      {!q.isPending && !c && <Result status="warning" title={t('training.verify.invalid')} />}
      {c && (
        <Card>
          <Result status={c.valid ? 'success' : 'warning'} title={c.valid ? t('training.verify.valid') : t('training.verify.invalid')} />
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('training.verify.number')}>{c.number}</Descriptions.Item>
            <Descriptions.Item label={t('training.verify.name')}>{c.name}</Descriptions.Item>
            <Descriptions.Item label={t('training.verify.hospital')}>{c.hospital}</Descriptions.Item>
            <Descriptions.Item label={t('training.verify.model')}>{c.model}</Descriptions.Item>
            <Descriptions.Item label={t('training.verify.heldOn')}>{c.heldOn}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
    </div>
  );
}
