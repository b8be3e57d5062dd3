import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Part, Supplier, Warehouse } from '../../../api/hooks/parts';
import { useAbility } from '../../../auth';
import { ListPage } from '../../../components/ListPage';
import { EnumSelect, ModelSelect, UnitSelect } from '../../../components/pickers';
import { actionsColumn, CreateButton, RecordForm, useEditor } from '../../../components/RecordForm';
import { PartsTag } from '../partsPickers';
import { UserSelectForVan } from './components/UserSelectForVan';

const TRACKING = ['none', 'lot', 'serial'] as const;
const KINDS = ['central', 'emergency', 'van'] as const;

const partToForm = (r: Part) => ({ ...r });
const partToBody = (v: Record<string, unknown>) => ({ ...v, unitCost: String(v.unitCost ?? '0').trim() || '0', modelIds: v.modelIds ?? [] });

export function PartsCatalogPage() {
  const { t } = useTranslation();
  const canEdit = useAbility('catalog.update');
  const ed = useEditor<Part>();
  return (
    <>
      <ListPage
        testId="parts-catalog"
        title={t('parts.menu.catalog')}
        endpoint="/api/v1/parts/catalog"
        exportEndpoint="/api/v1/parts/catalog/export"
        exportName="parts.xlsx"
        filterKeys={['tracking']}
        filters={({ bind }) => (
          <EnumSelect ns="parts.trackings" values={TRACKING} placeholder={t('parts.tracking')} {...bind('tracking')} style={{ width: 150 }} />
        )}
        extra={canEdit && <CreateButton testId="part-create" onClick={ed.create} />}
        columns={[
          { key: 'code', dataIndex: 'code', title: t('parts.code'), sorter: true },
          { key: 'name', dataIndex: 'name', title: t('parts.name'), sorter: true },
          { key: 'spec', dataIndex: 'spec', title: t('parts.spec') },
          { key: 'unit', dataIndex: 'unit', title: t('parts.unit') },
          { key: 'unitCost', dataIndex: 'unitCost', title: t('parts.unitCost'), align: 'right' },
          { key: 'minStock', dataIndex: 'minStock', title: t('parts.minStock'), align: 'right', sorter: true },
          { key: 'emergencyLevel', dataIndex: 'emergencyLevel', title: t('parts.emergencyLevel'), align: 'right' },
          { key: 'tracking', dataIndex: 'tracking', title: t('parts.tracking'), render: (v) => t(`parts.trackings.${v}`) },
          ...actionsColumn<Part>({ t, prefix: 'part', testKey: (r) => r.code, onEdit: canEdit ? ed.edit : undefined }),
        ]}
      />
      <RecordForm<Part>
        testId="part"
        open={ed.open}
        record={ed.editing}
        title={t('parts.part')}
        endpoint="/api/v1/parts/catalog"
        toForm={partToForm}
        toBody={partToBody}
        width={720}
        onClose={ed.close}
      >
        {() => (
          <>
            <Row gutter={12}>
              <Col xs={24} sm={8}>
                <Form.Item name="code" label={t('parts.code')} rules={[{ required: true, whitespace: true, max: 50 }]}>
                  <Input data-testid="part-code" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={16}>
                <Form.Item name="name" label={t('parts.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
                  <Input data-testid="part-name" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="spec" label={t('parts.spec')} rules={[{ max: 500 }]}>
              <Input />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={12} sm={6}>
                <Form.Item name="unit" label={t('parts.unit')} initialValue="个" rules={[{ required: true, max: 20 }]}>
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name="unitCost" label={t('parts.unitCost')} initialValue="0" rules={[{ pattern: /^\s*\d{1,12}(\.\d{1,2})?\s*$/ }]}>
                  <Input inputMode="decimal" />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name="minStock" label={t('parts.minStock')} initialValue={0}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name="emergencyLevel" label={t('parts.emergencyLevel')} initialValue={0}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col xs={24} sm={8}>
                <Form.Item name="tracking" label={t('parts.tracking')} initialValue="none">
                  <Select options={TRACKING.map((k) => ({ value: k, label: t(`parts.trackings.${k}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={16}>
                <Form.Item name="modelIds" label={t('parts.models')} initialValue={[]}>
                  <ModelSelect mode="multiple" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="active" label={t('parts.active')} valuePropName="checked" initialValue={true}>
              <Switch />
            </Form.Item>
          </>
        )}
      </RecordForm>
    </>
  );
}

export function SuppliersPage() {
  const { t } = useTranslation();
  const canEdit = useAbility('catalog.update');
  const ed = useEditor<Supplier>();
  return (
    <>
      <ListPage
        testId="suppliers"
        title={t('parts.menu.suppliers')}
        endpoint="/api/v1/parts/suppliers"
        extra={canEdit && <CreateButton testId="supplier-create" onClick={ed.create} />}
        columns={[
          { key: 'code', dataIndex: 'code', title: t('parts.code'), sorter: true },
          { key: 'name', dataIndex: 'name', title: t('parts.name'), sorter: true },
          { key: 'contactName', dataIndex: 'contactName', title: t('parts.contact') },
          { key: 'phone', dataIndex: 'phone', title: t('common.phone') },
          ...actionsColumn<Supplier>({ t, prefix: 'supplier', onEdit: canEdit ? ed.edit : undefined }),
        ]}
      />
      <RecordForm<Supplier>
        testId="supplier"
        open={ed.open}
        record={ed.editing}
        title={t('parts.supplier')}
        endpoint="/api/v1/parts/suppliers"
        onClose={ed.close}
      >
        {() => (
          <>
            <Form.Item name="code" label={t('parts.code')} rules={[{ required: true, whitespace: true, max: 50 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="name" label={t('parts.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="contactName" label={t('parts.contact')} rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="phone" label={t('common.phone')} rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="notes" label={t('common.notes')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
      </RecordForm>
    </>
  );
}

export function WarehousesPage() {
  const { t } = useTranslation();
  const canEdit = useAbility('catalog.update');
  const ed = useEditor<Warehouse>();
  return (
    <>
      <ListPage
        testId="warehouses"
        title={t('parts.menu.warehouses')}
        endpoint="/api/v1/parts/warehouses"
        filterKeys={['kind']}
        filters={({ bind }) => <EnumSelect ns="parts.warehouseKinds" values={KINDS} placeholder={t('parts.kind')} {...bind('kind')} style={{ width: 150 }} />}
        extra={canEdit && <CreateButton testId="warehouse-create" onClick={ed.create} />}
        columns={[
          { key: 'code', dataIndex: 'code', title: t('parts.code'), sorter: true },
          { key: 'name', dataIndex: 'name', title: t('parts.name'), sorter: true },
          { key: 'kind', dataIndex: 'kind', title: t('parts.kind'), sorter: true, render: (v) => <PartsTag ns="warehouseKinds" value={v} /> },
          { key: 'active', dataIndex: 'active', title: t('parts.active'), render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
          ...actionsColumn<Warehouse>({ t, prefix: 'warehouse', onEdit: canEdit ? ed.edit : undefined }),
        ]}
      />
      <RecordForm<Warehouse>
        testId="warehouse"
        open={ed.open}
        record={ed.editing}
        title={t('parts.warehouse')}
        endpoint="/api/v1/parts/warehouses"
        toBody={(v) => ({ ...v, ownerId: v.kind === 'van' ? v.ownerId : null })}
        onClose={ed.close}
      >
        {(form) => (
          <>
            <Form.Item name="code" label={t('parts.code')} rules={[{ required: true, whitespace: true, max: 50 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="name" label={t('parts.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="kind" label={t('parts.kind')} initialValue="central" rules={[{ required: true }]}>
              <Select options={KINDS.map((k) => ({ value: k, label: t(`parts.warehouseKinds.${k}`) }))} />
            </Form.Item>
            <Form.Item noStyle dependencies={['kind']}>
              {() =>
                form.getFieldValue('kind') === 'van' && (
                  <Form.Item name="ownerId" label={t('parts.owner')} rules={[{ required: true }]}>
                    <UserSelectForVan />
                  </Form.Item>
                )
              }
            </Form.Item>
            <Form.Item name="unitId" label={t('units.unit')}>
              <UnitSelect data-testid="warehouse-unit" />
            </Form.Item>
            <Form.Item name="active" label={t('parts.active')} valuePropName="checked" initialValue={true}>
              <Switch />
            </Form.Item>
          </>
        )}
      </RecordForm>
    </>
  );
}
