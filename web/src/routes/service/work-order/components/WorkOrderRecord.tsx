// The on-site record of a work order (R-WO-2): diagnosis, actions, tests and times as a form
// while the caller may change it (`wo.abilities.update`), as text once signed; and the parts
// used — drawn from the van through the parts ledger, or typed as customer-supplied / non-stock.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PartLine, useAddPart, useRemovePart, useSaveContent, type WorkOrder } from '../../../../api/hooks/workOrders';
import { Dialog } from '../../../../components/Dialog';
import { DraftNotice, useFormDraft } from '../../../../components/formDraft';
import { validFields } from '../../../../components/forms';
import { fieldErrorsThen } from '../../../../components/RecordForm';
import { StaticTable } from '../../../../components/StaticTable';
import { problemText, saveErrorText } from '../../common';
import { VanPartsDialog } from './VanPartsDialog';

export function ContentCard({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  // Issue 12: the report fields as the job's kind names them (an installation's 调试测试结果).
  const fieldLabel = (f: string) => t(`workOrder.kindFields.${wo.kind}.${f}`, { defaultValue: t(`workOrder.fields.${f}`) });
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useSaveContent();
  const editable = wo.abilities.update;
  const [error, setError] = useState<string | null>(null);
  const fields = ['phenomenon', 'cause', 'actions', 'testResults', 'explanation'] as const;

  // Issue 16 §3: typed and not saved, kept on the phone if the app goes to the background.
  const draft = useFormDraft(form, `wo-content:${wo.id}`, wo.version);
  const { restore } = draft;
  const fromRecord = useCallback(
    () =>
      form.setFieldsValue({
        phenomenon: wo.phenomenon ?? '',
        cause: wo.cause ?? '',
        actions: wo.actions ?? '',
        testResults: wo.testResults ?? '',
        explanation: wo.explanation ?? '',
        labourMinutes: wo.labourMinutes,
        travelMinutes: wo.travelMinutes,
        travelKm: wo.travelKm == null ? null : Number(wo.travelKm),
      }),
    [wo, form],
  );
  useEffect(() => {
    fromRecord();
    if (editable) restore();
  }, [fromRecord, restore, editable]);

  if (!editable) {
    return (
      <Card size="small" title={t('workOrder.record')} data-testid="wo-content">
        <Descriptions column={1} size="small" bordered>
          {fields.map((f) => (
            <Descriptions.Item key={f} label={fieldLabel(f)}>
              <span style={{ whiteSpace: 'pre-wrap' }} data-testid={`wo-view-${f}`}>
                {wo[f] || '—'}
              </span>
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('workOrder.fields.labourMinutes')}>{wo.labourMinutes}</Descriptions.Item>
          <Descriptions.Item label={t('workOrder.fields.travelMinutes')}>{wo.travelMinutes}</Descriptions.Item>
          {wo.travelKm != null && <Descriptions.Item label={t('svcAdmin.fee.travelKm')}>{wo.travelKm}</Descriptions.Item>}
        </Descriptions>
      </Card>
    );
  }

  const submit = async () => {
    const v = await validFields(form);
    if (!v) return;
    setError(null);
    const text = (f: (typeof fields)[number]) => (v[f] as string | undefined)?.trim() || null;
    // Dropped before the answer re-renders the form with the new version; kept again if refused.
    draft.clear();
    save.mutate(
      {
        id: wo.id,
        version: wo.version,
        ...Object.fromEntries(fields.map((f) => [f, text(f)])),
        labourMinutes: v.labourMinutes ?? 0,
        travelMinutes: v.travelMinutes ?? 0,
        travelKm: v.travelKm == null ? null : String(v.travelKm),
      },
      {
        onSuccess: () => message.success(t('common.saved')),
        onError: (e) => {
          draft.keep(form.getFieldsValue());
          fieldErrorsThen(form, (x) => setError(saveErrorText(x, t)))(e);
        },
      },
    );
  };

  return (
    <Card size="small" title={t('workOrder.record')} data-testid="wo-content">
      <DraftNotice draft={draft} onDiscard={fromRecord} />
      <Form form={form} layout="vertical" data-testid="wo-content-form" onValuesChange={draft.onValuesChange}>
        <Typography.Title level={5}>{t('workOrder.diagnosis')}</Typography.Title>
        <Form.Item name="phenomenon" label={fieldLabel('phenomenon')} rules={[{ max: 4000 }]}>
          <Input.TextArea data-testid="wo-phenomenon" rows={3} />
        </Form.Item>
        <Form.Item name="cause" label={fieldLabel('cause')} rules={[{ max: 4000 }]}>
          <Input.TextArea data-testid="wo-cause" rows={3} />
        </Form.Item>
        <Form.Item name="actions" label={fieldLabel('actions')} rules={[{ max: 8000 }]}>
          <Input.TextArea data-testid="wo-actions-text" rows={3} />
        </Form.Item>
        <Form.Item name="testResults" label={fieldLabel('testResults')} rules={[{ max: 4000 }]}>
          <Input.TextArea data-testid="wo-tests" rows={2} />
        </Form.Item>
        <Form.Item name="explanation" label={t('workOrder.fields.explanation')} rules={[{ max: 4000 }]}>
          <Input.TextArea data-testid="wo-explanation" rows={2} />
        </Form.Item>
        <Space wrap size={16}>
          <Form.Item name="labourMinutes" label={t('workOrder.fields.labourMinutes')}>
            <InputNumber data-testid="wo-labour" min={0} max={43200} inputMode="numeric" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="travelMinutes" label={t('workOrder.fields.travelMinutes')}>
            <InputNumber data-testid="wo-travel" min={0} max={43200} inputMode="numeric" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="travelKm" label={t('svcAdmin.fee.travelKm')}>
            <InputNumber data-testid="wo-travel-km" min={0} max={999999} precision={1} inputMode="decimal" style={{ width: 140 }} />
          </Form.Item>
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="wo-content-error" />}
        <Button data-testid="wo-save" type="primary" size="large" block loading={save.isPending} onClick={submit}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

export function PartsCard({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm();
  const [adding, setAdding] = useState(false);
  const [fromStock, setFromStock] = useState(false);
  const addPart = useAddPart();
  const removePart = useRemovePart();
  const editable = wo.abilities.addParts;
  if (!editable && wo.parts.length === 0) return null;

  const add = async () => {
    const v = await validFields(form);
    if (!v) return;
    const optional = (k: string) => (v[k]?.trim() ? { [k]: v[k].trim() } : {});
    addPart.mutate(
      {
        id: wo.id,
        name: v.name.trim(),
        quantity: String(v.quantity),
        source: v.source,
        sourceNote: v.sourceNote.trim(),
        ...optional('partNo'),
        ...optional('removedSerial'),
        ...optional('installedSerial'),
        ...(v.unitPrice != null ? { unitPrice: String(v.unitPrice) } : {}),
      },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          setAdding(false);
          form.resetFields();
        },
        onError: fieldErrorsThen(form, (e) => message.error(problemText(e))),
      },
    );
  };
  const remove = (partId: string) =>
    modal.confirm({
      title: t('common.confirmDelete'),
      okType: 'danger',
      okText: t('common.delete'),
      cancelText: t('common.cancel'),
      onOk: () => removePart.mutateAsync({ id: wo.id, partId }).catch((e) => message.error(problemText(e))),
    });

  return (
    <Card
      size="small"
      title={t('workOrder.parts')}
      data-testid="wo-parts"
      extra={
        editable && (
          <Space wrap>
            {/* Drawn from a warehouse through the parts ledger (issue 5), or a free line. */}
            <Button data-testid="part-from-stock" type="primary" icon={<PlusOutlined />} onClick={() => setFromStock(true)}>
              {t('van.title')}
            </Button>
            <Button data-testid="part-add" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('van.typed')}
            </Button>
          </Space>
        )
      }
    >
      <StaticTable
        dataSource={wo.parts}
        locale={{ emptyText: t('workOrder.noParts') }}
        columns={[
          { dataIndex: 'name', title: t('workOrder.partName') },
          { dataIndex: 'partNo', title: t('workOrder.partNo') },
          {
            dataIndex: 'source',
            title: t('van.source'),
            render: (v: PartLine['source'], p: PartLine) => (v ? <Tag title={p.sourceNote ?? undefined}>{t(`van.sources.${v}`)}</Tag> : null),
          },
          { dataIndex: 'quantity', title: t('workOrder.quantity'), render: (v) => Number(v) },
          { dataIndex: 'unitPrice', title: t('workOrder.unitPrice') },
          { dataIndex: 'removedSerial', title: t('workOrder.removedSerial') },
          { dataIndex: 'installedSerial', title: t('workOrder.installedSerial') },
          {
            // Issue 12 item 2: free under the accessory's own warranty (seed 003 穿刺器…2年质保…质保不延长).
            dataIndex: 'accessoryWarrantyUntil',
            title: t('workOrder.coverageColumn'),
            render: (v: PartLine['accessoryWarrantyUntil']) =>
              v ? (
                <Tag color="green" data-testid="part-accessory-covered">
                  {t('workOrder.accessoryCovered', { date: v })}
                </Tag>
              ) : null,
          },
          ...(editable
            ? [
                {
                  key: 'del',
                  title: '',
                  render: (_: unknown, p: { id: string }) => (
                    <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(p.id)} aria-label="delete" />
                  ),
                },
              ]
            : []),
        ]}
      />
      <VanPartsDialog
        workOrderId={wo.id}
        open={fromStock}
        onClose={() => setFromStock(false)}
        onTaken={() => setFromStock(false)} // the issue refreshes the order itself (hooks/parts)
      />
      <Dialog open={adding} title={t('workOrder.addPart')} onCancel={() => setAdding(false)} onOk={add} confirmLoading={addPart.isPending} okTestId="part-save">
        <Form form={form} layout="vertical" initialValues={{ quantity: 1 }}>
          {/* A typed line never touches stock: what it is and why must be said (issue 10 item 9). */}
          <Alert type="info" showIcon title={t('van.sourceHint')} style={{ marginBottom: 12 }} />
          <Form.Item name="source" label={t('van.source')} rules={[{ required: true }]}>
            <Radio.Group
              data-testid="part-source"
              options={(['customer_supplied', 'non_stock'] as const).map((k) => ({ value: k, label: t(`van.sources.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="sourceNote" label={t('van.sourceNote')} rules={[{ required: true, whitespace: true, max: 500 }]}>
            <Input data-testid="part-source-note" />
          </Form.Item>
          <Form.Item name="name" label={t('workOrder.partName')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input data-testid="part-name" />
          </Form.Item>
          <Form.Item name="partNo" label={t('workOrder.partNo')} rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item name="quantity" label={t('workOrder.quantity')} rules={[{ required: true }]}>
              <InputNumber min={0.001} step={1} />
            </Form.Item>
            <Form.Item name="unitPrice" label={t('workOrder.unitPrice')}>
              <InputNumber min={0} step={0.01} />
            </Form.Item>
          </Space>
          <Form.Item name="removedSerial" label={t('workOrder.removedSerial')} rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="installedSerial" label={t('workOrder.installedSerial')} rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Dialog>
    </Card>
  );
}
