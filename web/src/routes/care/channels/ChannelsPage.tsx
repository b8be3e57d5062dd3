// 通知渠道: my own preferences (everyone); SMTP, WeCom/DingTalk group robots and the outbox
// (admin). The delivery guarantee is stated on the page.
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ChannelEndpoint,
  type ChannelOutboxRow,
  useAddEndpoint,
  useChannelSettings,
  useEndpoints,
  useOutbox,
  usePreferences,
  useSaveChannelSettings,
  useSavePreferences,
  useUpdateEndpoint,
} from '../../../api/hooks/channels';
import { useMe } from '../../../auth';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { fmt, useProblem } from '../common';

const KINDS = [
  'followup_due',
  'followup_escalated',
  'followup_approved',
  'complaint_major',
  'complaint_assigned',
  'complaint_deadline',
  'emergency_request',
  'sla_warning',
  'sla_breach',
  'loaner_needed',
  'work_order_assigned',
  'work_order_returned',
  'request_registered',
  'same_day_missed',
];
/** What a hospital user is told (R-CN-1, issue 10 item 8): the only kinds they can receive. */
const CUSTOMER_KINDS = ['customer_assigned', 'customer_on_site', 'customer_resolved', 'customer_survey', 'customer_archived', 'maintenance_notice'];

function Preferences() {
  const { t } = useTranslation();
  const me = useMe();
  const kinds = me?.customerId ? CUSTOMER_KINDS : KINDS;
  // In words where the kind has a name (issue 10 item 11), the code otherwise.
  const kindLabel = (k: string) => t(`notifyView.kinds.${k}`, { defaultValue: k });
  const problem = useProblem();
  const [form] = Form.useForm();
  const q = usePreferences();
  const save = useSavePreferences();
  if (!q.data) return null;
  const version = q.data.version;
  return (
    <Form form={form} layout="vertical" initialValues={q.data} key={q.data.version} style={{ maxWidth: 560 }}>
      <Form.Item name="email" label={t('care.channels.email')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="mutedKinds" label={t('care.channels.muted')}>
        <Select mode="multiple" options={kinds.map((k) => ({ value: k, label: kindLabel(k) }))} />
      </Form.Item>
      <Button
        type="primary"
        loading={save.isPending}
        onClick={async () => {
          const v = await validFields(form);
          if (v) save.mutate({ version, ...v }, { onError: problem });
        }}
      >
        {t('common.save')}
      </Button>
    </Form>
  );
}

function Smtp() {
  const { t } = useTranslation();
  const problem = useProblem();
  const [form] = Form.useForm();
  const q = useChannelSettings();
  const save = useSaveChannelSettings();
  if (!q.data) return null;
  const version = q.data.version;
  return (
    <Form form={form} layout="vertical" initialValues={q.data} key={q.data.version} style={{ maxWidth: 560 }}>
      <Form.Item name="emailEnabled" label={t('care.channels.enabled')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="smtpHost" label={t('care.channels.host')}>
        <Input />
      </Form.Item>
      <Space>
        <Form.Item name="smtpPort" label={t('care.channels.port')} rules={[{ required: true }]}>
          <InputNumber min={1} max={65535} />
        </Form.Item>
        <Form.Item name="smtpSecure" label={t('care.channels.secure')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
      <Form.Item name="smtpUser" label={t('care.channels.user')}>
        <Input />
      </Form.Item>
      <Form.Item name="smtpPassword" label={t('care.channels.password')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="fromAddress" label={t('care.channels.from')}>
        <Input />
      </Form.Item>
      <Button
        type="primary"
        loading={save.isPending}
        onClick={async () => {
          const v = await validFields(form);
          // An empty password field keeps the stored one (it is never sent back to the browser).
          if (v) save.mutate({ ...v, version, smtpPassword: v.smtpPassword ? v.smtpPassword : undefined }, { onError: problem });
        }}
      >
        {t('common.save')}
      </Button>
    </Form>
  );
}

function Robots() {
  const { t } = useTranslation();
  const problem = useProblem();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const q = useEndpoints();
  const add = useAddEndpoint();
  const update = useUpdateEndpoint();
  const toggle = (e: ChannelEndpoint) => update.mutate({ id: e.id, version: e.version, active: !e.active }, { onError: problem });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button onClick={() => setAdding(true)}>{t('care.channels.addRobot')}</Button>
      <div style={{ overflowX: 'auto' }}>
        <Table<ChannelEndpoint>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={q.data?.items ?? []}
          columns={[
            { title: t('care.channels.kind'), dataIndex: 'kind', render: (k) => <Tag>{k === 'wecom' ? '企业微信' : '钉钉'}</Tag> },
            { title: 'Name', dataIndex: 'name' },
            { title: t('care.channels.url'), dataIndex: 'url', ellipsis: true },
            { title: t('care.channels.kinds'), render: (_, e) => e.kinds.join(', ') },
            { title: '', render: (_, e) => <Switch checked={e.active} onChange={() => toggle(e)} /> },
          ]}
        />
      </div>
      <Modal
        open={adding}
        onCancel={() => setAdding(false)}
        destroyOnHidden
        title={t('care.channels.addRobot')}
        confirmLoading={add.isPending}
        onOk={async () => {
          const v = await validFields(form);
          if (!v) return;
          add.mutate(v, {
            onSuccess: () => {
              setAdding(false);
              form.resetFields();
            },
            onError: problem,
          });
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'wecom', kinds: [], locale: 'zh-CN', active: true }}>
          <Form.Item name="kind" label={t('care.channels.kind')}>
            <Select
              options={[
                { value: 'wecom', label: '企业微信 WeCom' },
                { value: 'dingtalk', label: '钉钉 DingTalk' },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" label="Name" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="url" label={t('care.channels.url')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="secret" label={t('care.channels.secret')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="kinds" label={t('care.channels.kinds')}>
            <Select mode="multiple" options={KINDS.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          <Form.Item name="locale" label="Language">
            <Select
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en-US', label: 'English' },
              ]}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function Outbox() {
  const q = useOutbox();
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table<ChannelOutboxRow>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={q.data?.items ?? []}
        columns={[
          { title: '#', dataIndex: 'id' },
          { title: 'Channel', dataIndex: 'channel' },
          { title: 'To', dataIndex: 'target', ellipsis: true },
          { title: 'Subject', dataIndex: 'subject', ellipsis: true },
          { title: 'Status', render: (_, r) => <Tag color={r.status === 'sent' ? 'green' : r.status === 'failed' ? 'red' : 'blue'}>{r.status}</Tag> },
          { title: 'Attempts', dataIndex: 'attempts' },
          { title: 'Error', dataIndex: 'lastError', ellipsis: true },
          { title: 'Created', render: (_, r) => fmt(r.createdAt) },
          { title: 'Sent', render: (_, r) => fmt(r.sentAt) },
        ]}
      />
    </div>
  );
}

export function ChannelsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const admin = me.abilities['channels.admin'];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="channels">
      <PageTitle>{t('care.menu.channels')}</PageTitle>
      <Alert type="info" showIcon title={t('care.channels.guarantee')} />
      <Card size="small">
        <Tabs
          items={[
            { key: 'prefs', label: t('care.channels.prefs'), children: <Preferences /> },
            ...(admin
              ? [
                  { key: 'smtp', label: t('care.channels.smtp'), children: <Smtp /> },
                  { key: 'robots', label: t('care.channels.robots'), children: <Robots /> },
                  { key: 'outbox', label: t('care.channels.outbox'), children: <Outbox /> },
                ]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}
