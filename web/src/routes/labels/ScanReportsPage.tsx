// 扫码报修待回拨 (issue 16 §2): faults reported by scanning a label without an account. The
// dispatcher calls the reporter back, then converts the report into a repair request (the normal
// registration, phone channel) or dismisses it with the outcome of the call.
import { App, Button, Input, Modal, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type ScanReport, useConvertScanReport, useDismissScanReport } from '../../api/hooks/labels';
import { useAbility } from '../../auth';
import { ListPage } from '../../components/ListPage';
import { EnumSelect } from '../../components/pickers';

const STATUSES = ['held', 'converted', 'dismissed'] as const;
const COLORS = { held: 'orange', converted: 'green', dismissed: 'default' } as const;

function Actions({ r }: { r: ScanReport }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const can = useAbility('labels.handleReports');
  const convert = useConvertScanReport();
  const dismiss = useDismissScanReport();
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  if (!can || r.status !== 'held') return null;
  return (
    <Space wrap>
      <Button
        type="primary"
        size="small"
        loading={convert.isPending}
        data-testid="scan-report-convert"
        onClick={() =>
          convert.mutateAsync({ id: r.id, body: { version: r.version } }).then((c) => {
            message.success(t('labels.queue.converted', { number: c.requestNumber }));
            navigate(`/requests/${c.requestId}`);
          })
        }
      >
        {t('labels.queue.convert')}
      </Button>
      <Button size="small" onClick={() => setDismissing(true)} data-testid="scan-report-dismiss">
        {t('labels.queue.dismiss')}
      </Button>
      <Modal
        open={dismissing}
        title={t('labels.queue.dismiss')}
        okButtonProps={{ disabled: !reason.trim(), loading: dismiss.isPending, 'data-testid': 'scan-report-dismiss-ok' } as never}
        onCancel={() => setDismissing(false)}
        onOk={() => dismiss.mutateAsync({ id: r.id, body: { version: r.version, reason } }).then(() => setDismissing(false))}
      >
        <Input.TextArea rows={3} placeholder={t('labels.queue.dismissReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </Modal>
    </Space>
  );
}

export function ScanReportsPage() {
  const { t } = useTranslation();
  const when = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');
  return (
    <ListPage
      testId="scan-reports"
      title={t('labels.queue.title')}
      endpoint="/api/v1/scan-reports"
      filterKeys={['status']}
      filters={({ bind }) => (
        <EnumSelect ns="labels.queue.statuses" values={STATUSES} placeholder={t('labels.queue.status')} {...bind('status')} style={{ width: 150 }} />
      )}
      card={(r) => ({
        title: `${r.reporterName} ${r.reporterPhone}`,
        tag: <Tag color={COLORS[r.status]}>{t(`labels.queue.statuses.${r.status}`)}</Tag>,
        lines: [`${r.modelName} ${r.serialNumber}`, r.customerName, r.faultDescription, when(r.reportedAt), <Actions key="a" r={r} />],
      })}
      columns={[
        { key: 'reportedAt', dataIndex: 'reportedAt', title: t('labels.queue.reportedAt'), render: when },
        {
          key: 'device',
          title: t('labels.queue.device'),
          render: (_, r) => <Link to={`/devices/${r.deviceId}`}>{`${r.modelName} ${r.serialNumber}`}</Link>,
        },
        { key: 'customerName', dataIndex: 'customerName', title: t('labels.queue.customer') },
        {
          key: 'reporter',
          title: t('labels.queue.reporter'),
          render: (_, r) => (
            <span>
              {r.reporterName} <Typography.Link href={`tel:${r.reporterPhone}`}>{r.reporterPhone}</Typography.Link>
            </span>
          ),
        },
        {
          key: 'fault',
          title: t('labels.queue.fault'),
          render: (_, r) => (
            <span>
              {r.deviceDown && <Tag color="red">{t('labels.queue.deviceDown')}</Tag>}
              {r.faultDescription}
            </span>
          ),
        },
        {
          key: 'status',
          title: t('labels.queue.status'),
          render: (_, r) =>
            r.requestId ? (
              <Link to={`/requests/${r.requestId}`}>{r.requestNumber}</Link>
            ) : (
              <Tag color={COLORS[r.status]} title={r.dismissReason ?? undefined}>
                {t(`labels.queue.statuses.${r.status}`)}
              </Tag>
            ),
        },
        { key: 'actions', title: '', render: (_, r) => <Actions r={r} /> },
      ]}
    />
  );
}
