// Organisation (issue 15 §1, R-ORG-1): the units list (search, kind filter, paging in the URL,
// Excel), the new/edit unit dialog, and the unit page with its teams and members.
import { Button, Card, Descriptions, Form, Input, Select, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type Unit, useSaveUnit, useUnitOverview } from '../../api/hooks/units';
import { useAbility } from '../../auth';
import { Dialog } from '../../components/Dialog';
import { validFields } from '../../components/forms';
import { ListPage } from '../../components/ListPage';
import { PageTitle } from '../../components/PageTitle';
import { EnumSelect, ManagerSelect, UnitSelect } from '../../components/pickers';
import { fieldErrorsThen } from '../../components/RecordForm';
import { useProblem } from '../care/common';

const KINDS = ['branch', 'service_centre', 'team'] as const;
const KIND_COLORS: Record<string, string> = { branch: 'blue', service_centre: 'cyan', team: 'default' };

export function UnitKindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLORS[kind]}>{t(`units.kinds.${kind}`)}</Tag>;
}

export function UnitsPage() {
  const { t } = useTranslation();
  const canCreate = useAbility('units.create');
  const [editing, setEditing] = useState<Partial<Unit> | null>(null);
  return (
    <>
      <ListPage
        testId="units"
        title={t('units.menu.list')}
        endpoint="/api/v1/units"
        exportEndpoint="/api/v1/units/export"
        exportName="units.xlsx"
        filterKeys={['kind']}
        extra={
          canCreate && (
            <Button type="primary" onClick={() => setEditing({})} data-testid="unit-new">
              {t('units.new')}
            </Button>
          )
        }
        filters={({ bind }) => <EnumSelect ns="units.kinds" values={KINDS} placeholder={t('units.kind')} {...bind('kind')} style={{ width: 140 }} />}
        columns={[
          { key: 'code', dataIndex: 'code', title: t('units.code'), sorter: true, render: (v, r) => <Link to={`/units/${r.id}`}>{v}</Link> },
          { key: 'name', dataIndex: 'name', title: t('units.name'), sorter: true },
          { key: 'kind', title: t('units.kind'), render: (_, r) => <UnitKindTag kind={r.kind} /> },
          { key: 'active', title: t('units.active'), render: (_, r) => (r.active ? '✓' : '—') },
        ]}
        card={(r) => ({ title: `${r.code} · ${r.name}`, tag: <UnitKindTag kind={r.kind} />, lines: [], to: `/units/${r.id}` })}
      />
      <UnitDialog unit={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function UnitDialog({ unit, onClose }: { unit: Partial<Unit> | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const problem = useProblem();
  const save = useSaveUnit();
  const kind = Form.useWatch('kind', form);
  const ok = async () => {
    const v = await validFields(form);
    if (!v || !unit) return;
    const body: Record<string, unknown> = { ...v, managerId: v.managerId ?? null, parentId: v.parentId ?? null };
    if (unit.id) body.version = unit.version;
    save.mutate({ id: unit.id, body }, { onSuccess: () => onClose(), onError: fieldErrorsThen(form, problem) });
  };
  return (
    <Dialog open={!!unit} title={unit?.id ? t('units.edit') : t('units.new')} onOk={ok} onCancel={onClose} confirmLoading={save.isPending} okTestId="unit-save">
      <Form form={form} layout="vertical" initialValues={{ kind: 'branch', active: true, ...unit }} preserve={false}>
        <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true }]}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`units.kinds.${k}`) }))} data-testid="unit-kind" />
        </Form.Item>
        <Form.Item name="code" label={t('units.code')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={30} data-testid="unit-code" />
        </Form.Item>
        <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} data-testid="unit-name" />
        </Form.Item>
        <Form.Item name="managerId" label={t('units.manager')}>
          <ManagerSelect data-testid="unit-manager" />
        </Form.Item>
        {kind !== 'branch' && (
          <Form.Item name="parentId" label={t('units.parent')} rules={[{ required: kind === 'team' }]}>
            <UnitSelect data-testid="unit-parent" />
          </Form.Item>
        )}
        <Form.Item name="active" label={t('units.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

export function UnitPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useUnitOverview(id);
  const canEdit = useAbility('units.update');
  const [editing, setEditing] = useState(false);
  const u = q.data;
  if (!u) return <Card loading={q.isLoading} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="unit-detail">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>
          {u.name} <UnitKindTag kind={u.kind} />
        </PageTitle>
        {canEdit && <Button onClick={() => setEditing(true)}>{t('units.edit')}</Button>}
      </Space>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('units.code')}>{u.code}</Descriptions.Item>
          <Descriptions.Item label={t('units.manager')}>{u.managerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('units.parent')}>{u.parentId ? <Link to={`/units/${u.parentId}`}>{u.parentName}</Link> : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('units.customers')}>
            <Link to={`/customers?unitId=${u.id}`} data-testid="unit-customers">
              {u.counts.customers}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('units.users')}>{u.counts.users}</Descriptions.Item>
          <Descriptions.Item label={t('units.warehouses')}>{u.counts.warehouses}</Descriptions.Item>
          <Descriptions.Item label={t('units.children')}>
            <Space wrap>
              {u.children.length
                ? u.children.map((c) => (
                    <Link key={c.id} to={`/units/${c.id}`}>
                      {c.name}
                    </Link>
                  ))
                : '—'}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Space wrap>
        <Link to={`/work-orders?unitId=${u.id}`}>{t('units.report.orders')} →</Link>
        <Link to={`/requests?unitId=${u.id}`}>{t('units.report.requests')} →</Link>
        <Link to={`/branch-reports?unitId=${u.id}`}>{t('units.menu.reports')} →</Link>
      </Space>
      <UnitDialog unit={editing ? u : null} onClose={() => setEditing(false)} />
    </Space>
  );
}
