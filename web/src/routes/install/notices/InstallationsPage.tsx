// 安装通知 (R-IN-1, issue 12 item 2): the list with search, status and handover-overdue filters and
// paging (cards on a phone), and the notice form for sales / customer service — a registered unit,
// or one registered now from its serial/UDI and model.
import { Button, Card, DatePicker, Form, Grid, Input, List, Modal, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type InstallationListItem, useCreateNotice, useInstallations } from '../../../api/hooks/installations';
import { useMe } from '../../../auth';
import { businessToday } from '../../../businessDay';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { CustomerSelect, DeviceSelect, ModelSelect } from '../../../components/pickers';
import { useProblem } from '../../care/common';

export const INSTALLATION_STATUSES = [
  'notified',
  'site_check_failed',
  'site_checked',
  'installing',
  'commissioned',
  'accepted',
  'handed_over',
  'cancelled',
] as const;
type Status = (typeof INSTALLATION_STATUSES)[number];
const COLOR: Record<Status, string> = {
  notified: 'default',
  site_check_failed: 'red',
  site_checked: 'blue',
  installing: 'processing',
  commissioned: 'gold',
  accepted: 'green',
  handed_over: 'cyan',
  cancelled: 'default',
};

export function InstallationStatusTag({ value }: { value: Status }) {
  const { t } = useTranslation();
  return <Tag color={COLOR[value]}>{t(`install.status.${value}`)}</Tag>;
}

export function InstallationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const problem = useProblem();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const status = (params.get('status') ?? undefined) as Status | undefined;
  const overdue = params.get('handoverOverdue') === 'true';
  const page = Number(params.get('page') ?? 1);
  const list = useInstallations({ q: params.get('q') || undefined, status, handoverOverdue: overdue ? 'true' : undefined, page, pageSize: 20 });
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next);
  };
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const customerId = Form.useWatch('customerId', form);
  const mode = Form.useWatch('mode', form) ?? 'registered';
  const create = useCreateNotice();

  const submit = async () => {
    const v = await validFields(form);
    if (!v) return;
    create.mutate(
      {
        customerId: v.customerId,
        siteAddress: v.siteAddress,
        plannedDate: v.plannedDate.format('YYYY-MM-DD'),
        salesContact: v.salesContact,
        notes: v.notes ?? null,
        ...(v.mode === 'new' ? { device: { serialNumber: v.serialNumber, udi: v.udi ?? null, modelId: v.modelId } } : { deviceId: v.deviceId }),
      },
      {
        onSuccess: (r) => {
          setCreating(false);
          form.resetFields();
          navigate(`/installations/${r.id}`);
        },
        onError: problem,
      },
    );
  };

  const items = list.data?.items ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="installations">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('install.menu.notices')}</PageTitle>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('common.searchPlaceholder')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => set('q', v || undefined)}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 160 }}
            value={status}
            onChange={(v) => set('status', v)}
            options={INSTALLATION_STATUSES.map((s) => ({ value: s, label: t(`install.status.${s}`) }))}
          />
          <Space>
            <Switch checked={overdue} onChange={(c) => set('handoverOverdue', c ? 'true' : undefined)} />
            {t('install.overdueOnly')}
          </Space>
          {me.abilities['installations.notify'] && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('install.newNotice')}
            </Button>
          )}
        </Space>
      </Space>
      {screens.md ? (
        <Table<InstallationListItem>
          rowKey="id"
          loading={list.isLoading}
          dataSource={items}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: (p) => set('page', String(p)) }}
          columns={[
            { title: t('install.number'), dataIndex: 'number', render: (v, r) => <Link to={`/installations/${r.id}`}>{v}</Link> },
            {
              title: t('install.state'),
              dataIndex: 'status',
              render: (v: Status, r) => (
                <>
                  <InstallationStatusTag value={v} />
                  {r.handoverOverdue && <Tag color="red">{t('install.overdue')}</Tag>}
                </>
              ),
            },
            { title: t('install.customer'), dataIndex: 'customerName' },
            { title: t('install.model'), dataIndex: 'modelName' },
            { title: t('install.serial'), dataIndex: 'serialNumber' },
            { title: t('install.planned'), dataIndex: 'plannedDate' },
            { title: t('install.engineer'), dataIndex: 'engineerName' },
            { title: t('install.handoverDue'), dataIndex: 'handoverDueOn' },
          ]}
        />
      ) : (
        <List
          loading={list.isLoading}
          dataSource={items}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: (p) => set('page', String(p)), simple: true }}
          renderItem={(r) => (
            <Card size="small" style={{ marginBottom: 8 }} onClick={() => navigate(`/installations/${r.id}`)}>
              <Space direction="vertical" size={2}>
                <Space wrap>
                  <Typography.Text strong>{r.number}</Typography.Text>
                  <InstallationStatusTag value={r.status} />
                  {r.handoverOverdue && <Tag color="red">{t('install.overdue')}</Tag>}
                </Space>
                <Typography.Text>{r.customerName}</Typography.Text>
                <Typography.Text type="secondary">
                  {r.modelName} · {r.serialNumber} · {r.plannedDate}
                </Typography.Text>
              </Space>
            </Card>
          )}
        />
      )}
      <Modal open={creating} title={t('install.newNotice')} onCancel={() => setCreating(false)} onOk={submit} confirmLoading={create.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ mode: 'registered', plannedDate: businessToday().add(3, 'day') }}>
          <Form.Item name="customerId" label={t('install.customer')} rules={[{ required: true }]}>
            <CustomerSelect />
          </Form.Item>
          <Form.Item name="mode">
            <Radio.Group
              options={[
                { value: 'registered', label: t('install.registered') },
                { value: 'new', label: t('install.newDevice') },
              ]}
            />
          </Form.Item>
          {mode === 'new' ? (
            <>
              <Form.Item name="modelId" label={t('install.model')} rules={[{ required: true }]}>
                <ModelSelect />
              </Form.Item>
              <Form.Item name="serialNumber" label={t('install.serial')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="udi" label={t('install.udi')}>
                <Input />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="deviceId" label={t('install.device')} rules={[{ required: true }]}>
              <DeviceSelect customerId={customerId} />
            </Form.Item>
          )}
          <Form.Item name="siteAddress" label={t('install.site')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="plannedDate" label={t('install.planned')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="salesContact" label={t('install.sales')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="notes" label={t('install.notes')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
