// 保养模板 (issue 13 §1, R-PM-1; seed 004 §4 预防为主): the maintenance templates per model or device
// category — searchable list with model / category filters, and for the service manager an editor
// of the tasks (清洁、润滑、紧固、校准、更换易损件), the checks (运行参数 with unit and range, or an
// expected result), the parts kit (picked from the catalogue), the interval, the durations and the
// photos a visit must bring. The server's field errors land on the field they name (checks.2.max).
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { App as AntApp, Button, Card, Drawer, Form, Input, InputNumber, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, getPage } from '../../../api';
import {
  type MaintenanceTemplate,
  type MaintenanceTemplateBody,
  useCreateMaintenanceTemplate,
  useMaintenanceTemplates,
  useUpdateMaintenanceTemplate,
} from '../../../api/hooks/maintenance';
import { keysFor } from '../../../api/keys';
import { useAbility } from '../../../auth';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { ENUMS, EnumSelect, ModelSelect } from '../../../components/pickers';

const TASK_KINDS = ['clean', 'lubricate', 'tighten', 'calibrate', 'replace', 'check', 'other'] as const;
type Category = NonNullable<MaintenanceTemplate['category']>;

/** A part of the catalogue by its code (the kit stores codes). */
function PartCodeSelect(p: { value?: string; onChange?: (v: string) => void; 'data-testid'?: string }) {
  const [q, setQ] = useState('');
  const query: Record<string, string | number> = { pageSize: 50 };
  if (q) query.q = q;
  const list = useQuery({ queryKey: keysFor('parts').list('/api/v1/parts/catalog', query), queryFn: () => getPage('/api/v1/parts/catalog', query) });
  const rows = list.data?.items ?? [];
  const options = rows.map((r) => ({ value: r.code, label: `${r.name} (${r.code})` }));
  if (p.value && !options.some((o) => o.value === p.value)) options.unshift({ value: p.value, label: p.value });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={options}
      loading={list.isFetching}
      value={p.value}
      onChange={p.onChange}
      style={{ minWidth: 260 }}
      data-testid={p['data-testid']}
    />
  );
}

/** The server's field errors on the form's (nested) fields; false when none matched. */
function applyNestedErrors(form: FormInstance, err: unknown): boolean {
  if (!(err instanceof ApiError) || !err.problem.fields?.length) return false;
  const fields = err.problem.fields.map((f) => ({
    name: f.field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
    errors: [f.message],
  }));
  form.setFields(fields);
  return true;
}

interface FormValues {
  scope: 'model' | 'category';
  modelId?: string;
  category?: Category;
  name: string;
  intervalMonths: number;
  estimatedMinutes: number;
  minOnSiteMinutes: number;
  photosRequired: number;
  tasks?: MaintenanceTemplateBody['tasks'];
  checks?: { key: string; label: string; unit?: string | null; min?: number | null; max?: number | null; expected?: string | null }[];
  partsKit?: { partCode: string; qty: number }[];
}

const toForm = (r: MaintenanceTemplate): FormValues => ({
  scope: r.modelId ? 'model' : 'category',
  modelId: r.modelId ?? undefined,
  category: r.category ?? undefined,
  name: r.name,
  intervalMonths: r.intervalMonths,
  estimatedMinutes: r.estimatedMinutes,
  minOnSiteMinutes: r.minOnSiteMinutes,
  photosRequired: r.photosRequired,
  tasks: r.tasks,
  checks: r.checks,
  partsKit: r.partsKit.map(({ partCode, qty }) => ({ partCode, qty })),
});

const toBody = (v: FormValues): MaintenanceTemplateBody => ({
  modelId: v.scope === 'model' ? (v.modelId ?? null) : null,
  category: v.scope === 'category' ? (v.category ?? null) : null,
  name: v.name,
  intervalMonths: v.intervalMonths,
  estimatedMinutes: v.estimatedMinutes,
  minOnSiteMinutes: v.minOnSiteMinutes,
  photosRequired: v.photosRequired ?? 0,
  tasks: v.tasks ?? [],
  checks: (v.checks ?? []).map((c) => ({
    key: c.key,
    label: c.label,
    unit: c.unit || null,
    min: c.min ?? null,
    max: c.max ?? null,
    expected: c.expected || null,
  })),
  partsKit: v.partsKit ?? [],
});

function TemplateEditor({ record, onClose }: { record: MaintenanceTemplate | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateMaintenanceTemplate();
  const update = useUpdateMaintenanceTemplate();
  const scope = Form.useWatch('scope', form) ?? (record ? (record.modelId ? 'model' : 'category') : 'model');
  const busy = create.isPending || update.isPending;

  const onError = (e: unknown) => {
    if (e instanceof ApiError && e.problem.status === 409 && e.problem.code === 'version_conflict') return message.error(t('maintenance.stale'));
    applyNestedErrors(form, e);
    message.error(e instanceof ApiError ? e.problem.detail : String(e));
  };
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    const body = toBody(v);
    const done = () => {
      message.success(t('maintenance.saved'));
      onClose();
    };
    if (record) update.mutate({ id: record.id, body: { ...body, version: record.version } }, { onSuccess: done, onError });
    else create.mutate(body, { onSuccess: done, onError });
  };

  return (
    <Drawer
      open
      width={920}
      title={record ? t('maintenance.edit') : t('maintenance.create')}
      onClose={onClose}
      extra={
        <Button type="primary" onClick={save} loading={busy} data-testid="mt-save">
          {t('common.save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="mt-form"
        initialValues={
          record
            ? toForm(record)
            : { scope: 'model', intervalMonths: 3, estimatedMinutes: 120, minOnSiteMinutes: 60, photosRequired: 2, tasks: [], checks: [], partsKit: [] }
        }
      >
        <Form.Item name="name" label={t('maintenance.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="mt-name" />
        </Form.Item>
        <Form.Item name="scope" label={t('maintenance.scope')}>
          <Radio.Group
            options={[
              { value: 'model', label: t('maintenance.scopeModel') },
              { value: 'category', label: t('maintenance.scopeCategory') },
            ]}
          />
        </Form.Item>
        {scope === 'model' ? (
          <Form.Item name="modelId" label={t('maintenance.model')} rules={[{ required: true }]}>
            <ModelSelect data-testid="mt-model" />
          </Form.Item>
        ) : (
          <Form.Item name="category" label={t('maintenance.category')} rules={[{ required: true }]}>
            <EnumSelect ns="model.categories" values={ENUMS.categories} data-testid="mt-category" />
          </Form.Item>
        )}
        <Space wrap size="large">
          <Form.Item name="intervalMonths" label={t('maintenance.interval')} rules={[{ required: true }]}>
            <InputNumber min={1} max={24} precision={0} data-testid="mt-interval" />
          </Form.Item>
          <Form.Item name="estimatedMinutes" label={t('maintenance.estimatedMinutes')} rules={[{ required: true }]}>
            <InputNumber min={1} max={1440} precision={0} />
          </Form.Item>
          <Form.Item name="minOnSiteMinutes" label={t('maintenance.minOnSiteMinutes')} tooltip={t('maintenance.minOnSiteHint')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1440} precision={0} />
          </Form.Item>
          <Form.Item name="photosRequired" label={t('maintenance.photosRequired')}>
            <InputNumber min={0} max={20} precision={0} />
          </Form.Item>
        </Space>

        <Typography.Title level={5}>{t('maintenance.tasks')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('maintenance.keyHint')}</Typography.Paragraph>
        <Form.List name="tasks">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'key']} rules={[{ required: true, pattern: /^[a-z0-9_]{1,40}$/ }]}>
                    <Input placeholder={t('maintenance.key')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true }]}>
                    <Input placeholder={t('maintenance.label')} style={{ width: 320 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                    <Select
                      placeholder={t('maintenance.kind')}
                      style={{ width: 150 }}
                      options={TASK_KINDS.map((k) => ({ value: k, label: t(`maintenance.kinds.${k}`) }))}
                    />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'clean' })} data-testid="mt-add-task">
                {t('maintenance.addTask')}
              </Button>
            </>
          )}
        </Form.List>

        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('maintenance.checks')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('maintenance.rangeHint')}</Typography.Paragraph>
        <Form.List name="checks">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'key']} rules={[{ required: true, pattern: /^[a-z0-9_]{1,40}$/ }]}>
                    <Input placeholder={t('maintenance.key')} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true }]}>
                    <Input placeholder={t('maintenance.label')} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'unit']}>
                    <Input placeholder={t('maintenance.unit')} style={{ width: 70 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'min']}>
                    <InputNumber placeholder={t('maintenance.min')} style={{ width: 90 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'max']}>
                    <InputNumber placeholder={t('maintenance.max')} style={{ width: 90 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'expected']}>
                    <Input placeholder={t('maintenance.expected')} style={{ width: 200 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} data-testid="mt-add-check">
                {t('maintenance.addCheck')}
              </Button>
            </>
          )}
        </Form.List>

        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('maintenance.partsKit')}
        </Typography.Title>
        <Form.List name="partsKit">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'partCode']} rules={[{ required: true }]}>
                    <PartCodeSelect data-testid="mt-part" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'qty']} rules={[{ required: true }]}>
                    <InputNumber min={1} max={999} precision={0} placeholder={t('maintenance.qty')} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ qty: 1 })} data-testid="mt-add-part">
                {t('maintenance.addPart')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

export function MaintenanceTemplatesPage() {
  const { t } = useTranslation();
  const canManage = useAbility('maintenance.manage');
  const [q, setQ] = useState('');
  const [modelId, setModelId] = useState<string | undefined>();
  const [category, setCategory] = useState<Category | undefined>();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<MaintenanceTemplate | 'new' | null>(null);
  const list = useMaintenanceTemplates({ q: q || undefined, modelId, category, page, pageSize: 20 });

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="maintenance-templates">
      <PageTitle>{t('maintenance.menu.templates')}</PageTitle>
      <Card size="small">
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('maintenance.search')}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            style={{ width: 260 }}
            data-testid="mt-search"
          />
          <ModelSelect
            placeholder={t('maintenance.filterModel')}
            value={modelId}
            onChange={(v) => {
              setModelId(v ?? undefined);
              setPage(1);
            }}
            style={{ width: 240 }}
          />
          <EnumSelect
            ns="model.categories"
            values={ENUMS.categories}
            placeholder={t('maintenance.filterCategory')}
            value={category}
            onChange={(v) => {
              setCategory((v ?? undefined) as Category | undefined);
              setPage(1);
            }}
            style={{ width: 180 }}
          />
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="mt-new">
              {t('maintenance.create')}
            </Button>
          )}
        </Space>
      </Card>
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        onRow={(r) => ({ onClick: () => canManage && setEditing(r), style: canManage ? { cursor: 'pointer' } : undefined })}
        expandable={{
          expandedRowRender: (r) => (
            <Space direction="vertical" size="small">
              <div>
                {r.tasks.map((task) => (
                  <Tag key={task.key}>
                    {t(`maintenance.kinds.${task.kind}`)} · {task.label}
                  </Tag>
                ))}
              </div>
              <div>
                {r.checks.map((c) => (
                  <Tag color="blue" key={c.key}>
                    {c.label} {c.expected ?? `${c.min ?? '…'}–${c.max ?? '…'} ${c.unit ?? ''}`}
                  </Tag>
                ))}
              </div>
              <div>
                {r.partsKit.map((k) => (
                  <Tag color="gold" key={k.partCode}>
                    {k.partName ?? k.partCode} × {k.qty}
                  </Tag>
                ))}
              </div>
            </Space>
          ),
        }}
        columns={[
          { title: t('maintenance.name'), dataIndex: 'name' },
          {
            title: t('maintenance.scope'),
            key: 'scope',
            render: (_, r) => (r.modelId ? `${r.modelName} (${r.modelCode})` : <Tag>{t(`model.categories.${r.category}`)}</Tag>),
          },
          { title: t('maintenance.intervalShort'), dataIndex: 'intervalMonths', render: (n: number) => t('maintenance.months', { n }) },
          {
            title: t('maintenance.estimatedMinutes'),
            key: 'dur',
            render: (_, r) => t('maintenance.duration', { est: r.estimatedMinutes, min: r.minOnSiteMinutes }),
          },
          { title: t('maintenance.photosRequired'), dataIndex: 'photosRequired' },
          { title: t('maintenance.tasks'), key: 'counts', render: (_, r) => t('maintenance.counts', { tasks: r.tasks.length, checks: r.checks.length }) },
        ]}
      />
      {editing && <TemplateEditor record={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}
