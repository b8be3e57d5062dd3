// The customer's sign-off (R-WO-4): name, meaning and the drawn signature, which freezes the
// report; once signed, the frozen report with its signer, content hash, review and PDF.
import { CheckCircleOutlined, FilePdfOutlined, LockOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSign, type WorkOrder } from '../../../../api/hooks/workOrders';
import { validFields } from '../../../../components/forms';
import { fieldErrorsThen } from '../../../../components/RecordForm';
import { saveErrorText } from '../../common';
import { SignaturePad } from './SignaturePad';

export function SignCard({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ signerName: string; meaning: string }>();
  const [png, setPng] = useState<string | null>(null);
  const sign = useSign();
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await validFields(form);
    if (!v) return;
    if (!png) {
      setError(t('workOrder.signatureRequired'));
      return;
    }
    setError(null);
    sign.mutate(
      { id: wo.id, version: wo.version, signerName: v.signerName.trim(), meaning: v.meaning.trim(), signaturePng: png },
      {
        onSuccess: () => message.success(t('workOrder.signed')),
        onError: fieldErrorsThen(form, (e) => setError(saveErrorText(e, t))),
      },
    );
  };

  return (
    <Card id="wo-sign" size="small" title={t('workOrder.customerSignature')} data-testid="wo-sign" style={{ borderColor: '#52c41a' }}>
      <Alert type="info" showIcon title={t('workOrder.signIntro')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" initialValues={{ signerName: wo.reporterName, meaning: t('workOrder.defaultMeaning') }}>
        <Form.Item name="signerName" label={t('workOrder.signerName')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="sign-name" size="large" />
        </Form.Item>
        <Form.Item name="meaning" label={t('workOrder.meaning')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input data-testid="sign-meaning" />
        </Form.Item>
        <Form.Item label={t('workOrder.drawnSignature')} required>
          <SignaturePad onChange={setPng} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="sign-error" />}
      <Button data-testid="sign-submit" type="primary" size="large" block style={{ height: 56 }} loading={sign.isPending} disabled={!png} onClick={submit}>
        {t('workOrder.confirmSign')}
      </Button>
    </Card>
  );
}

export function SignedCard({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  const s = wo.signatures[wo.signatures.length - 1];
  const last = wo.reviews[0];
  return (
    <Card size="small" title={t('workOrder.signedReport')} data-testid="wo-signed" style={{ borderColor: '#52c41a' }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="success" showIcon icon={<LockOutlined />} title={t('workOrder.frozenHint')} />
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('workOrder.signerName')}>
            <span data-testid="signed-name">{s.signerName}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('workOrder.signedAt')}>{dayjs(s.signedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          <Descriptions.Item label={t('workOrder.meaning')}>{s.meaning}</Descriptions.Item>
          <Descriptions.Item label={t('workOrder.contentVersion')}>v{s.contentVersion}</Descriptions.Item>
          <Descriptions.Item label={t('workOrder.contentHash')}>
            <Typography.Text code copyable={{ text: s.contentHash }}>
              {s.contentHash.slice(0, 16)}…
            </Typography.Text>
          </Descriptions.Item>
          {last && (
            <Descriptions.Item label={t('workOrder.review')}>
              <Tag color={last.verdict === 'approved' ? 'green' : 'orange'} icon={last.verdict === 'approved' ? <CheckCircleOutlined /> : <RollbackOutlined />}>
                {t(`workOrder.verdicts.${last.verdict}`)}
              </Tag>
              {last.reviewerName} · {dayjs(last.at).format('MM-DD HH:mm')}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Button data-testid="wo-pdf" icon={<FilePdfOutlined />} href={`/api/v1/work-orders/${wo.id}/report.pdf`} target="_blank" rel="noopener">
          {t('workOrder.pdf')}
        </Button>
      </Space>
    </Card>
  );
}
