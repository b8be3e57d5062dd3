// Work-order page additions: who works the order (lead and helpers by name), take-back repair
// with the customer's receipt and the repair card (R-WO-3), the fee of a paid job and the
// finance form recording it collected or invoiced (R-WO-4, R-FE-1), and the written reason
// with a promised date when the job missed the same day (R-WO-6).

import { MinusCircleOutlined, PlusOutlined, RollbackOutlined, ToolOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordPayment } from '../../../../api/hooks/fees';
import { type GoodsReceipt as Receipt, useAddRepairCard, useReturnTakenBack, useTakeBack, useTakeBackReceipts } from '../../../../api/hooks/goodsRegister';
import { useRecordDelayReason } from '../../../../api/hooks/sameDay';
import { useAbility, useMe } from '../../../../auth';
import { businessToday } from '../../../../businessDay';
import { Dialog } from '../../../../components/Dialog';
import { applyFieldErrors } from '../../../../components/RecordForm';
import { StaticTable } from '../../../../components/StaticTable';
import { fmtTime, problemText, saveErrorText, type WorkOrder } from '../../common';

/** Lead and helpers by name, as the server sends them with the work order (issue 10 item 7). */
export function TeamLine({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  if (!wo.leadEngineerId) {
    return (
      <Typography.Text type="secondary" data-testid="wo-team">
        {t('svcAdmin.team.none')}
      </Typography.Text>
    );
  }
  return (
    <Space wrap size={4} data-testid="wo-team">
      <span>
        {t('svcAdmin.team.lead')}: <strong data-testid="wo-lead">{wo.leadName ?? '—'}</strong>
      </span>
      {wo.helpers.length > 0 && (
        <span data-testid="wo-helpers">
          · {t('svcAdmin.team.helpers')}: {wo.helpers.map((h) => h.name || '—').join('、')}
        </span>
      )}
    </Space>
  );
}

// ---- take-back repair (R-WO-3) ------------------------------------------------------------

export function TakeBackSection({ wo, onChanged }: { wo: WorkOrder; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [mode, setMode] = useState<null | 'take' | 'card' | 'return'>(null);
  const [form] = Form.useForm();
  const receipts = useTakeBackReceipts(wo.id);
  const take = useTakeBack();
  const card = useAddRepairCard();
  const giveBack = useReturnTakenBack();
  const writes = { take, card, return: giveBack };
  const write = mode ? writes[mode] : undefined;
  // What the caller may do here is the order's own abilities (workorders.takeback.ts decides the same).
  const { takeBack: canStart, repairCard, returnUnit } = wo.abilities;
  const list = receipts.data ?? [];
  if (!canStart && list.length === 0) return null;

  const open = (m: 'take' | 'card' | 'return') => {
    writes[m].reset();
    setMode(m);
  };

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !mode) return;
    const done = (text: string) => {
      message.success(text);
      setMode(null);
      onChanged();
    };
    const onError = (e: unknown) => applyFieldErrors(form, e);
    if (mode === 'take') {
      take.mutate(
        {
          id: wo.id,
          version: wo.version,
          items: (v.items as { description: string; serialNumber?: string; quantity?: number }[]).map((i) => ({
            description: i.description.trim(),
            serialNumber: i.serialNumber?.trim() || null,
            quantity: i.quantity ?? 1,
          })),
          accessories: ((v.accessories as string[] | undefined) ?? []).map((a) => a.trim()).filter(Boolean),
          condition: v.condition.trim(),
          customerSignerName: v.customerSignerName.trim(),
          ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        },
        { onSuccess: (r) => done(t('svcAdmin.takeBack.done', { number: r.number })), onError },
      );
    } else if (mode === 'card') {
      card.mutate(
        {
          id: wo.id,
          version: wo.version,
          minutes: v.minutes ?? 0,
          description: v.description.trim(),
          parts: ((v.parts as { name: string; partNo?: string; quantity?: number; unitPrice?: number | null }[] | undefined) ?? []).map((p) => ({
            name: p.name.trim(),
            partNo: p.partNo?.trim() || null,
            quantity: String(p.quantity ?? 1),
            unitPrice: p.unitPrice == null ? null : String(p.unitPrice),
          })),
        },
        { onSuccess: () => done(t('common.saved')), onError },
      );
    } else {
      giveBack.mutate(
        {
          id: wo.id,
          version: wo.version,
          receivedBy: v.receivedBy.trim(),
          condition: v.condition.trim(),
          ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}),
        },
        { onSuccess: () => done(t('svcAdmin.takeBack.returned')), onError },
      );
    }
  };

  const title =
    mode === 'take'
      ? t('svcAdmin.takeBack.receipt')
      : mode === 'card'
        ? t('svcAdmin.takeBack.cardTitle')
        : mode === 'return'
          ? t('svcAdmin.takeBack.returnTitle')
          : '';

  return (
    <Card size="small" title={t('svcAdmin.takeBack.title')} data-testid="wo-takeback">
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        {canStart && (
          <>
            <Typography.Text type="secondary">{t('svcAdmin.takeBack.intro')}</Typography.Text>
            <Button data-testid="takeback-start" block size="large" style={{ height: 56 }} icon={<ToolOutlined />} onClick={() => open('take')}>
              {t('svcAdmin.takeBack.start')}
            </Button>
          </>
        )}
        {list.map((r) => (
          <ReceiptView key={r.id} r={r} />
        ))}
        {(repairCard || returnUnit) && (
          <Space wrap style={{ width: '100%' }}>
            {repairCard && (
              <Button data-testid="takeback-card" size="large" icon={<PlusOutlined />} onClick={() => open('card')}>
                {t('svcAdmin.takeBack.addCard')}
              </Button>
            )}
            {returnUnit && (
              <Button data-testid="takeback-return" type="primary" size="large" icon={<RollbackOutlined />} onClick={() => open('return')}>
                {t('svcAdmin.takeBack.return')}
              </Button>
            )}
          </Space>
        )}
      </Space>
      <Dialog open={!!mode} title={title} onCancel={() => setMode(null)} onOk={submit} confirmLoading={write?.isPending} width={640} okTestId="takeback-ok">
        <Form
          form={form}
          layout="vertical"
          data-testid="takeback-form"
          preserve={false}
          initialValues={
            mode === 'take'
              ? { items: [{ description: wo.modelName, serialNumber: wo.serialNumber, quantity: 1 }], accessories: [], customerSignerName: wo.reporterName }
              : mode === 'card'
                ? { minutes: 60, parts: [] }
                : { receivedBy: wo.reporterName }
          }
        >
          {mode === 'take' && (
            <>
              <Typography.Text strong>{t('svcAdmin.takeBack.items')}</Typography.Text>
              <Form.List name="items">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} wrap align="start" style={{ display: 'flex', marginBlock: 8 }}>
                        <Form.Item name={[f.name, 'description']} rules={[{ required: true, whitespace: true, max: 200 }]} style={{ marginBottom: 0 }}>
                          <Input placeholder={t('svcAdmin.takeBack.description')} style={{ width: 200 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'serialNumber']} rules={[{ max: 100 }]} style={{ marginBottom: 0 }}>
                          <Input placeholder={t('svcAdmin.takeBack.serialNumber')} style={{ width: 160 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'quantity']} style={{ marginBottom: 0 }}>
                          <InputNumber min={1} max={10000} placeholder={t('svcAdmin.takeBack.quantity')} style={{ width: 80 }} />
                        </Form.Item>
                        {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label="remove" />}
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} style={{ marginBottom: 12 }}>
                      {t('svcAdmin.takeBack.addItem')}
                    </Button>
                  </>
                )}
              </Form.List>
              <Form.Item name="accessories" label={t('svcAdmin.takeBack.accessories')} extra={t('svcAdmin.takeBack.accessoriesHint')}>
                <Select data-testid="takeback-accessories" mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
              </Form.Item>
              <Form.Item name="condition" label={t('svcAdmin.takeBack.condition')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
                <Input.TextArea data-testid="takeback-condition" rows={2} />
              </Form.Item>
              <Form.Item name="customerSignerName" label={t('svcAdmin.takeBack.customerSigner')} rules={[{ required: true, whitespace: true, max: 100 }]}>
                <Input data-testid="takeback-signer" />
              </Form.Item>
              <Form.Item name="reason" label={t('svcAdmin.takeBack.reason')} rules={[{ max: 500 }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
          {mode === 'card' && (
            <>
              <Form.Item name="minutes" label={t('svcAdmin.takeBack.minutes')} rules={[{ required: true }]}>
                <InputNumber data-testid="card-minutes" min={0} max={1440} inputMode="numeric" />
              </Form.Item>
              <Form.Item name="description" label={t('svcAdmin.takeBack.work')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
                <Input.TextArea data-testid="card-description" rows={3} />
              </Form.Item>
              <Typography.Text strong>{t('svcAdmin.takeBack.parts')}</Typography.Text>
              <Form.List name="parts">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} wrap align="start" style={{ display: 'flex', marginBlock: 8 }}>
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, max: 200 }]} style={{ marginBottom: 0 }}>
                          <Input placeholder={t('svcAdmin.takeBack.partName')} style={{ width: 180 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'partNo']} rules={[{ max: 100 }]} style={{ marginBottom: 0 }}>
                          <Input placeholder={t('svcAdmin.takeBack.partNo')} style={{ width: 120 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'quantity']} style={{ marginBottom: 0 }}>
                          <InputNumber min={0.001} placeholder={t('svcAdmin.takeBack.quantity')} style={{ width: 80 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'unitPrice']} style={{ marginBottom: 0 }}>
                          <InputNumber min={0} step={0.01} placeholder={t('svcAdmin.takeBack.unitPrice')} style={{ width: 110 }} />
                        </Form.Item>
                        <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label="remove" />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} style={{ marginBlock: 8 }}>
                      {t('svcAdmin.takeBack.addPart')}
                    </Button>
                  </>
                )}
              </Form.List>
            </>
          )}
          {mode === 'return' && (
            <>
              <Form.Item name="receivedBy" label={t('svcAdmin.takeBack.receivedBy')} rules={[{ required: true, whitespace: true, max: 100 }]}>
                <Input data-testid="return-received-by" />
              </Form.Item>
              <Form.Item name="condition" label={t('svcAdmin.takeBack.returnCondition')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
                <Input.TextArea data-testid="return-condition" rows={2} />
              </Form.Item>
              <Form.Item name="notes" label={t('svcAdmin.takeBack.notes')} rules={[{ max: 1000 }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
        </Form>
        {write?.error && <Alert type="error" showIcon title={saveErrorText(write.error, t)} data-testid="takeback-error" />}
      </Dialog>
    </Card>
  );
}

function ReceiptView({ r }: { r: Receipt }) {
  const { t } = useTranslation();
  return (
    <div data-testid={`receipt-${r.number}`} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>
          {t('svcAdmin.takeBack.receiptNo')}: <span data-testid="receipt-number">{r.number}</span>
        </Typography.Text>
        <Tag color={r.status === 'open' ? 'magenta' : 'green'} data-testid="receipt-status">
          {t(`svcAdmin.takeBack.statuses.${r.status}`)}
        </Tag>
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('svcAdmin.takeBack.items')} span={2}>
          {r.items.map((i) => `${i.description}${i.serialNumber ? ` (${i.serialNumber})` : ''} ×${i.quantity}`).join('；')}
        </Descriptions.Item>
        {r.accessories.length > 0 && <Descriptions.Item label={t('svcAdmin.takeBack.accessories')}>{r.accessories.join('、')}</Descriptions.Item>}
        <Descriptions.Item label={t('svcAdmin.takeBack.condition')}>{r.condition}</Descriptions.Item>
        <Descriptions.Item label={t('svcAdmin.takeBack.customerSigner')}>{r.customerSignerName}</Descriptions.Item>
        <Descriptions.Item label={t('svcAdmin.takeBack.takenAt')}>
          {fmtTime(r.takenAt)} · {r.takenByName}
        </Descriptions.Item>
        {r.returnedAt && (
          <>
            <Descriptions.Item label={t('svcAdmin.takeBack.returnedAt')}>
              {fmtTime(r.returnedAt)} · {r.returnedByName}
            </Descriptions.Item>
            <Descriptions.Item label={t('svcAdmin.takeBack.receivedBy')}>{r.returnSignerName}</Descriptions.Item>
            <Descriptions.Item label={t('svcAdmin.takeBack.returnCondition')}>{r.returnCondition}</Descriptions.Item>
          </>
        )}
      </Descriptions>
      <Typography.Text strong style={{ display: 'block', marginBlock: 8 }}>
        {t('svcAdmin.takeBack.card')} · {t('svcAdmin.takeBack.cardMinutes')} {r.cardMinutes} {t('svcAdmin.sla.minutes')}
      </Typography.Text>
      <StaticTable
        data-testid="repair-card"
        dataSource={r.card}
        locale={{ emptyText: t('svcAdmin.takeBack.cardEmpty') }}
        columns={[
          { dataIndex: 'at', title: t('svcAdmin.takeBack.takenAt'), render: (v: string) => fmtTime(v) },
          { dataIndex: 'technicianName', title: t('svcAdmin.takeBack.technician') },
          { dataIndex: 'minutes', title: t('svcAdmin.takeBack.minutes') },
          { dataIndex: 'description', title: t('svcAdmin.takeBack.work') },
          {
            key: 'parts',
            title: t('svcAdmin.takeBack.parts'),
            render: (_: unknown, e: Receipt['card'][number]) => e.parts.map((p) => `${p.name}×${Number(p.quantity)}`).join('；') || '—',
          },
        ]}
      />
    </div>
  );
}

// ---- fees (R-WO-4, R-FE-1) -------------------------------------------------------------

export function FeeCard({ wo, onSaved }: { wo: WorkOrder; onSaved: (w: WorkOrder) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [paying, setPaying] = useState(false);
  const [form] = Form.useForm();
  const record = useRecordPayment();
  // Finance records collected or invoiced; the engineer on the job only the cash he collected (seed 002 §5).
  const finance = useAbility('workorders.pay');
  const fee = wo.fee;
  if (!fee || (wo.category !== 'paid' && !fee.chargeable)) return null;
  if (!fee.chargeable) {
    return (
      <Card size="small" title={t('svcAdmin.fee.title')} data-testid="wo-fee">
        <Typography.Text type="secondary">{t('svcAdmin.fee.notChargeable')}</Typography.Text>
      </Card>
    );
  }
  const money = (v: string) => `${fee.currency} ${Number(v).toFixed(2)}`;
  const owed = Number(fee.balance) > 0;

  const pay = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    record.mutate(
      { id: wo.id, method: v.method, reference: v.reference.trim(), amount: String(v.amount) },
      {
        onSuccess: (next) => {
          onSaved(next);
          message.success(t('svcAdmin.fee.recorded'));
          setPaying(false);
        },
        onError: (e) => applyFieldErrors(form, e),
      },
    );
  };

  return (
    <Card
      size="small"
      title={t('svcAdmin.fee.title')}
      data-testid="wo-fee"
      extra={fee.priceListVersion != null && <Typography.Text type="secondary">{t('svcAdmin.fee.priceVersion', { v: fee.priceListVersion })}</Typography.Text>}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {!fee.final && <Alert type="info" showIcon title={t('svcAdmin.fee.provisional')} />}
        {fee.unpricedParts > 0 && <Alert type="warning" showIcon title={t('svcAdmin.fee.unpricedParts', { n: fee.unpricedParts })} />}
        {fee.travelKmMissing && <Alert type="warning" showIcon title={t('svcAdmin.fee.kmMissing')} />}
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('svcAdmin.fee.labour')}>{money(fee.labour)}</Descriptions.Item>
          <Descriptions.Item label={t('svcAdmin.fee.parts')}>{money(fee.parts)}</Descriptions.Item>
          <Descriptions.Item label={`${t('svcAdmin.fee.travel')} (${t(`svcAdmin.fee.basis.${fee.travelBasis}`)})`}>{money(fee.travel)}</Descriptions.Item>
          <Descriptions.Item label={t('svcAdmin.fee.callOut')}>{money(fee.callOut)}</Descriptions.Item>
          <Descriptions.Item label={<strong>{t('svcAdmin.fee.total')}</strong>}>
            <strong data-testid="fee-total">{money(fee.total)}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('svcAdmin.fee.paid')}>{money(fee.paid)}</Descriptions.Item>
          <Descriptions.Item label={t('svcAdmin.fee.balance')}>
            <Typography.Text type={owed ? 'danger' : 'success'} data-testid="fee-balance">
              {money(fee.balance)}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        {fee.payments.length > 0 && (
          <StaticTable
            data-testid="fee-payments"
            dataSource={fee.payments}
            columns={[
              { dataIndex: 'at', title: t('svcAdmin.takeBack.takenAt'), render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
              { dataIndex: 'method', title: t('svcAdmin.fee.method'), render: (v: string) => t(`svcAdmin.fee.methods.${v}`) },
              { dataIndex: 'reference', title: t('svcAdmin.fee.reference') },
              { dataIndex: 'amount', title: t('svcAdmin.fee.amount'), render: (v: string) => money(v) },
              { dataIndex: 'recordedByName', title: t('svcAdmin.takeBack.technician') },
            ]}
          />
        )}
        {wo.abilities.pay && !paying && (
          <Button
            data-testid="fee-pay"
            type="primary"
            onClick={() => {
              record.reset();
              form.setFieldsValue({ method: 'collected', reference: '', amount: Number(fee.balance) });
              setPaying(true);
            }}
          >
            {t('svcAdmin.fee.record')}
          </Button>
        )}
        {paying && (
          <Form form={form} layout="vertical" data-testid="fee-form" initialValues={{ method: 'collected', amount: Number(fee.balance) }}>
            <Space wrap align="start">
              <Form.Item name="method" label={t('svcAdmin.fee.method')} rules={[{ required: true }]}>
                <Select
                  data-testid="fee-method"
                  style={{ width: 160 }}
                  options={(finance ? (['collected', 'invoiced'] as const) : (['collected'] as const)).map((m) => ({
                    value: m,
                    label: t(`svcAdmin.fee.methods.${m}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name="reference" label={t('svcAdmin.fee.reference')} rules={[{ required: true, whitespace: true, max: 100 }]}>
                <Input data-testid="fee-reference" style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="amount" label={t('svcAdmin.fee.amount')} rules={[{ required: true }]}>
                <InputNumber data-testid="fee-amount" min={0.01} max={Number(fee.balance)} step={0.01} precision={2} style={{ width: 160 }} />
              </Form.Item>
            </Space>
            {record.error && <Alert type="error" showIcon title={problemText(record.error)} style={{ marginBottom: 12 }} data-testid="fee-error" />}
            <Space>
              <Button data-testid="fee-save" type="primary" loading={record.isPending} onClick={pay}>
                {t('common.save')}
              </Button>
              <Button onClick={() => setPaying(false)}>{t('common.cancel')}</Button>
            </Space>
          </Form>
        )}
      </Space>
    </Card>
  );
}

// ---- same-day rule (R-WO-6) --------------------------------------------------------------

export function SameDayCard({ wo, onSaved }: { wo: WorkOrder; onSaved: (w: WorkOrder) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canAct = useAbility('workorders.act');
  const [form] = Form.useForm();
  const record = useRecordDelayReason();
  const sd = wo.sameDay;
  // Not shown to hospital users (a user holds a customer exactly when they are one).
  if (!sd || me.customerId) return null;

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    record.mutate(
      { id: wo.id, reason: v.reason.trim(), promisedDate: (v.promisedDate as dayjs.Dayjs).format('YYYY-MM-DD') },
      {
        onSuccess: (next) => {
          onSaved(next);
          message.success(t('svcAdmin.sameDay.recorded'));
        },
        onError: (e) => applyFieldErrors(form, e),
      },
    );
  };

  if (!sd.reasonRequired) {
    return (
      <Card size="small" title={t('svcAdmin.sameDay.title')} data-testid="wo-sameday">
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('svcAdmin.sameDay.reason')}>
            <span style={{ whiteSpace: 'pre-wrap' }} data-testid="sameday-reason">
              {sd.reason}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('svcAdmin.sameDay.promisedDate')}>{sd.promisedDate}</Descriptions.Item>
        </Descriptions>
        {sd.reasonByName && (
          <Typography.Text type="secondary">
            {t('svcAdmin.sameDay.by', { name: sd.reasonByName, at: sd.reasonAt ? dayjs(sd.reasonAt).format('YYYY-MM-DD HH:mm') : '' })}
          </Typography.Text>
        )}
      </Card>
    );
  }
  return (
    <Card size="small" title={t('svcAdmin.sameDay.title')} data-testid="wo-sameday" style={{ borderColor: '#faad14' }}>
      <Alert
        type="warning"
        showIcon
        title={t('svcAdmin.sameDay.intro')}
        description={`${t('svcAdmin.sameDay.missedAt')}: ${dayjs(sd.dueAt).format('YYYY-MM-DD HH:mm')}`}
        style={{ marginBottom: 12 }}
      />
      {canAct && (
        <Form form={form} layout="vertical" data-testid="sameday-form">
          <Form.Item name="reason" label={t('svcAdmin.sameDay.reason')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
            <Input.TextArea data-testid="sameday-reason-input" rows={3} />
          </Form.Item>
          <Form.Item name="promisedDate" label={t('svcAdmin.sameDay.promisedDate')} rules={[{ required: true }]}>
            <DatePicker data-testid="sameday-date" inputReadOnly disabledDate={(d) => d.isBefore(businessToday().startOf('day'))} />
          </Form.Item>
          {record.error && <Alert type="error" showIcon title={problemText(record.error)} style={{ marginBottom: 12 }} data-testid="sameday-error" />}
          <Button data-testid="sameday-submit" type="primary" size="large" block loading={record.isPending} onClick={save}>
            {t('svcAdmin.sameDay.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
