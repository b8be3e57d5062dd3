// The service manager's installation settings (issue 12 item 2): checklist templates per model or
// device category (site check, commissioning; one line per item "key|label|expected"), and the
// per-accessory warranty terms of a model (seed 003: 穿刺器…2年质保…质保不延长; consumables excluded).
import { Button, Card, Checkbox, Form, Input, InputNumber, Radio, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAccessoryTerms, useAddAccessoryTerm, useInstallationTemplates, useSaveInstallationTemplate } from '../../../api/hooks/installations';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { ModelSelect } from '../../../components/pickers';
import { useProblem } from '../../care/common';

export function InstallationSettingsPage() {
  const { t } = useTranslation();
  const problem = useProblem();
  const templates = useInstallationTemplates();
  const save = useSaveInstallationTemplate();
  const terms = useAccessoryTerms();
  const add = useAddAccessoryTerm();
  const [tForm] = Form.useForm();
  const [aForm] = Form.useForm();
  const scope = Form.useWatch('scope', tForm) ?? 'model';

  const saveTemplate = async () => {
    const v = await validFields(tForm);
    if (!v) return;
    const items = String(v.lines)
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [key, label, expected] = l.split('|').map((x) => x.trim());
        return { key, label: label || key, expected: expected || null };
      });
    save.mutate(
      { kind: v.kind, modelId: scope === 'model' ? v.modelId : null, category: scope === 'category' ? v.category : null, items },
      { onSuccess: () => tForm.resetFields(), onError: problem },
    );
  };
  const addTerm = async () => {
    const v = await validFields(aForm);
    if (!v) return;
    add.mutate(
      { modelId: v.modelId, name: v.name, partNumber: v.partNumber ?? null, months: v.months, consumable: Boolean(v.consumable) },
      { onSuccess: () => aForm.resetFields(), onError: problem },
    );
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="installation-settings">
      <PageTitle>{t('install.menu.settings')}</PageTitle>
      <Card size="small" title={t('install.templates')}>
        <Table
          rowKey="id"
          size="small"
          loading={templates.isLoading}
          dataSource={templates.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('install.kind'), dataIndex: 'kind', render: (v) => (v === 'site_check' ? t('install.siteCheck') : t('install.commissioning')) },
            { title: t('install.scope'), key: 'scope', render: (_, r) => r.category ?? r.modelId },
            { title: t('install.items'), dataIndex: 'items', render: (items: { label: string }[]) => items.map((i) => <Tag key={i.label}>{i.label}</Tag>) },
          ]}
        />
        <Form form={tForm} layout="vertical" initialValues={{ kind: 'site_check', scope: 'model' }} style={{ marginTop: 12 }}>
          <Form.Item name="kind">
            <Radio.Group
              options={[
                { value: 'site_check', label: t('install.siteCheck') },
                { value: 'commissioning', label: t('install.commissioning') },
              ]}
            />
          </Form.Item>
          <Form.Item name="scope">
            <Radio.Group
              options={[
                { value: 'model', label: t('install.model') },
                { value: 'category', label: t('install.category') },
              ]}
            />
          </Form.Item>
          {scope === 'model' ? (
            <Form.Item name="modelId" label={t('install.model')} rules={[{ required: true }]}>
              <ModelSelect />
            </Form.Item>
          ) : (
            <Form.Item name="category" label={t('install.category')} rules={[{ required: true }]}>
              <Input placeholder="linac" />
            </Form.Item>
          )}
          <Form.Item name="lines" label={t('install.items')} extra={t('install.linesHint')} rules={[{ required: true }]}>
            <Input.TextArea rows={6} placeholder={'power|电源（电压、容量、接地）\nshielding|机房屏蔽防护'} />
          </Form.Item>
          <Button type="primary" onClick={saveTemplate} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('install.accessories')}>
        <Table
          rowKey="id"
          size="small"
          loading={terms.isLoading}
          dataSource={terms.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('install.model'), dataIndex: 'modelName' },
            { title: t('install.accessory'), dataIndex: 'name' },
            { title: t('install.months'), dataIndex: 'months' },
            { title: t('install.consumable'), dataIndex: 'consumable', render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('install.accessoryHint')}
        </Typography.Paragraph>
        <Form form={aForm} layout="vertical">
          <Form.Item name="modelId" label={t('install.model')} rules={[{ required: true }]}>
            <ModelSelect />
          </Form.Item>
          <Form.Item name="name" label={t('install.accessory')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="partNumber" label={t('install.partNumber')}>
            <Input />
          </Form.Item>
          <Form.Item name="months" label={t('install.months')} rules={[{ required: true }]}>
            <InputNumber min={0} max={240} />
          </Form.Item>
          <Form.Item name="consumable" valuePropName="checked">
            <Checkbox>{t('install.consumable')}</Checkbox>
          </Form.Item>
          <Button type="primary" onClick={addTerm} loading={add.isPending}>
            {t('common.create')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
