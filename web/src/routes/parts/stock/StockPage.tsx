// Stock on hand by warehouse, part and lot (derived from the ledger), with receiving and
// transfers between warehouses (sender signs, receiver named).

import { ImportOutlined, SwapOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api';
import { useStockMovement } from '../../../api/hooks/parts';
import { useAbility } from '../../../auth';
import { Dialog } from '../../../components/Dialog';
import { ListPage } from '../../../components/ListPage';
import { fieldErrorsThen } from '../../../components/RecordForm';
import { PartSelect, PartsTag, SupplierSelect, WarehouseSelect } from '../partsPickers';

function MovementModal({ kind, open, onClose }: { kind: 'receipt' | 'transfer'; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const move = useStockMovement();
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = { ...v, lot: v.lot?.trim() || null };
    move.mutate(
      { kind, body },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          form.resetFields();
          onClose();
        },
        onError: fieldErrorsThen(form, (e) => message.error(e instanceof ApiError ? e.problem.detail : String(e))),
      },
    );
  };
  return (
    <Dialog
      open={open}
      title={kind === 'receipt' ? t('parts.receive') : t('parts.transfer')}
      onCancel={onClose}
      onOk={save}
      confirmLoading={move.isPending}
      okTestId={`${kind}-save`}
    >
      <Form form={form} layout="vertical" initialValues={{ qty: 1 }} preserve={false}>
        {kind === 'receipt' ? (
          <Form.Item name="warehouseId" label={t('parts.warehouse')} rules={[{ required: true }]}>
            <WarehouseSelect data-testid={`${kind}-warehouse`} />
          </Form.Item>
        ) : (
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="fromWarehouseId" label={t('parts.fromWarehouse')} rules={[{ required: true }]}>
                <WarehouseSelect data-testid="transfer-from" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="toWarehouseId" label={t('parts.toWarehouse')} rules={[{ required: true }]}>
                <WarehouseSelect data-testid="transfer-to" />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item name="partId" label={t('parts.part')} rules={[{ required: true }]}>
          <PartSelect data-testid={`${kind}-part`} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={10}>
            <Form.Item name="qty" label={t('parts.qty')} rules={[{ required: true }]}>
              <InputNumber data-testid={`${kind}-qty`} min={1} max={1000000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={14}>
            <Form.Item name="lot" label={t('parts.lot')} rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        {kind === 'receipt' ? (
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="supplierId" label={t('parts.supplier')}>
                <SupplierSelect />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="reference" label={t('parts.reference')} rules={[{ max: 100 }]}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <Form.Item name="receiverName" label={t('parts.receiver')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input data-testid="transfer-receiver" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('common.notes')} rules={[{ max: 500 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

export function StockPage() {
  const { t } = useTranslation();
  const canReceive = useAbility('parts.receive');
  const canTransfer = useAbility('parts.transfer');
  const [modal, setModal] = useState<'receipt' | 'transfer' | null>(null);
  return (
    <>
      <ListPage
        testId="stock"
        title={t('parts.menu.stock')}
        endpoint="/api/v1/parts/stock"
        exportEndpoint="/api/v1/parts/stock/export"
        exportName="stock.xlsx"
        rowKey="key"
        filterKeys={['warehouseId', 'partId', 'condition']}
        filters={({ bind }) => (
          <>
            <WarehouseSelect data-testid="stock-filter-warehouse" placeholder={t('parts.warehouse')} {...bind('warehouseId')} style={{ width: 220 }} />
            <PartSelect placeholder={t('parts.part')} {...bind('partId')} style={{ width: 220 }} />
            <Select
              allowClear
              placeholder={t('parts.condition')}
              {...bind('condition')}
              options={['good', 'faulty'].map((k) => ({ value: k, label: t(`parts.conditions.${k}`) }))}
              style={{ width: 120 }}
            />
          </>
        )}
        extra={
          <>
            {canReceive && (
              <Button data-testid="stock-receive" icon={<ImportOutlined />} onClick={() => setModal('receipt')}>
                {t('parts.receive')}
              </Button>
            )}
            {canTransfer && (
              <Button data-testid="stock-transfer" icon={<SwapOutlined />} onClick={() => setModal('transfer')}>
                {t('parts.transfer')}
              </Button>
            )}
          </>
        }
        columns={[
          {
            key: 'warehouseCode',
            dataIndex: 'warehouseName',
            title: t('parts.warehouse'),
            sorter: true,
            render: (v, r) => (
              <>
                {v} <PartsTag ns="warehouseKinds" value={r.warehouseKind} />
              </>
            ),
          },
          { key: 'partCode', dataIndex: 'partCode', title: t('parts.code'), sorter: true },
          { key: 'partName', dataIndex: 'partName', title: t('parts.name') },
          { key: 'lot', dataIndex: 'lot', title: t('parts.lot') },
          { key: 'condition', dataIndex: 'condition', title: t('parts.condition'), render: (v) => <PartsTag ns="conditions" value={v} /> },
          { key: 'qty', dataIndex: 'qty', title: t('parts.qty'), sorter: true, align: 'right', render: (v, r) => `${v} ${r.unit}` },
        ]}
      />
      <MovementModal kind={modal ?? 'receipt'} open={modal !== null} onClose={() => setModal(null)} />
    </>
  );
}
