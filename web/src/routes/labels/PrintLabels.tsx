// 打印标签 (issue 16 §2): the label sheet PDF of the device list's current filter, or of one device,
// on the chosen label stock; and, on the device page, revoking the label (a new one is issued).
import { PrinterOutlined, QrcodeOutlined } from '@ant-design/icons';
import { App, Button, Input, Modal, Popconfirm, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDeviceLabel, useRevokeLabel } from '../../api/hooks/labels';
import { useAbility } from '../../auth';

const SIZES = ['a4_3x8', 'a4_4x10', 'single_50x30'] as const;
/** The device list's filters the label sheet understands (labels.dto.ts sheetQuery). */
const FILTERS = ['q', 'customerId', 'status', 'category', 'criticality'] as const;

function SizeChoice({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <Radio.Group value={value} onChange={(e) => onChange(e.target.value)} data-testid="label-size">
      <Space direction="vertical">
        {SIZES.map((s) => (
          <Radio key={s} value={s}>
            {t(`labels.sizes.${s}`)}
          </Radio>
        ))}
      </Space>
    </Radio.Group>
  );
}

/** The list's 打印标签 button: prints every device the current filter shows (URL parameters). */
export function PrintLabelsButton() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [open, setOpen] = useState(false);
  const [size, setSize] = useState<string>('a4_3x8');
  const can = useAbility('labels.print');
  if (!can) return null;
  const query = new URLSearchParams({ all: 'true', size });
  for (const k of FILTERS) {
    const v = params.get(k);
    if (v) query.set(k, v);
  }
  return (
    <>
      <Button icon={<PrinterOutlined />} onClick={() => setOpen(true)} data-testid="labels-print">
        {t('labels.print')}
      </Button>
      <Modal open={open} title={t('labels.printTitle')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Typography.Paragraph>{t('labels.printFilter')}</Typography.Paragraph>
        <Typography.Text strong>{t('labels.size')}</Typography.Text>
        <div style={{ margin: '8px 0 16px' }}>
          <SizeChoice value={size} onChange={setSize} />
        </div>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          href={`/api/v1/device-labels.pdf?${query}`}
          target="_blank"
          rel="noopener"
          data-testid="labels-print-open"
        >
          {t('labels.open')}
        </Button>
      </Modal>
    </>
  );
}

/** The device page's label card content: print this device's label, see its scan address, revoke it. */
export function DeviceLabelActions({ deviceId }: { deviceId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canPrint = useAbility('labels.print');
  const canRevoke = useAbility('labels.revoke');
  const [open, setOpen] = useState(false);
  const [size, setSize] = useState<string>('single_50x30');
  const [reason, setReason] = useState('');
  const label = useDeviceLabel(deviceId, open);
  const revoke = useRevokeLabel(deviceId);
  if (!canPrint) return null;
  return (
    <>
      <Button icon={<QrcodeOutlined />} onClick={() => setOpen(true)} data-testid="device-label">
        {t('labels.print')}
      </Button>
      <Modal open={open} title={t('labels.printOne')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Typography.Text strong>{t('labels.size')}</Typography.Text>
        <div style={{ margin: '8px 0 16px' }}>
          <SizeChoice value={size} onChange={setSize} />
        </div>
        <Space wrap>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            href={`/api/v1/device-labels.pdf?ids=${deviceId}&size=${size}`}
            target="_blank"
            rel="noopener"
            data-testid="device-label-pdf"
          >
            {t('labels.open')}
          </Button>
          {canRevoke && (
            <Popconfirm
              title={t('labels.revoke')}
              description={
                <div style={{ maxWidth: 320 }}>
                  <Typography.Paragraph>{t('labels.revokeConfirm')}</Typography.Paragraph>
                  <Input placeholder={t('labels.revokeReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
                </div>
              }
              onConfirm={() => revoke.mutateAsync({ reason: reason || null }).then(() => message.success(t('labels.revoked')))}
            >
              <Button danger loading={revoke.isPending} data-testid="device-label-revoke">
                {t('labels.revoke')}
              </Button>
            </Popconfirm>
          )}
        </Space>
        {label.data && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, wordBreak: 'break-all' }}>
            {t('labels.scanPath')}：<Typography.Link href={label.data.path}>{label.data.path}</Typography.Link>
          </Typography.Paragraph>
        )}
      </Modal>
    </>
  );
}
