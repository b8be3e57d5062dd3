import { Col, Form, Input, InputNumber, Row, Select, Switch, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DeviceModel } from '../../../api/hooks/models';
import { useAbility } from '../../../auth';
import { ListPage } from '../../../components/ListPage';
import { ENUMS, EnumSelect, EnumTag } from '../../../components/pickers';
import { actionsColumn, CreateButton, RecordForm, useDelete, useEditor } from '../../../components/RecordForm';

const ENDPOINT = '/api/v1/device-models';
// Regulatory classes I / II / III are the same in every language.
// Form selects filter by their (translated) label when typed into.
const SEARCH = { optionFilterProp: 'label' };
const CLASS_OPTIONS = ENUMS.regulatoryClasses.map((c) => ({ value: c, label: c }));

export function ModelFields() {
  const { t } = useTranslation();
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="code" label={t('common.code')} rules={[{ required: true, whitespace: true, max: 50 }]}>
            <Input data-testid="model-code" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input data-testid="model-name" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="manufacturer" label={t('model.manufacturer')} rules={[{ max: 200 }]}>
        <Input data-testid="model-manufacturer" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="category" label={t('model.category')} rules={[{ required: true }]}>
            <EnumSelect data-testid="model-category" showSearch={SEARCH} ns="model.categories" values={ENUMS.categories} allowClear={false} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="regulatoryClass" label={t('model.regulatoryClass')} rules={[{ required: true }]}>
            <Select data-testid="model-regulatoryClass" showSearch={SEARCH} options={CLASS_OPTIONS} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="criticality" label={t('model.criticality')} initialValue="standard" rules={[{ required: true }]}>
            <EnumSelect data-testid="model-criticality" showSearch={SEARCH} ns="model.criticalities" values={ENUMS.criticalities} allowClear={false} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="warrantyMonths" label={t('model.warrantyMonths')} initialValue={12} rules={[{ required: true }]}>
            <InputNumber data-testid="model-warrantyMonths" min={0} max={240} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="implantable" label={t('model.implantable')} initialValue={false} valuePropName="checked">
            <Switch data-testid="model-implantable" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label={t('common.notes')} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

export function ModelsPage() {
  const { t } = useTranslation();
  const canEdit = useAbility('models.update');
  const canDelete = useAbility('models.delete');
  const del = useDelete();
  const ed = useEditor<DeviceModel>();
  return (
    <>
      <ListPage
        testId="models"
        title={t('menu.models')}
        endpoint={ENDPOINT}
        filterKeys={['category', 'criticality', 'regulatoryClass']}
        filters={({ bind }) => (
          <>
            <EnumSelect
              data-testid="models-filter-category"
              ns="model.categories"
              values={ENUMS.categories}
              placeholder={t('model.category')}
              {...bind('category')}
              style={{ width: 150 }}
            />
            <EnumSelect
              data-testid="models-filter-criticality"
              ns="model.criticalities"
              values={ENUMS.criticalities}
              placeholder={t('model.criticality')}
              {...bind('criticality')}
              style={{ width: 140 }}
            />
            <Select
              data-testid="models-filter-regulatoryClass"
              allowClear
              options={CLASS_OPTIONS}
              placeholder={t('model.regulatoryClass')}
              {...bind('regulatoryClass')}
              style={{ width: 130 }}
            />
          </>
        )}
        extra={canEdit && <CreateButton testId="model-create" onClick={ed.create} />}
        columns={[
          { key: 'code', dataIndex: 'code', title: t('common.code'), sorter: true },
          { key: 'name', dataIndex: 'name', title: t('common.name'), sorter: true },
          { key: 'manufacturer', dataIndex: 'manufacturer', title: t('model.manufacturer') },
          { key: 'category', dataIndex: 'category', title: t('model.category'), sorter: true, render: (v) => <EnumTag ns="model.categories" value={v} /> },
          { key: 'regulatoryClass', dataIndex: 'regulatoryClass', title: t('model.regulatoryClass') },
          {
            key: 'criticality',
            dataIndex: 'criticality',
            title: t('model.criticality'),
            sorter: true,
            render: (v) => <EnumTag ns="model.criticalities" value={v} />,
          },
          {
            key: 'implantable',
            dataIndex: 'implantable',
            title: t('model.implantable'),
            render: (v: boolean) => (v ? <Tag color="magenta">{t('common.yes')}</Tag> : t('common.no')),
          },
          { key: 'warrantyMonths', dataIndex: 'warrantyMonths', title: t('model.warrantyMonths'), align: 'right' },
          // Issue 15 §5 (办法§17): the model's manuals, software backups, fault-code table and spare-parts list.
          {
            key: 'documents',
            title: t('handbook.documents'),
            render: (_, r) => <Link to={`/model-documents?modelId=${r.id}`}>{t('handbook.documents')}</Link>,
          },
          ...actionsColumn<DeviceModel>({
            t,
            prefix: 'model',
            testKey: (r) => r.code,
            onEdit: canEdit ? ed.edit : undefined,
            onDelete: canDelete ? (r) => del(ENDPOINT, r) : undefined,
          }),
        ]}
      />
      <RecordForm testId="model" open={ed.open} record={ed.editing} title={t('model.title')} endpoint={ENDPOINT} onClose={ed.close}>
        {() => <ModelFields />}
      </RecordForm>
    </>
  );
}
