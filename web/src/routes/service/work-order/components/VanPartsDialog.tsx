// Parts for a job from the engineer's side (issue 10 item 9, R-PT-5): the engineer's own van
// first with quantities and lots, parts fitting the device first (GET /work-orders/:id/parts-options);
// only what the van holds can be taken, and a part the van lacks is requested from the central
// store (the emergency store too for an emergency job). Other engineers' vans are never offered.

import { InboxOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api';
import { type PartOption as Option, useIssuePart, usePartsOptions } from '../../../../api/hooks/parts';
import { useRequestTransfer } from '../../../../api/hooks/transferRequests';
import { Dialog } from '../../../../components/Dialog';
import { fieldErrorsThen } from '../../../../components/RecordForm';

export function VanPartsDialog({ workOrderId, open, onClose, onTaken }: { workOrderId: string; open: boolean; onClose: () => void; onTaken: () => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [taking, setTaking] = useState<Option | null>(null);
  const [asking, setAsking] = useState<Option | null>(null);
  const opts = usePartsOptions(workOrderId, q, open);
  const data = opts.data;
  return (
    <Modal open={open} title={t('van.title')} onCancel={onClose} footer={null} destroyOnHidden width={640} data-testid="van-dialog">
      <Space direction="vertical" style={{ width: '100%' }}>
        {data && (
          <Typography.Text type="secondary" data-testid="van-name">
            {data.van ? `${t('van.myVan')}: ${data.van.name}` : t('van.noVan')} · {data.modelName}
          </Typography.Text>
        )}
        <Input.Search data-testid="van-search" allowClear placeholder={t('van.search')} onSearch={(v) => setQ(v.trim())} />
        {opts.isLoading && <Spin />}
        {data && data.items.length === 0 && <Empty description={t('van.empty')} />}
        {data?.items.map((o) => (
          <Card key={o.partId} size="small" data-testid={`van-part-${o.code}`} styles={{ body: { padding: 10 } }}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap size={4}>
                <Typography.Text strong>{o.name}</Typography.Text>
                <Typography.Text type="secondary">{o.code}</Typography.Text>
                {o.compatible && <Tag color="green">{t('van.compatible')}</Tag>}
                {o.requestedQty > 0 && <Tag color="processing">{t('van.requested', { qty: o.requestedQty })}</Tag>}
              </Space>
              <Space wrap size={4}>
                {o.vanQty > 0 ? (
                  <Tag color="cyan" data-testid="van-qty">
                    {t('van.inVan', { qty: o.vanQty, unit: o.unit })}
                  </Tag>
                ) : (
                  <Tag>{t('van.none')}</Tag>
                )}
                {o.lots.map((l) => (
                  <Tag key={l.lot}>
                    {l.lot} × {l.qty}
                  </Tag>
                ))}
                {o.vanQty === 0 &&
                  (o.stores.length ? (
                    o.stores.map((s) => (
                      <Tag key={s.warehouseId} color={s.kind === 'emergency' ? 'red' : 'blue'}>
                        {t('van.store', { name: s.name, qty: s.qty })}
                      </Tag>
                    ))
                  ) : (
                    <Typography.Text type="secondary">{t('van.noStore')}</Typography.Text>
                  ))}
              </Space>
              <Space wrap>
                {o.vanQty > 0 && data.van && (
                  <Button type="primary" data-testid="van-take" icon={<InboxOutlined />} onClick={() => setTaking(o)}>
                    {t('van.take')}
                  </Button>
                )}
                {o.stores.length > 0 && data.van && (
                  <Button data-testid="van-request" icon={<SendOutlined />} onClick={() => setAsking(o)}>
                    {t('van.request')}
                  </Button>
                )}
              </Space>
            </Space>
          </Card>
        ))}
      </Space>
      {taking && data?.van && (
        <TakeForm
          workOrderId={workOrderId}
          vanId={data.van.id}
          option={taking}
          onClose={() => setTaking(null)}
          onDone={() => {
            setTaking(null);
            onTaken();
          }}
        />
      )}
      {asking && <RequestForm workOrderId={workOrderId} option={asking} onClose={() => setAsking(null)} onDone={() => setAsking(null)} />}
    </Modal>
  );
}

function TakeForm({
  workOrderId,
  vanId,
  option,
  onClose,
  onDone,
}: {
  workOrderId: string;
  vanId: string;
  option: Option;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const issue = useIssuePart();
  const [error, setError] = useState<string | null>(null);
  const tracked = option.tracking !== 'none';
  const lot = Form.useWatch('lot', form) as string | undefined;
  // Never more than the van (or the chosen lot) holds.
  const max = tracked ? (option.lots.find((l) => l.lot === lot)?.qty ?? 1) : option.vanQty;
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    issue.mutate(
      {
        workOrderId,
        warehouseId: vanId,
        partId: option.partId,
        qty: v.qty,
        lot: tracked ? v.lot : null,
        removedSerial: v.removedSerial?.trim() || null,
      },
      {
        onSuccess: () => {
          message.success(t('van.taken'));
          onDone();
        },
        onError: fieldErrorsThen(form, (e) => setError(e instanceof ApiError ? e.problem.detail : String(e))),
      },
    );
  };
  return (
    <Dialog
      open
      title={`${t('van.take')} · ${option.name}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={issue.isPending}
      okText={t('van.take')}
      okTestId="van-take-ok"
    >
      <Form form={form} layout="vertical" initialValues={{ qty: 1, lot: option.lots[0]?.lot }}>
        {tracked && (
          <Form.Item name="lot" label={t('van.lot')} rules={[{ required: true }]}>
            <Select data-testid="van-lot" options={option.lots.map((l) => ({ value: l.lot, label: `${l.lot} (${l.qty})` }))} />
          </Form.Item>
        )}
        <Form.Item name="qty" label={`${t('van.qty')} (≤ ${max})`} rules={[{ required: true }]}>
          <InputNumber data-testid="van-take-qty" min={1} max={max} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="removedSerial" label={t('van.removedSerial')} rules={[{ max: 100 }]}>
          <Input data-testid="van-removed" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="van-take-error" />}
    </Dialog>
  );
}

function RequestForm({ workOrderId, option, onClose, onDone }: { workOrderId: string; option: Option; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const ask = useRequestTransfer();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    ask.mutate(
      { workOrderId, partId: option.partId, fromWarehouseId: v.fromWarehouseId, qty: v.qty, note: v.note?.trim() || null },
      {
        onSuccess: () => {
          message.success(t('van.requestDone'));
          onDone();
        },
        onError: fieldErrorsThen(form, (e) => setError(e instanceof ApiError ? e.problem.detail : String(e))),
      },
    );
  };
  return (
    <Dialog
      open
      title={`${t('van.request')} · ${option.name}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={ask.isPending}
      okText={t('van.request')}
      okTestId="van-request-ok"
    >
      <Form form={form} layout="vertical" initialValues={{ qty: 1, fromWarehouseId: option.stores[0]?.warehouseId }}>
        <Form.Item name="fromWarehouseId" label={t('van.from')} rules={[{ required: true }]}>
          <Select
            data-testid="van-request-from"
            options={option.stores.map((s) => ({ value: s.warehouseId, label: t('van.store', { name: s.name, qty: s.qty }) }))}
          />
        </Form.Item>
        <Form.Item name="qty" label={t('van.qty')} rules={[{ required: true }]}>
          <InputNumber data-testid="van-request-qty" min={1} max={10000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('van.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Dialog>
  );
}
