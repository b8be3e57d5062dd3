// 调拨申请 (issue 10 item 9, R-PT-5): engineers' requests for parts their van lacks. The parts
// administrator ships one (a ledger transfer into the van; the serial/lot for tracked parts) or
// refuses it with a reason; an engineer sees their own requests and may withdraw them.

import { App, Button, Form, Input, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../api';
import { type TransferRequest, useCancelTransferRequest, useDecideTransferRequest } from '../../../api/hooks/transferRequests';
import { useAbility } from '../../../auth';
import { Dialog } from '../../../components/Dialog';
import { ListPage } from '../../../components/ListPage';
import { EnumSelect } from '../../../components/pickers';
import { fieldErrorsThen } from '../../../components/RecordForm';

const COLORS = { requested: 'processing', fulfilled: 'green', rejected: 'red', cancelled: 'default' } as const;

export function TransferRequestsPage() {
  const { t } = useTranslation();
  const keeper = useAbility('parts.keep');
  const [deciding, setDeciding] = useState<{ r: TransferRequest; step: 'fulfil' | 'reject' } | null>(null);
  const { message } = App.useApp();
  const withdraw = useCancelTransferRequest();
  const cancel = (r: TransferRequest) => withdraw.mutate(r, { onError: (e) => message.error(e instanceof ApiError ? e.problem.detail : String(e)) });
  const status = (v: TransferRequest['status']) => <Tag color={COLORS[v]}>{t(`van.statuses.${v}`)}</Tag>;
  return (
    <>
      <ListPage
        testId="transfer-requests"
        title={t('van.requests')}
        endpoint="/api/v1/parts/transfer-requests"
        filterKeys={['status']}
        filters={({ bind }) => (
          <EnumSelect ns="van.statuses" values={['requested', 'fulfilled', 'rejected', 'cancelled']} {...bind('status')} style={{ width: 140 }} />
        )}
        card={(r) => ({
          title: `${r.partCode} × ${r.qty}`,
          tag: status(r.status),
          lines: [r.partName, `${r.fromWarehouseName} → ${r.toWarehouseName}`, `${r.requestedByName} · ${r.workOrderNumber ?? ''}`],
        })}
        columns={[
          { key: 'createdAt', dataIndex: 'createdAt', title: t('common.createdAt'), sorter: true, render: (v) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { key: 'status', dataIndex: 'status', title: t('service.status'), render: (v) => status(v) },
          { key: 'part', title: t('parts.part'), render: (_, r) => `${r.partCode} · ${r.partName}` },
          { key: 'qty', dataIndex: 'qty', title: t('van.qty'), render: (v, r) => `${v} ${r.unit}` },
          { key: 'from', dataIndex: 'fromWarehouseName', title: t('van.from') },
          { key: 'to', dataIndex: 'toWarehouseName', title: t('van.toVan') },
          { key: 'by', dataIndex: 'requestedByName', title: t('van.requester') },
          {
            key: 'wo',
            title: t('service.workOrder'),
            render: (_, r) => (r.workOrderId ? <Link to={`/work-orders/${r.workOrderId}`}>{r.workOrderNumber}</Link> : '—'),
          },
          { key: 'note', dataIndex: 'note', title: t('van.note'), render: (v, r) => [v, r.decisionNote].filter(Boolean).join(' / ') || '—' },
          {
            key: 'act',
            title: '',
            render: (_, r) => {
              // What the request allows the caller comes from the server (issue 11 item 3); the fulfil
              // and reject answers stay with the stock keepers' screen, and a keeper refuses rather than withdraws.
              const decides = keeper && (r.abilities.fulfil || r.abilities.reject);
              return (
                (decides || r.abilities.cancel) && (
                  <Space>
                    {keeper && r.abilities.fulfil && (
                      <Button size="small" type="primary" data-testid="tr-fulfil" onClick={() => setDeciding({ r, step: 'fulfil' })}>
                        {t('van.fulfil')}
                      </Button>
                    )}
                    {keeper && r.abilities.reject && (
                      <Button size="small" danger data-testid="tr-reject" onClick={() => setDeciding({ r, step: 'reject' })}>
                        {t('van.reject')}
                      </Button>
                    )}
                    {r.abilities.cancel && !decides && (
                      <Button size="small" onClick={() => cancel(r)}>
                        {t('common.cancel')}
                      </Button>
                    )}
                  </Space>
                )
              );
            },
          },
        ]}
      />
      {deciding && <DecideForm {...deciding} onClose={() => setDeciding(null)} />}
    </>
  );
}

function DecideForm({ r, step, onClose }: { r: TransferRequest; step: 'fulfil' | 'reject'; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const decide = useDecideTransferRequest();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    decide.mutate(
      step === 'fulfil'
        ? { id: r.id, step, body: { version: r.version, lot: v.lot?.trim() || null } }
        : { id: r.id, step, body: { version: r.version, reason: v.reason.trim() } },
      {
        onSuccess: onClose,
        onError: fieldErrorsThen(form, (e) => setError(e instanceof ApiError ? e.problem.detail : String(e))),
      },
    );
  };
  return (
    <Dialog
      open
      title={`${step === 'fulfil' ? t('van.fulfil') : t('van.reject')} · ${r.partCode} × ${r.qty}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={decide.isPending}
      okText={step === 'fulfil' ? t('van.fulfil') : t('van.reject')}
      okTestId="tr-ok"
    >
      <Form form={form} layout="vertical">
        {step === 'fulfil' && r.tracking !== 'none' && (
          <Form.Item name="lot" label={t('van.lot')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input data-testid="tr-lot" />
          </Form.Item>
        )}
        {step === 'reject' && (
          <Form.Item name="reason" label={t('van.rejectReason')} rules={[{ required: true, whitespace: true, max: 500 }]}>
            <Input.TextArea data-testid="tr-reason" rows={2} />
          </Form.Item>
        )}
      </Form>
      {error && <div style={{ color: '#cf1322' }}>{error}</div>}
    </Dialog>
  );
}
