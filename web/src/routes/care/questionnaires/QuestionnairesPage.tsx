// 回访问卷 (R-FU-2): the questionnaires per device category and service type; an admin adds one
// or changes one (sending the version read) with its list of questions.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Checkbox, Form, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api';
import {
  type Label,
  type QuestionItem,
  type QuestionnaireBody,
  type Questionnaire as QuestionnaireRow,
  useQuestionnaires,
  useSaveQuestionnaire,
} from '../../../api/hooks/questionnaires';
import { useMe } from '../../../auth';
import { Dialog } from '../../../components/Dialog';
import { PageTitle } from '../../../components/PageTitle';
import { fieldErrorsThen } from '../../../components/RecordForm';
import { termValues } from '../../../glossary';

const SERVICE_TYPES = ['installation', 'upgrade', 'technical_support', 'repair', 'maintenance', 'warranty_period', 'post_warranty'] as const;
const KINDS = ['text', 'choice', 'quality'] as const;

interface OptionForm {
  value: string;
  zh: string;
  en: string;
}
interface ItemForm {
  key: string;
  zh: string;
  en: string;
  kind: QuestionItem['kind'];
  required?: boolean;
  options?: OptionForm[];
}
interface QnForm {
  code: string;
  name: string;
  deviceCategories: string[];
  serviceTypes: QuestionnaireBody['serviceTypes'];
  active: boolean;
  items: ItemForm[];
}

const toForm = (q: QuestionnaireRow): QnForm => ({
  code: q.code,
  name: q.name,
  deviceCategories: q.deviceCategories,
  serviceTypes: q.serviceTypes,
  active: q.active,
  items: q.items.map((i) => ({
    key: i.key,
    zh: i.label['zh-CN'],
    en: i.label['en-US'],
    kind: i.kind,
    required: i.required ?? false,
    options: (i.options ?? []).map((o) => ({ value: o.value, zh: o.label['zh-CN'], en: o.label['en-US'] })),
  })),
});

const label = (zh: string, en: string): Label => ({ 'zh-CN': zh, 'en-US': en });
const toBody = (v: QnForm): QuestionnaireBody => ({
  code: v.code,
  name: v.name,
  deviceCategories: v.deviceCategories ?? [],
  serviceTypes: v.serviceTypes ?? [],
  active: v.active,
  items: (v.items ?? []).map((i) => ({
    key: i.key,
    label: label(i.zh, i.en),
    kind: i.kind,
    required: !!i.required,
    ...(i.kind === 'text' ? {} : { options: (i.options ?? []).map((o) => ({ value: o.value, label: label(o.zh, o.en) })) }),
  })),
});

const NEW: QnForm = {
  code: '',
  name: '',
  deviceCategories: [],
  serviceTypes: [],
  active: true,
  items: [{ key: '', zh: '', en: '', kind: 'text', required: false, options: [] }],
};

export function QuestionnairesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<QnForm>();
  // null: closed; 'new': adding; a row: changing it.
  const [editing, setEditing] = useState<QuestionnaireRow | 'new' | null>(null);
  const q = useQuestionnaires();
  const saving = useSaveQuestionnaire();
  const admin = me.abilities['followups.rules'];

  const open = (row: QuestionnaireRow | 'new') => {
    form.resetFields();
    form.setFieldsValue(row === 'new' ? NEW : toForm(row));
    setEditing(row);
  };

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !editing) return;
    saving.mutate(
      { editing: editing === 'new' ? null : editing, body: toBody(v) },
      {
        onSuccess: () => setEditing(null),
        onError: fieldErrorsThen(form, (e) => message.error(e instanceof ApiError ? e.problem.detail : String(e))),
      },
    );
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="questionnaires">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <PageTitle>{t('care.menu.questionnaires')}</PageTitle>
        {admin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="qn-new">
            {t('care.qn.add')}
          </Button>
        )}
      </Space>
      <Card size="small">
        <div style={{ overflowX: 'auto' }}>
          <Table<QuestionnaireRow>
            rowKey="id"
            size="small"
            loading={q.isLoading}
            pagination={false}
            dataSource={q.data?.items ?? []}
            onRow={(r) => ({ 'data-testid': `qn-row-${r.code}` }) as React.HTMLAttributes<HTMLElement>}
            expandable={{
              expandedRowRender: (r) => (
                <ol style={{ margin: 0 }}>
                  {r.items.map((i) => (
                    <li key={i.key}>
                      {i.label['zh-CN']} / {i.label['en-US']} <Tag>{t(`care.qn.kinds.${i.kind}`)}</Tag>
                      {i.required && <Tag color="red">{t('care.qn.required')}</Tag>}
                    </li>
                  ))}
                </ol>
              ),
            }}
            columns={[
              { title: t('care.qn.code'), dataIndex: 'code' },
              { title: t('care.qn.name'), dataIndex: 'name' },
              {
                title: t('care.qn.deviceCategories'),
                // Category words from the glossary, not codes (issue 10 item 13).
                render: (_, r) =>
                  r.deviceCategories.length ? r.deviceCategories.map((c) => t(`model.categories.${c}`, { defaultValue: c })).join('、') : t('care.qn.any'),
              },
              {
                title: t('care.qn.serviceTypes'),
                render: (_, r) => (r.serviceTypes.length ? r.serviceTypes.map((s) => t(`care.serviceTypes.${s}`)).join('、') : t('care.qn.any')),
              },
              { title: t('care.qn.items'), render: (_, r) => <span data-testid={`qn-count-${r.code}`}>{r.items.length}</span> },
              {
                title: t('care.qn.active'),
                render: (_, r) => (
                  <Space size={4}>
                    {r.active ? <Tag color="green">{t('care.qn.activeYes')}</Tag> : <Tag>{t('care.qn.activeNo')}</Tag>}
                    <span>v{r.version}</span>
                  </Space>
                ),
              },
              {
                title: '',
                render: (_, r) =>
                  admin ? (
                    <Button size="small" onClick={() => open(r)} data-testid={`qn-edit-${r.code}`}>
                      {t('common.edit')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </div>
      </Card>
      <Dialog
        open={!!editing}
        onCancel={() => setEditing(null)}
        onOk={save}
        confirmLoading={saving.isPending}
        width={860}
        okTestId="qn-save"
        title={editing === 'new' ? t('care.qn.add') : editing ? `${editing.name} · v${editing.version}` : ''}
        destroyOnHidden={false}
      >
        <Form form={form} layout="vertical" data-testid="qn-form">
          <Space wrap>
            <Form.Item name="code" label={t('care.qn.code')} rules={[{ required: true }, { pattern: /^[a-z0-9_-]{2,40}$/ }]}>
              <Input disabled={editing !== 'new'} style={{ width: 180 }} data-testid="qn-code" />
            </Form.Item>
            <Form.Item name="name" label={t('care.qn.name')} rules={[{ required: true, max: 100 }]}>
              <Input style={{ width: 280 }} data-testid="qn-name" />
            </Form.Item>
            <Form.Item name="active" label={t('care.qn.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name="deviceCategories" label={t('care.qn.deviceCategories')} extra={t('care.qn.anyHint')}>
            <Select
              mode="multiple"
              data-testid="qn-device-categories"
              optionFilterProp="label"
              options={termValues('deviceCategory').map((c) => ({ value: c, label: t(`model.categories.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="serviceTypes" label={t('care.qn.serviceTypes')} extra={t('care.qn.anyHint')}>
            <Select mode="multiple" options={SERVICE_TYPES.map((s) => ({ value: s, label: t(`care.serviceTypes.${s}`) }))} />
          </Form.Item>
          <Typography.Text strong>{t('care.qn.items')}</Typography.Text>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, idx) => (
                  <Card key={f.key} size="small" style={{ marginTop: 8 }} data-testid={`qn-item-${idx}`}>
                    <Space wrap align="start">
                      <Form.Item name={[f.name, 'key']} label={t('care.qn.key')} rules={[{ required: true }, { pattern: /^[a-z0-9_]{1,40}$/ }]}>
                        <Input style={{ width: 150 }} data-testid={`qn-item-${idx}-key`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'zh']} label={t('care.qn.labelZh')} rules={[{ required: true, max: 300 }]}>
                        <Input style={{ width: 200 }} data-testid={`qn-item-${idx}-zh`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'en']} label={t('care.qn.labelEn')} rules={[{ required: true, max: 300 }]}>
                        <Input style={{ width: 200 }} data-testid={`qn-item-${idx}-en`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'kind']} label={t('care.qn.kind')} rules={[{ required: true }]}>
                        <Select style={{ width: 120 }} options={KINDS.map((k) => ({ value: k, label: t(`care.qn.kinds.${k}`) }))} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'required']} label=" " valuePropName="checked">
                        <Checkbox>{t('care.qn.required')}</Checkbox>
                      </Form.Item>
                      <Form.Item label=" ">
                        <Button danger type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} disabled={fields.length <= 1} />
                      </Form.Item>
                    </Space>
                    <Form.Item noStyle shouldUpdate>
                      {() =>
                        form.getFieldValue(['items', f.name, 'kind']) === 'text' ? null : (
                          <Form.List
                            name={[f.name, 'options']}
                            rules={[
                              {
                                validator: async (_, v: OptionForm[] | undefined) => {
                                  if ((v?.length ?? 0) < 2) throw new Error(t('care.qn.needOptions'));
                                },
                              },
                            ]}
                          >
                            {(opts, o, { errors }) => (
                              <div style={{ paddingLeft: 16 }}>
                                <div>
                                  <Typography.Text type="secondary">{t('care.qn.options')}</Typography.Text>
                                </div>
                                {opts.map((of) => (
                                  <Space key={of.key} align="baseline" wrap>
                                    <Form.Item name={[of.name, 'value']} rules={[{ required: true }, { pattern: /^[a-z0-9_]{1,40}$/ }]}>
                                      <Input placeholder={t('care.qn.value')} style={{ width: 130 }} />
                                    </Form.Item>
                                    <Form.Item name={[of.name, 'zh']} rules={[{ required: true, max: 300 }]}>
                                      <Input placeholder={t('care.qn.labelZh')} style={{ width: 200 }} />
                                    </Form.Item>
                                    <Form.Item name={[of.name, 'en']} rules={[{ required: true, max: 300 }]}>
                                      <Input placeholder={t('care.qn.labelEn')} style={{ width: 200 }} />
                                    </Form.Item>
                                    <MinusCircleOutlined onClick={() => o.remove(of.name)} />
                                  </Space>
                                ))}
                                <Form.ErrorList errors={errors} />
                                <Button
                                  size="small"
                                  type="dashed"
                                  icon={<PlusOutlined />}
                                  onClick={() => o.add({ value: '', zh: '', en: '' })}
                                  disabled={opts.length >= 10}
                                >
                                  {t('care.qn.addOption')}
                                </Button>
                              </div>
                            )}
                          </Form.List>
                        )
                      }
                    </Form.Item>
                  </Card>
                ))}
                <Button
                  type="dashed"
                  block
                  icon={<PlusOutlined />}
                  style={{ marginTop: 8 }}
                  disabled={fields.length >= 40}
                  onClick={() => add({ key: '', zh: '', en: '', kind: 'text', required: false, options: [] })}
                  data-testid="qn-add-item"
                >
                  {t('care.qn.addItem')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Dialog>
    </Space>
  );
}
