// Purchasing (R-PT-3, R-PT-5): the reorder list (minimum stock, emergency level, open work)
// turned into a purchase plan; plans submitted by the parts administrator and approved by the
// service manager; purchase contracts and receiving against them. Plans and contracts each have
// a search box (plan: number, note, part; contract: number, supplier, part), as on ListPage.

import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tabs, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api';
import {
  type PurchaseContract as Contract,
  type PurchasePlan as Plan,
  type PurchaseSuggestion as Suggestion,
  useCreateContract,
  useCreatePlan,
  useDecidePlan,
  usePurchaseContracts,
  usePurchasePlans,
  useReceiveContract,
  useReorderSuggestions,
  useSubmitPlan,
} from '../../../api/hooks/purchasing';
import { useAbility } from '../../../auth';
import { Dialog } from '../../../components/Dialog';
import { fieldErrorsThen } from '../../../components/RecordForm';
import { StaticTable } from '../../../components/StaticTable';
import { money, PartSelect, PartsTag, SupplierSelect, WarehouseSelect } from '../partsPickers';

/** The search box of a tab, like ListPage's: sends `q` on Enter, cleared with the ✕. */
function SearchBox({ testId, onSearch }: { testId: string; onSearch: (q: string | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <Input.Search
      data-testid={testId}
      allowClear
      placeholder={t('common.searchPlaceholder')}
      onSearch={(v) => onSearch(v.trim() || undefined)}
      style={{ width: 260, maxWidth: '100%' }}
      maxLength={100}
    />
  );
}

/** The callbacks of a write: a success message, or the server's problem. */
function useOutcome() {
  const { message } = App.useApp();
  return (done: string, then?: () => void) => ({
    onSuccess: () => {
      message.success(done);
      then?.();
    },
    onError: (e: Error) => message.error(e instanceof ApiError ? e.problem.detail : String(e)),
  });
}

function Reorder() {
  const { t } = useTranslation();
  const canPlan = useAbility('parts.plan');
  const outcome = useOutcome();
  const list = useReorderSuggestions();
  const create = useCreatePlan();
  const [selected, setSelected] = useState<string[]>([]);
  const makePlan = () => {
    const lines = (list.data ?? []).filter((s) => selected.includes(s.partId)).map((s) => ({ partId: s.partId, qty: s.suggestedQty, reason: s.reason }));
    create.mutate(
      { lines },
      outcome(t('parts.purchasing.planCreated'), () => setSelected([])),
    );
  };
  return (
    <>
      {canPlan && (
        <Button
          type="primary"
          data-testid="plan-from-reorder"
          disabled={!selected.length}
          loading={create.isPending}
          onClick={makePlan}
          style={{ marginBottom: 12 }}
        >
          {t('parts.purchasing.makePlan')}
        </Button>
      )}
      <StaticTable<Suggestion>
        rowKey="partId"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        rowSelection={canPlan ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) } : undefined}
        columns={[
          { key: 'code', dataIndex: 'partCode', title: t('parts.code') },
          { key: 'name', dataIndex: 'partName', title: t('parts.name') },
          { key: 'onHand', dataIndex: 'onHand', title: t('parts.onHand'), align: 'right' },
          { key: 'min', dataIndex: 'minStock', title: t('parts.minStock'), align: 'right' },
          { key: 'eOn', dataIndex: 'emergencyOnHand', title: t('parts.emergencyOnHand'), align: 'right' },
          { key: 'eLvl', dataIndex: 'emergencyLevel', title: t('parts.emergencyLevel'), align: 'right' },
          { key: 'forecast', dataIndex: 'forecast', title: t('parts.forecast'), align: 'right' },
          { key: 'qty', dataIndex: 'suggestedQty', title: t('parts.suggested'), align: 'right' },
          { key: 'reason', dataIndex: 'reason', title: t('parts.reason'), render: (v) => t(`parts.reasons.${v}`) },
        ]}
      />
    </>
  );
}

function Plans() {
  const { t } = useTranslation();
  const outcome = useOutcome();
  const submit = useSubmitPlan();
  const decide = useDecidePlan();
  const [q, setQ] = useState<string | undefined>();
  const list = usePurchasePlans({ q, pageSize: 100 });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchBox testId="plans-search" onSearch={setQ} />
      </Space>
      <StaticTable<Plan>
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        expandable={{
          expandedRowRender: (p) => (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={p.lines}
              columns={[
                { key: 'code', dataIndex: 'partCode', title: t('parts.code') },
                { key: 'name', dataIndex: 'partName', title: t('parts.name') },
                { key: 'qty', dataIndex: 'qty', title: t('parts.qty'), align: 'right' },
                { key: 'reason', dataIndex: 'reason', title: t('parts.reason'), render: (v) => t(`parts.reasons.${v}`) },
              ]}
            />
          ),
        }}
        columns={[
          { key: 'number', dataIndex: 'number', title: t('parts.purchasing.planNumber') },
          { key: 'status', dataIndex: 'status', title: t('parts.status'), render: (v) => <PartsTag ns="statuses" value={v} /> },
          { key: 'lines', title: t('parts.purchasing.lines'), render: (_, p) => p.lines.length },
          { key: 'by', dataIndex: 'createdByName', title: t('parts.purchasing.createdBy') },
          { key: 'decided', dataIndex: 'decidedByName', title: t('parts.approvedBy') },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, p) => (
              <Space size={0}>
                {p.abilities.submit && (
                  <Button size="small" type="link" onClick={() => submit.mutate(p, outcome(t('parts.purchasing.submitted')))}>
                    {t('parts.purchasing.submit')}
                  </Button>
                )}
                {p.abilities.decide && (
                  <>
                    <Button
                      size="small"
                      type="link"
                      data-testid={`plan-approve-${p.number}`}
                      onClick={() => decide.mutate({ id: p.id, version: p.version, approve: true }, outcome(t('parts.stocktake.approved')))}
                    >
                      {t('parts.stocktake.approve')}
                    </Button>
                    <Button
                      size="small"
                      type="link"
                      danger
                      onClick={() => decide.mutate({ id: p.id, version: p.version, approve: false }, outcome(t('parts.stocktake.rejected')))}
                    >
                      {t('parts.stocktake.reject')}
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

function Contracts() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canContract = useAbility('parts.contract');
  const outcome = useOutcome();
  const [q, setQ] = useState<string | undefined>();
  const list = usePurchaseContracts({ q, pageSize: 100 });
  const plans = usePurchasePlans({ status: 'approved', pageSize: 100 });
  const add = useCreateContract();
  const receive = useReceiveContract();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const [receiving, setReceiving] = useState<Contract | null>(null);
  const [warehouseId, setWarehouseId] = useState<string | undefined>();
  const create = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    add.mutate(
      {
        number: v.number,
        supplierId: v.supplierId,
        planId: v.planId ?? null,
        deliveryDate: (v.deliveryDate as Dayjs).format('YYYY-MM-DD'),
        notes: v.notes ?? null,
        lines: [{ partId: v.partId, qty: v.qty, unitPrice: String(v.unitPrice).trim(), spec: v.spec ?? null }],
      },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          setOpen(false);
          form.resetFields();
        },
        onError: fieldErrorsThen(form, (e) => message.error(e instanceof ApiError ? e.problem.detail : String(e))),
      },
    );
  };
  const receiveAll = () => {
    if (!receiving || !warehouseId) return;
    const lines = receiving.lines.filter((l) => l.qty > l.receivedQty).map((l) => ({ lineId: l.id, qty: l.qty - l.receivedQty }));
    receive.mutate(
      { id: receiving.id, warehouseId, lines },
      outcome(t('parts.purchasing.received'), () => setReceiving(null)),
    );
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {canContract && (
          <Button icon={<PlusOutlined />} type="primary" onClick={() => setOpen(true)}>
            {t('parts.purchasing.newContract')}
          </Button>
        )}
        <SearchBox testId="contracts-search" onSearch={setQ} />
      </Space>
      <StaticTable<Contract>
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        expandable={{
          expandedRowRender: (c) => (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={c.lines}
              columns={[
                { key: 'code', dataIndex: 'partCode', title: t('parts.code') },
                { key: 'spec', dataIndex: 'spec', title: t('parts.spec') },
                { key: 'qty', dataIndex: 'qty', title: t('parts.qty'), align: 'right' },
                { key: 'price', dataIndex: 'unitPrice', title: t('parts.unitPrice'), align: 'right', render: (v) => money(v) },
                { key: 'received', dataIndex: 'receivedQty', title: t('parts.purchasing.receivedQty'), align: 'right' },
              ]}
            />
          ),
        }}
        columns={[
          { key: 'number', dataIndex: 'number', title: t('parts.purchasing.contractNumber') },
          { key: 'supplier', dataIndex: 'supplierName', title: t('parts.supplier') },
          { key: 'delivery', dataIndex: 'deliveryDate', title: t('parts.purchasing.deliveryDate') },
          { key: 'total', dataIndex: 'total', title: t('parts.purchasing.total'), align: 'right', render: (v, c) => `${money(v)} ${c.currency}` },
          { key: 'status', dataIndex: 'status', title: t('parts.status'), render: (v) => <PartsTag ns="statuses" value={v} /> },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, c) =>
              c.abilities.receive && (
                <Button size="small" type="link" onClick={() => setReceiving(c)}>
                  {t('parts.purchasing.receive')}
                </Button>
              ),
          },
        ]}
      />
      <Dialog
        open={open}
        title={t('parts.purchasing.newContract')}
        onCancel={() => setOpen(false)}
        onOk={create}
        confirmLoading={add.isPending}
        width={640}
        destroyOnHidden={false}
      >
        <Form form={form} layout="vertical" initialValues={{ qty: 1 }}>
          <Form.Item name="number" label={t('parts.purchasing.contractNumber')} rules={[{ required: true, whitespace: true, max: 50 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="supplierId" label={t('parts.supplier')} rules={[{ required: true }]}>
            <SupplierSelect />
          </Form.Item>
          <Form.Item name="planId" label={t('parts.purchasing.plan')}>
            <Select allowClear options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.number }))} />
          </Form.Item>
          <Form.Item name="deliveryDate" label={t('parts.purchasing.deliveryDate')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="partId" label={t('parts.part')} rules={[{ required: true }]}>
            <PartSelect />
          </Form.Item>
          <Form.Item name="spec" label={t('parts.spec')} rules={[{ max: 500 }]}>
            <Input />
          </Form.Item>
          <Space>
            <Form.Item name="qty" label={t('parts.qty')} rules={[{ required: true }]}>
              <InputNumber min={1} precision={0} />
            </Form.Item>
            <Form.Item name="unitPrice" label={t('parts.unitPrice')} rules={[{ required: true, pattern: /^\s*\d{1,12}(\.\d{1,2})?\s*$/ }]}>
              <Input inputMode="decimal" />
            </Form.Item>
          </Space>
          <Form.Item name="notes" label={t('common.notes')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Dialog>
      <Dialog
        open={receiving !== null}
        title={`${t('parts.purchasing.receive')} ${receiving?.number ?? ''}`}
        onCancel={() => setReceiving(null)}
        onOk={receiveAll}
        confirmLoading={receive.isPending}
        okButtonProps={{ disabled: !warehouseId }}
        okText={t('parts.purchasing.receive')}
        destroyOnHidden={false}
      >
        <Typography.Paragraph type="secondary">{t('parts.purchasing.receiveHint')}</Typography.Paragraph>
        <WarehouseSelect value={warehouseId} onChange={setWarehouseId} style={{ width: '100%' }} placeholder={t('parts.warehouse')} />
      </Dialog>
    </>
  );
}

export function PurchasingPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('parts.menu.purchasing')}>
      <Tabs
        items={[
          { key: 'reorder', label: t('parts.purchasing.reorder'), children: <Reorder /> },
          { key: 'plans', label: t('parts.purchasing.plans'), children: <Plans /> },
          { key: 'contracts', label: t('parts.purchasing.contracts'), children: <Contracts /> },
        ]}
      />
    </Card>
  );
}
