// A customer with its departments, sites (region class drives SLA targets), contacts and
// installed devices.
import { AuditOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Form, Input, Space, Spin, type TableColumnsType, Tabs } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api';
import { type Contact, type CustomerChildPath, type Department, type Site, useCustomer, useCustomerChildren } from '../../../api/hooks/customers';
import { type Device, useDevicesOf } from '../../../api/hooks/devices';
import { useAbility } from '../../../auth';
import { LoadFailed } from '../../../components/LoadFailed';
import { PageTitle } from '../../../components/PageTitle';
import { DepartmentSelect, ENUMS, EnumSelect, EnumTag } from '../../../components/pickers';
import { RecordForm, useDelete } from '../../../components/RecordForm';
import { StaticTable } from '../../../components/StaticTable';
import { KeyAccountCard } from '../../care/visit-plans/KeyAccountCard';
import { CustomerFields } from '../customers/CustomersPage';

type Child = Department | Site | Contact;

function ChildTable({
  endpoint,
  customerId,
  columns,
  fields,
  title,
  testId,
  editable,
  invalidates,
}: {
  endpoint: CustomerChildPath;
  customerId: string;
  columns: TableColumnsType<Child>;
  fields: ReactNode;
  title: string;
  testId: string;
  editable: boolean;
  /** Other resources showing these rows' names (a device shows its department and site). */
  invalidates?: readonly string[];
}) {
  const { t } = useTranslation();
  const del = useDelete();
  const canDelete = useAbility('customers.delete');
  const [editing, setEditing] = useState<Child | null | 'new'>(null);
  const list = useCustomerChildren(endpoint, customerId);
  const actions: TableColumnsType<Child> = editable
    ? [
        {
          key: 'actions',
          title: t('common.actions'),
          render: (_, r) => (
            <Space>
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={t('common.edit')} />
              {canDelete && (
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => del(endpoint, r, undefined, invalidates)}
                  aria-label={t('common.delete')}
                />
              )}
            </Space>
          ),
        },
      ]
    : [];
  return (
    <>
      {editable && (
        <Button data-testid={`${testId}-create`} icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing('new')}>
          {t('common.create')}
        </Button>
      )}
      <StaticTable<Child> data-testid={`${testId}-table`} loading={list.isFetching} dataSource={list.data?.items ?? []} columns={[...columns, ...actions]} />
      <RecordForm
        testId={testId}
        open={editing !== null}
        title={title}
        endpoint={endpoint}
        record={editing === 'new' ? null : editing}
        toBody={(v) => (editing === 'new' ? { ...v, customerId } : v)}
        invalidates={invalidates}
        onClose={() => setEditing(null)}
      >
        {() => fields}
      </RecordForm>
    </>
  );
}

export function CustomerDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const canEdit = useAbility('customers.update');
  const canDelete = useAbility('customers.delete');
  const canAudit = useAbility('audit.read');
  const del = useDelete();
  const [editing, setEditing] = useState(false);
  const q = useCustomer(id);
  const devices = useDevicesOf(id);

  if (q.isLoading) return <Spin />;
  if (q.error || !q.data) return <LoadFailed error={q.error} text={q.error instanceof ApiError ? q.error.problem.detail : String(q.error)} back="/customers" />;
  const c = q.data;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="customer-detail">
      <Card
        title={
          <PageTitle>
            {c.name} <EnumTag ns="customer.kinds" value={c.kind} />
          </PageTitle>
        }
        extra={
          <Space wrap>
            {canAudit && (
              <Button icon={<AuditOutlined />} onClick={() => navigate(`/audit?entityId=${c.id}`)}>
                {t('audit.history')}
              </Button>
            )}
            {canEdit && (
              <Button data-testid="customer-edit" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
            {canDelete && (
              <Button danger icon={<DeleteOutlined />} onClick={() => del('/api/v1/customers', c, () => navigate('/customers'))}>
                {t('common.delete')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('common.code')}>{c.code}</Descriptions.Item>
          <Descriptions.Item label={t('customer.grade')}>{c.grade ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customer.city')}>{[c.province, c.city].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('common.address')}>{c.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('common.phone')}>{c.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('common.notes')}>{c.notes ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <KeyAccountCard customerId={c.id} />
      <Card>
        <Tabs
          items={[
            {
              key: 'devices',
              label: `${t('customer.devices')} (${devices.data?.total ?? 0})`,
              children: (
                <StaticTable<Device>
                  data-testid="customer-devices-table"
                  loading={devices.isFetching}
                  dataSource={devices.data?.items ?? []}
                  columns={[
                    { dataIndex: 'serialNumber', title: t('device.serialNumber'), render: (v, r) => <Link to={`/devices/${r.id}`}>{v}</Link> },
                    { dataIndex: 'modelName', title: t('device.model') },
                    { dataIndex: 'departmentName', title: t('device.department') },
                    { dataIndex: 'status', title: t('device.status'), render: (v) => <EnumTag ns="device.statuses" value={v} /> },
                    { key: 'coverage', title: t('device.coverage'), render: (_, r) => <EnumTag ns="device.coverages" value={r.coverage.category} /> },
                  ]}
                />
              ),
            },
            {
              key: 'departments',
              label: t('customer.departments'),
              children: (
                <ChildTable
                  testId="department"
                  endpoint="/api/v1/departments"
                  invalidates={['devices']}
                  customerId={c.id}
                  title={t('customer.department')}
                  editable={canEdit}
                  columns={[
                    { dataIndex: 'name', title: t('common.name') },
                    { dataIndex: 'phone', title: t('common.phone') },
                  ]}
                  fields={
                    <>
                      <Form.Item name="name" label={t('common.name')} rules={[{ required: true, max: 100 }]}>
                        <Input />
                      </Form.Item>
                      <Form.Item name="phone" label={t('common.phone')}>
                        <Input />
                      </Form.Item>
                    </>
                  }
                />
              ),
            },
            {
              key: 'sites',
              label: t('customer.sites'),
              children: (
                <ChildTable
                  testId="site"
                  endpoint="/api/v1/sites"
                  invalidates={['devices']}
                  customerId={c.id}
                  title={t('customer.sites')}
                  editable={canEdit}
                  columns={[
                    { dataIndex: 'name', title: t('common.name') },
                    { dataIndex: 'regionClass', title: t('customer.regionClass'), render: (v) => <EnumTag ns="customer.regions" value={String(v)} /> },
                    { dataIndex: 'address', title: t('common.address') },
                  ]}
                  fields={
                    <>
                      <Form.Item name="name" label={t('common.name')} rules={[{ required: true, max: 100 }]}>
                        <Input />
                      </Form.Item>
                      <Form.Item name="regionClass" label={t('customer.regionClass')} initialValue="urban" rules={[{ required: true }]}>
                        <EnumSelect ns="customer.regions" values={ENUMS.regions} allowClear={false} />
                      </Form.Item>
                      <Form.Item name="address" label={t('common.address')}>
                        <Input />
                      </Form.Item>
                    </>
                  }
                />
              ),
            },
            {
              key: 'contacts',
              label: t('customer.contacts'),
              children: (
                <ChildTable
                  testId="contact"
                  endpoint="/api/v1/contacts"
                  customerId={c.id}
                  title={t('customer.contacts')}
                  editable={canEdit}
                  columns={[
                    { dataIndex: 'name', title: t('common.name') },
                    { dataIndex: 'title', title: t('customer.contactTitle') },
                    { dataIndex: 'phone', title: t('common.phone') },
                    { dataIndex: 'email', title: t('customer.email') },
                  ]}
                  fields={
                    <>
                      <Form.Item name="name" label={t('common.name')} rules={[{ required: true, max: 100 }]}>
                        <Input />
                      </Form.Item>
                      <Form.Item name="departmentId" label={t('customer.department')}>
                        <DepartmentSelect customerId={c.id} />
                      </Form.Item>
                      <Form.Item name="title" label={t('customer.contactTitle')}>
                        <Input />
                      </Form.Item>
                      <Form.Item name="phone" label={t('common.phone')}>
                        <Input />
                      </Form.Item>
                      <Form.Item name="email" label={t('customer.email')} rules={[{ type: 'email' }]}>
                        <Input />
                      </Form.Item>
                    </>
                  }
                />
              ),
            },
          ]}
        />
      </Card>
      <RecordForm testId="customer" open={editing} title={t('customer.title')} endpoint="/api/v1/customers" record={c} onClose={() => setEditing(false)}>
        {() => <CustomerFields />}
      </RecordForm>
    </Space>
  );
}
