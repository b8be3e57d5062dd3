// The page a device label's QR code opens (/d/<token>, issue 16 §2): phone-first (390 px), no
// login needed. Model, serial (its tail for visitors), status and the red 停用：请勿使用 banner; a
// fault report — registered as a repair request for a logged-in user of the device's hospital,
// otherwise held for a dispatcher's call-back. Staff are taken to the device page.
import { PhoneOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Result, Segmented, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api';
import { useLabelScan, useReportFromLabel } from '../../api/hooks/labels';
import { validFields } from '../../components/forms';
import { type Lang, setLanguage } from '../../i18n';

const STATUS_COLORS: Record<string, string> = { in_service: 'green', down: 'red', safety_hold: 'red', retired: 'default' };

export function ScanPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const q = useLabelScan(token);
  const report = useReportFromLabel(token);
  const scan = q.data;

  // An engineer (any staff) scanning goes straight to the device page, where his open work order is on top.
  useEffect(() => {
    if (scan?.viewer === 'staff' && scan.deviceId) navigate(`/devices/${scan.deviceId}`, { replace: true });
  }, [scan, navigate]);

  const loadError = q.error instanceof ApiError ? q.error.problem : null;
  const sendError = report.error instanceof ApiError ? report.error.problem.detail : report.error ? String(report.error) : null;

  const submit = async () => {
    const v = await validFields(form);
    if (!v) return;
    report.mutate({ faultDescription: v.faultDescription, deviceDown: !!v.deviceDown, reporterName: v.reporterName, reporterPhone: v.reporterPhone });
  };

  return (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 12 }} data-testid="scan-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('labels.scan.title')}
        </Typography.Title>
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
      {loadError && (
        <Result
          status={loadError.status === 410 ? 'warning' : '404'}
          title={loadError.status === 410 ? t('labels.scan.revoked') : t('labels.scan.invalid')}
          data-testid={loadError.status === 410 ? 'scan-revoked' : 'scan-invalid'}
        />
      )}
      {scan && scan.viewer !== 'staff' && (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          {scan.hold && (
            <Alert
              type="error"
              showIcon
              icon={<StopOutlined />}
              data-testid="scan-hold-banner"
              title={<strong style={{ fontSize: 18 }}>{t('labels.scan.holdBanner')}</strong>}
              description={
                <Space direction="vertical" size={0}>
                  {scan.hold.reason && <span>{scan.hold.reason}</span>}
                  <span>{t('labels.scan.holdSince', { since: dayjs(scan.hold.since).format('YYYY-MM-DD') })}</span>
                </Space>
              }
            />
          )}
          <Card size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('labels.scan.model')}>
                <span data-testid="scan-model">{scan.modelName}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('labels.scan.serial')}>{scan.serial}</Descriptions.Item>
              <Descriptions.Item label={t('labels.scan.status')}>
                <Tag color={STATUS_COLORS[scan.status]} data-testid="scan-status">
                  {t(`device.statuses.${scan.status}`)}
                </Tag>
              </Descriptions.Item>
            </Descriptions>
            {scan.hotline && (
              <Button block size="large" icon={<PhoneOutlined />} href={`tel:${scan.hotline.replace(/[^\d+]/g, '')}`} data-testid="scan-hotline">
                {t('labels.scan.hotline')} {scan.hotline}
              </Button>
            )}
          </Card>
          {report.isSuccess ? (
            <Result
              status="success"
              data-testid={report.data.outcome === 'held' ? 'scan-held' : 'scan-registered'}
              title={report.data.outcome === 'held' ? t('labels.scan.held') : t('labels.scan.registered', { number: report.data.requestNumber })}
            />
          ) : (
            scan.status !== 'retired' && (
              <Card size="small" title={t('labels.scan.report')}>
                <Typography.Paragraph type="secondary">
                  {scan.viewer === 'customer' ? t('labels.scan.asCustomer') : t('labels.scan.anonymousNote')}
                </Typography.Paragraph>
                {scan.viewer === 'anonymous' && (
                  <Typography.Paragraph>
                    <Typography.Link href={`/login?next=${encodeURIComponent(`/d/${token}`)}`} data-testid="scan-login">
                      {t('labels.scan.login')}
                    </Typography.Link>
                  </Typography.Paragraph>
                )}
                <Form form={form} layout="vertical" requiredMark={false}>
                  <Form.Item name="faultDescription" label={t('labels.scan.fault')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
                    <Input.TextArea rows={4} placeholder={t('labels.scan.faultPlaceholder')} data-testid="scan-fault" />
                  </Form.Item>
                  <Form.Item name="deviceDown" valuePropName="checked">
                    <Checkbox data-testid="scan-down">{t('labels.scan.deviceDown')}</Checkbox>
                  </Form.Item>
                  <Form.Item name="reporterName" label={t('labels.scan.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
                    <Input size="large" autoComplete="name" data-testid="scan-name" />
                  </Form.Item>
                  <Form.Item name="reporterPhone" label={t('labels.scan.phone')} rules={[{ required: true, whitespace: true, max: 30 }]}>
                    <Input size="large" type="tel" inputMode="tel" autoComplete="tel" data-testid="scan-phone" />
                  </Form.Item>
                  {sendError && <Alert type="error" showIcon title={sendError} style={{ marginBottom: 12 }} data-testid="scan-error" />}
                  <Button type="primary" size="large" block loading={report.isPending} onClick={submit} data-testid="scan-submit">
                    {t('labels.scan.submit')}
                  </Button>
                </Form>
              </Card>
            )
          )}
        </Space>
      )}
    </div>
  );
}
