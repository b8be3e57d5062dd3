import { App, Button, Col, Form, type FormInstance, Input, Result, Row, Select, Space, Switch, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api';
import { type Role, type User, useResetPassword } from '../../../api/hooks/users';
import { useAbility } from '../../../auth';
import { Dialog } from '../../../components/Dialog';
import { ListPage } from '../../../components/ListPage';
import { CustomerSelect, UnitSelect } from '../../../components/pickers';
import { applyFieldErrors, CreateButton, RecordForm } from '../../../components/RecordForm';
import { termValues } from '../../../glossary';

const ENDPOINT = '/api/v1/users';
// The roles in the glossary's order (the contract's enum; a new role fails typecheck here).
const ROLES: Role[] = termValues('role');
/** Editing one's own account changes the signed-in user (name, language). */
const ME = ['me'];
const LOCALES = ['zh-CN', 'en-US'] as const;
const USERNAME = /^[A-Za-z0-9._@-]+$/;

// The form's own roles (the account being edited, not the signed-in user's), mirroring the
// server (users.service assertRoleShape): a hospital user holds that role alone and belongs to
// a hospital; staff accounts belong to none.
const isCustomerUser = (roles: unknown) => Array.isArray(roles) && roles.includes('customer_user');

function toBody(v: Record<string, unknown>): Record<string, unknown> {
  return { ...v, email: v.email || null, phone: v.phone || null, customerId: isCustomerUser(v.roles) ? (v.customerId ?? null) : null };
}

function toForm(u: User): Record<string, unknown> {
  return { displayName: u.displayName, email: u.email, phone: u.phone, roles: u.roles, customerId: u.customerId, locale: u.locale, active: u.active };
}

function UserFields({ form, mode }: { form: FormInstance; mode: 'create' | 'edit' }) {
  const { t } = useTranslation();
  const roles = Form.useWatch('roles', form) as Role[] | undefined;
  const needsCustomer = isCustomerUser(roles);
  return (
    <>
      {mode === 'create' && (
        <Form.Item
          name="username"
          label={t('user.username')}
          rules={[
            { required: true, whitespace: true },
            { min: 3, max: 50, message: t('user.usernamePattern') },
            { pattern: USERNAME, message: t('user.usernamePattern') },
          ]}
        >
          <Input data-testid="user-username" autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name="displayName" label={t('user.displayName')} rules={[{ required: true, whitespace: true, max: 100 }]}>
        <Input data-testid="user-displayName" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="email" label={t('user.email')} rules={[{ type: 'email', max: 200 }]}>
            <Input data-testid="user-email" inputMode="email" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="phone" label={t('common.phone')} rules={[{ max: 50 }]}>
            <Input data-testid="user-phone" inputMode="tel" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="roles"
        label={t('user.roles')}
        rules={[
          { required: true, type: 'array', min: 1 },
          {
            validator: (_, v: Role[] | undefined) =>
              isCustomerUser(v) && (v?.length ?? 0) > 1 ? Promise.reject(new Error(t('user.customerUserAlone'))) : Promise.resolve(),
          },
        ]}
      >
        <Select
          data-testid="user-roles"
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          options={ROLES.map((r) => ({ value: r, label: t(`user.roleNames.${r}`) }))}
          onChange={(v: Role[]) => {
            if (!isCustomerUser(v)) form.setFieldValue('customerId', null);
          }}
        />
      </Form.Item>
      <Form.Item
        name="customerId"
        label={t('user.customer')}
        dependencies={['roles']}
        rules={[{ required: needsCustomer, message: t('user.customerRequired') }]}
      >
        <CustomerSelect data-testid="user-customer" disabled={!needsCustomer} />
      </Form.Item>
      {!needsCustomer && (
        <Form.Item name="unitId" label={t('units.unit')}>
          <UnitSelect data-testid="user-unit" />
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col xs={16} sm={12}>
          <Form.Item name="locale" label={t('user.locale')} initialValue="zh-CN" rules={[{ required: true }]}>
            <Select data-testid="user-locale" options={LOCALES.map((l) => ({ value: l, label: t(`user.locales.${l}`) }))} />
          </Form.Item>
        </Col>
        {mode === 'edit' && (
          <Col xs={8} sm={12}>
            <Form.Item name="active" label={t('user.active')} valuePropName="checked">
              <Switch data-testid="user-active" />
            </Form.Item>
          </Col>
        )}
      </Row>
      {mode === 'create' && (
        <Form.Item name="password" label={t('user.password')} extra={t('user.passwordHint')} rules={[{ required: true, max: 200 }]}>
          <Input.Password data-testid="user-password" autoComplete="new-password" />
        </Form.Item>
      )}
    </>
  );
}

/** Sets a new password for someone else (ends all their sessions). */
function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const reset = useResetPassword();
  const save = async () => {
    if (!user) return;
    let password: string;
    try {
      ({ password } = await form.validateFields());
    } catch {
      return; // the form shows what is missing
    }
    reset.mutate(
      { id: user.id, version: user.version, password },
      {
        onSuccess: () => {
          message.success(t('user.passwordReset'));
          onClose();
        },
        onError: (e) => {
          if (e instanceof ApiError && e.problem.status === 409 && e.problem.code === 'version_conflict') message.error(t('common.conflict'));
          else {
            applyFieldErrors(form, e);
            message.error(e instanceof ApiError ? e.problem.detail : String(e));
          }
        },
      },
    );
  };
  return (
    <Dialog
      open={user !== null}
      title={user ? `${t('user.resetPassword')} · ${user.username}` : t('user.resetPassword')}
      onCancel={onClose}
      onOk={save}
      confirmLoading={reset.isPending}
      okTestId="user-newpw-save"
    >
      <Form form={form} layout="vertical" data-testid="user-newpw-form" preserve={false}>
        <Form.Item name="password" label={t('user.newPassword')} extra={t('user.passwordHint')} rules={[{ required: true, max: 200 }]}>
          <Input.Password data-testid="user-newpw-input" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

function UsersAdmin() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  return (
    <>
      <ListPage
        testId="users"
        title={t('menu.users')}
        endpoint={ENDPOINT}
        filterKeys={['role', 'active']}
        filters={({ bind }) => (
          <>
            <Select
              data-testid="users-filter-role"
              allowClear
              placeholder={t('user.roles')}
              {...bind('role')}
              options={ROLES.map((r) => ({ value: r, label: t(`user.roleNames.${r}`) }))}
              style={{ width: 160 }}
            />
            <Select
              data-testid="users-filter-active"
              allowClear
              placeholder={t('user.active')}
              {...bind('active')}
              options={[
                { value: 'true', label: t('common.yes') },
                { value: 'false', label: t('common.no') },
              ]}
              style={{ width: 110 }}
            />
          </>
        )}
        extra={<CreateButton testId="user-create" onClick={() => setCreating(true)} />}
        columns={[
          { key: 'username', dataIndex: 'username', title: t('user.username'), sorter: true },
          { key: 'displayName', dataIndex: 'displayName', title: t('user.displayName'), sorter: true },
          {
            key: 'roles',
            dataIndex: 'roles',
            title: t('user.roles'),
            render: (roles: Role[]) => (
              <Space size={[0, 4]} wrap>
                {roles.map((r) => (
                  <Tag key={r} color={r === 'admin' ? 'red' : r === 'customer_user' ? 'purple' : undefined}>
                    {t(`user.roleNames.${r}`)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { key: 'customerName', dataIndex: 'customerName', title: t('user.customer') },
          {
            key: 'active',
            dataIndex: 'active',
            title: t('user.active'),
            render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{v ? t('common.yes') : t('common.no')}</Tag>,
          },
          {
            key: 'lastLoginAt',
            dataIndex: 'lastLoginAt',
            title: t('user.lastLoginAt'),
            sorter: true,
            render: (v: string | null) => (v ? <span style={{ whiteSpace: 'nowrap' }}>{dayjs(v).format('YYYY-MM-DD HH:mm')}</span> : ''),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, r: User) => (
              <Space size={0}>
                <Button type="link" size="small" data-testid={`user-edit-${r.username}`} onClick={() => setEditing(r)}>
                  {t('common.edit')}
                </Button>
                <Button type="link" size="small" data-testid={`user-reset-${r.username}`} onClick={() => setResetting(r)}>
                  {t('user.resetPassword')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <RecordForm testId="user" open={creating} title={t('user.title')} endpoint={ENDPOINT} toBody={toBody} onClose={() => setCreating(false)}>
        {(form) => <UserFields form={form} mode="create" />}
      </RecordForm>
      <RecordForm
        testId="user"
        open={editing !== null}
        record={editing}
        title={editing ? `${t('user.title')} · ${editing.username}` : t('user.title')}
        endpoint={ENDPOINT}
        toForm={toForm}
        toBody={toBody}
        invalidates={ME}
        onClose={() => setEditing(null)}
      >
        {(form) => <UserFields form={form} mode="edit" />}
      </RecordForm>
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const allowed = useAbility('users.list');
  if (!allowed) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return <UsersAdmin />;
}
