import { Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAbility } from '../../../auth';
import { ListPage } from '../../../components/ListPage';
import { ENUMS, EnumSelect, EnumTag, UnitSelect } from '../../../components/pickers';
import { CreateButton, RecordForm } from '../../../components/RecordForm';

export function CustomerFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="code" label={t('common.code')} rules={[{ required: true, max: 50 }]}>
        <Input data-testid="customer-code" />
      </Form.Item>
      <Form.Item name="name" label={t('common.name')} rules={[{ required: true, max: 200 }]}>
        <Input data-testid="customer-name" />
      </Form.Item>
      <Form.Item name="kind" label={t('customer.kind')} initialValue="hospital" rules={[{ required: true }]}>
        <EnumSelect ns="customer.kinds" values={ENUMS.customerKinds} allowClear={false} />
      </Form.Item>
      <Form.Item name="grade" label={t('customer.grade')}>
        <Input placeholder="三级甲等" />
      </Form.Item>
      <Form.Item name="province" label={t('customer.province')}>
        <Input />
      </Form.Item>
      <Form.Item name="city" label={t('customer.city')}>
        <Input data-testid="customer-city" />
      </Form.Item>
      <Form.Item name="address" label={t('common.address')}>
        <Input />
      </Form.Item>
      <Form.Item name="phone" label={t('common.phone')}>
        <Input />
      </Form.Item>
      <Form.Item name="unitId" label={t('units.unit')}>
        <UnitSelect data-testid="customer-unit" />
      </Form.Item>
      <Form.Item name="notes" label={t('common.notes')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

export function CustomersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canEdit = useAbility('customers.create');
  const [open, setOpen] = useState(false);
  return (
    <>
      <ListPage
        testId="customers"
        title={t('menu.customers')}
        endpoint="/api/v1/customers"
        exportEndpoint="/api/v1/customers/export"
        exportName="customers.xlsx"
        filterKeys={['kind', 'unitId']}
        filters={({ bind }) => (
          <>
            <EnumSelect ns="customer.kinds" values={ENUMS.customerKinds} placeholder={t('customer.kind')} {...bind('kind')} style={{ width: 140 }} />
            <UnitSelect placeholder={t('units.unit')} {...bind('unitId')} style={{ width: 180 }} />
          </>
        )}
        extra={canEdit && <CreateButton testId="customer-create" onClick={() => setOpen(true)} />}
        columns={[
          { key: 'code', dataIndex: 'code', title: t('common.code'), sorter: true, render: (v, r) => <Link to={`/customers/${r.id}`}>{v}</Link> },
          { key: 'name', dataIndex: 'name', title: t('common.name'), sorter: true, render: (v, r) => <Link to={`/customers/${r.id}`}>{v}</Link> },
          { key: 'kind', dataIndex: 'kind', title: t('customer.kind'), render: (v) => <EnumTag ns="customer.kinds" value={v} /> },
          { key: 'grade', dataIndex: 'grade', title: t('customer.grade') },
          { key: 'city', dataIndex: 'city', title: t('customer.city'), sorter: true, render: (v, r) => [r.province, v].filter(Boolean).join(' · ') },
          { key: 'phone', dataIndex: 'phone', title: t('common.phone') },
        ]}
      />
      <RecordForm
        testId="customer"
        open={open}
        title={t('customer.title')}
        endpoint="/api/v1/customers"
        onClose={() => setOpen(false)}
        onSaved={(c) => navigate(`/customers/${c.id}`)}
      >
        {() => <CustomerFields />}
      </RecordForm>
    </>
  );
}
