// 设备技术资料 (办法§17, issue 15 §5): the maintenance manual, service manual, software backups,
// fault-code table and spare-parts list of each model, with their version and whether they are
// offered to the customer; the files hang on each as attachments. Hospital users see (and
// download) only the offered documents of the models they own — the server filters.
import { Button, Card, Form, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type ModelDocument, useModelDocuments, useOfferModelDocument, useSaveModelDocument } from '../../api/hooks/handbook';
import { AttachmentsPanel } from '../../components/attachments/AttachmentsPanel';
import { Dialog } from '../../components/Dialog';
import { validFields } from '../../components/forms';
import { PageTitle } from '../../components/PageTitle';
import { EnumSelect, ModelSelect } from '../../components/pickers';
import { fieldErrorsThen } from '../../components/RecordForm';
import { useProblem } from '../care/common';

const KINDS = ['maintenance_manual', 'service_manual', 'software_backup', 'fault_code_table', 'spare_parts_list'] as const;

/** The documents page; ?modelId= (from the models list) shows one model's. */
export function ModelDocumentsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const modelId = params.get('modelId') ?? undefined;
  return (
    <Card
      title={<PageTitle>{t('handbook.menu.documents')}</PageTitle>}
      extra={
        <ModelSelect allowClear value={modelId} onChange={(v) => setParams(v ? { modelId: v } : {})} placeholder={t('handbook.model')} style={{ width: 240 }} />
      }
    >
      <ModelDocumentsPanel modelId={modelId} />
    </Card>
  );
}

/** The documents of one model (its page) or of all models the reader may see. */
export function ModelDocumentsPanel({ modelId }: { modelId?: string }) {
  const { t } = useTranslation();
  const q = useModelDocuments(modelId);
  const offer = useOfferModelDocument();
  const problem = useProblem();
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const canManage = q.data?.canManage ?? false;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="model-documents">
      <Typography.Paragraph type="secondary">{t('handbook.documentsHint')}</Typography.Paragraph>
      {canManage && (
        <Button onClick={() => setAdding(true)} data-testid="model-document-add">
          {t('handbook.addDocument')}
        </Button>
      )}
      <Table<ModelDocument>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        expandable={{
          expandedRowKeys: open ? [open] : [],
          onExpand: (exp, r) => setOpen(exp ? r.id : null),
          expandedRowRender: (r) => <AttachmentsPanel ownerKind="model_document" ownerId={r.id} canUpload={canManage} title={t('handbook.files')} compact />,
        }}
        columns={[
          ...(modelId ? [] : [{ key: 'm', title: t('handbook.model'), render: (_: unknown, r: ModelDocument) => r.modelName }]),
          { key: 'k', title: t('handbook.documentKind'), render: (_, r) => t(`handbook.documentKinds.${r.kind}`) },
          { key: 't', dataIndex: 'title', title: t('handbook.title') },
          { key: 'v', dataIndex: 'docVersion', title: t('handbook.docVersion') },
          {
            key: 'o',
            title: t('handbook.offered'),
            render: (_, r) =>
              canManage ? (
                <Switch
                  checked={r.offeredToCustomer}
                  loading={offer.isPending}
                  onChange={(v) => offer.mutate({ id: r.id, version: r.version, offeredToCustomer: v }, { onError: problem })}
                />
              ) : (
                <Tag color={r.offeredToCustomer ? 'green' : 'default'}>{t(r.offeredToCustomer ? 'handbook.offeredYes' : 'handbook.offeredNo')}</Tag>
              ),
          },
        ]}
      />
      <AddDocument open={adding} modelId={modelId} onClose={() => setAdding(false)} />
    </Space>
  );
}

function AddDocument({ open, modelId, onClose }: { open: boolean; modelId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useSaveModelDocument();
  const problem = useProblem();
  const ok = async () => {
    const v = await validFields(form);
    if (!v) return;
    save.mutate(
      { modelId: modelId ?? v.modelId, kind: v.kind, title: v.title, docVersion: v.docVersion, offeredToCustomer: !!v.offeredToCustomer, note: null },
      {
        onSuccess: () => {
          form.resetFields();
          onClose();
        },
        onError: fieldErrorsThen(form, problem),
      },
    );
  };
  return (
    <Dialog open={open} title={t('handbook.addDocument')} onCancel={onClose} onOk={ok} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'maintenance_manual', offeredToCustomer: false }}>
        {!modelId && (
          <Form.Item name="modelId" label={t('handbook.model')} rules={[{ required: true }]}>
            <ModelSelect />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('handbook.documentKind')} rules={[{ required: true }]}>
          <EnumSelect ns="handbook.documentKinds" values={KINDS} />
        </Form.Item>
        <Form.Item name="title" label={t('handbook.title')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="docVersion" label={t('handbook.docVersion')} rules={[{ required: true, whitespace: true, max: 40 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="offeredToCustomer" label={t('handbook.offered')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Dialog>
  );
}
