// 工程师档案 (R-DSP-2 inputs): engineers, technicians and experts with the models and device
// types they know, the areas they cover, home base and whether they take dispatches. Managers
// and administrators edit; customer service reads them to choose.
import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Select, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type EngineerProfile, useSaveEngineerProfile } from '../../../../api/hooks/engineerProfiles';
import { useAbility } from '../../../../auth';
import { Dialog } from '../../../../components/Dialog';
import { ListPage } from '../../../../components/ListPage';
import { ENUMS, EnumSelect, ModelSelect } from '../../../../components/pickers';
import { saveErrorText } from '../../common';
import { applyNested } from '../forms';

export function EngineerProfilesPage() {
  const { t } = useTranslation();
  const k = (s: string) => t(`svcAdmin.eng.${s}`);
  const canEdit = useAbility('engineerProfiles.update');
  const [editing, setEditing] = useState<EngineerProfile | null>(null);
  return (
    <>
      <ListPage
        title={k('title')}
        endpoint="/api/v1/engineer-profiles"
        testId="engineers"
        rowKey="userId"
        filterKeys={['active', 'category', 'modelId']}
        filters={({ bind }) => (
          <>
            <Select
              allowClear
              placeholder={k('active')}
              style={{ width: 120 }}
              {...bind('active')}
              options={[
                { value: 'true', label: t('common.yes') },
                { value: 'false', label: t('common.no') },
              ]}
            />
            <EnumSelect ns="model.categories" values={ENUMS.categories} placeholder={k('categories')} style={{ width: 160 }} {...bind('category')} />
            <ModelSelect placeholder={k('models')} style={{ width: 200 }} {...bind('modelId')} />
          </>
        )}
        columns={[
          { key: 'displayName', dataIndex: 'displayName', title: k('name'), sorter: true },
          { key: 'username', dataIndex: 'username', title: k('username'), sorter: true },
          { dataIndex: 'roles', title: k('roles'), render: (r: string[]) => r.map((x) => t(`user.roleNames.${x}`, { defaultValue: x })).join('、') },
          { key: 'models', title: k('models'), render: (_: unknown, p) => p.models.map((m) => <Tag key={m.id}>{m.name}</Tag>) },
          {
            key: 'categories',
            title: k('categories'),
            render: (_: unknown, p) => p.categories.map((c) => t(`model.categories.${c}`, { defaultValue: c })).join('、'),
          },
          { key: 'areas', title: k('areas'), render: (_: unknown, p) => p.areas.join('、') },
          { dataIndex: 'homeBase', title: k('homeBase') },
          { key: 'openLoad', dataIndex: 'openLoad', title: k('openLoad'), sorter: true },
          {
            key: 'active',
            title: k('active'),
            render: (_: unknown, p) => (
              <Space size={4} wrap>
                {p.version === 0 ? <Tag>{k('notSaved')}</Tag> : <Tag color={p.active ? 'green' : 'default'}>{p.active ? t('common.yes') : t('common.no')}</Tag>}
                {!p.userActive && <Tag color="red">{k('accountInactive')}</Tag>}
              </Space>
            ),
          },
          ...(canEdit
            ? [
                {
                  key: 'edit',
                  title: t('common.actions'),
                  render: (_: unknown, p: EngineerProfile) => (
                    <Button data-testid={`engineer-edit-${p.username}`} size="small" icon={<EditOutlined />} onClick={() => setEditing(p)}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <ProfileForm profile={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function ProfileForm({ profile, onClose }: { profile: EngineerProfile; onClose: () => void }) {
  const { t } = useTranslation();
  const k = (s: string) => t(`svcAdmin.eng.${s}`);
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const saveProfile = useSaveEngineerProfile();

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    saveProfile.mutate(
      {
        userId: profile.userId,
        version: profile.version,
        modelIds: v.modelIds ?? [],
        categories: v.categories ?? [],
        areas: ((v.areas as string[] | undefined) ?? []).map((a) => a.trim()).filter(Boolean),
        homeBase: v.homeBase?.trim() || null,
        active: !!v.active,
        notes: v.notes?.trim() || null,
      },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onClose();
        },
        onError: (e) => applyNested(form, e),
      },
    );
  };
  const error = saveProfile.error;

  return (
    <Dialog
      open
      title={`${k('edit')} · ${profile.displayName}`}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saveProfile.isPending}
      width={640}
      okTestId="engineer-save"
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="engineer-form"
        initialValues={{
          modelIds: profile.modelIds,
          categories: profile.categories,
          areas: profile.areas,
          homeBase: profile.homeBase ?? '',
          active: profile.version === 0 ? true : profile.active,
          notes: profile.notes ?? '',
        }}
      >
        <Form.Item name="modelIds" label={k('models')}>
          {/* Selected models stay labelled even when not in the current search page. */}
          <ModelSelect
            data-testid="engineer-models"
            mode="multiple"
            labelRender={({ value, label }) => label ?? profile.models.find((m) => m.id === value)?.name ?? String(value)}
          />
        </Form.Item>
        <Form.Item name="categories" label={k('categories')}>
          <EnumSelect data-testid="engineer-categories" mode="multiple" ns="model.categories" values={ENUMS.categories} />
        </Form.Item>
        <Form.Item name="areas" label={k('areas')} extra={k('areasHint')}>
          <Select data-testid="engineer-areas" mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
        </Form.Item>
        <Space wrap align="start" size={16}>
          <Form.Item name="homeBase" label={k('homeBase')} rules={[{ max: 50 }]}>
            <Input data-testid="engineer-home" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="active" label={k('active')} valuePropName="checked">
            <Switch data-testid="engineer-active" />
          </Form.Item>
        </Space>
        <Form.Item name="notes" label={k('notes')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={saveErrorText(error, t)} data-testid="engineer-error" />}
    </Dialog>
  );
}
