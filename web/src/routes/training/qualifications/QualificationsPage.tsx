// Staff qualifications (R-TR-1; seed 003 维修人员必须经培训合格后方可上岗): the engineer × model
// matrix coloured by expiry, the list expiring within 30 days for the manager, and granting.
import { Button, Card, Form, Input, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Qualification, useGrantQualification, useQualificationMatrix, useQualifications, useRenewQualification } from '../../../api/hooks/training';
import { useMe } from '../../../auth';
import { Dialog } from '../../../components/Dialog';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { ModelSelect } from '../../../components/pickers';
import { fieldErrorsThen } from '../../../components/RecordForm';
import { useProblem } from '../../care/common';

const COLOR = { valid: 'green', expiring: 'orange', expired: 'red', future: 'blue' } as const;

function StateTag({ state, text }: { state: keyof typeof COLOR; text?: string }) {
  const { t } = useTranslation();
  return <Tag color={COLOR[state]}>{text ?? t(`training.qual.state.${state}`)}</Tag>;
}

function QualificationTable({ rows, loading, onRenew }: { rows: Qualification[]; loading: boolean; onRenew?: (q: Qualification) => void }) {
  const { t } = useTranslation();
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table<Qualification>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t('training.qual.engineer'), dataIndex: 'userName' },
          { title: t('training.qual.subject'), render: (_, q) => (q.modelCode ? `${q.modelName}（${q.modelCode}）` : q.skill) },
          { title: t('training.qual.grantedOn'), dataIndex: 'grantedOn' },
          { title: t('training.qual.expiresOn'), render: (_, q) => <StateTag state={q.state} text={q.expiresOn} /> },
          { title: t('training.qual.basis'), dataIndex: 'basis' },
          ...(onRenew
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, q: Qualification) => (
                    <Button size="small" onClick={() => onRenew(q)}>
                      {t('training.qual.renew')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}

export function QualificationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const problem = useProblem();
  const matrix = useQualificationMatrix();
  const expiring = useQualifications(true);
  const all = useQualifications(false);
  const grant = useGrantQualification();
  const renew = useRenewQualification();
  const [open, setOpen] = useState(false);
  const [renewing, setRenewing] = useState<Qualification | null>(null);
  const [form] = Form.useForm();
  const [renewForm] = Form.useForm();
  const onRenew = me.abilities['training.qualify']
    ? (q: Qualification) => {
        renewForm.setFieldsValue({ expiresOn: q.expiresOn });
        setRenewing(q);
      }
    : undefined;
  const saveRenewal = async () => {
    const v = await validFields(renewForm);
    if (!v || !renewing) return;
    renew.mutate(
      { id: renewing.id, version: renewing.version, expiresOn: v.expiresOn },
      { onSuccess: () => setRenewing(null), onError: fieldErrorsThen(renewForm, problem) },
    );
  };
  const m = matrix.data;

  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    grant.mutate(
      { ...v, modelId: v.modelId ?? null, skill: v.skill ?? null },
      {
        onSuccess: () => {
          setOpen(false);
          form.resetFields();
        },
        onError: fieldErrorsThen(form, problem),
      },
    );
  };

  const cell = (userId: string, modelId: string) => m?.cells.find((c) => c.userId === userId && c.modelId === modelId);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="qualifications">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('training.menu.qualifications')}</PageTitle>
        {me.abilities['training.qualify'] && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="qual-grant">
            {t('training.qual.grant')}
          </Button>
        )}
      </Space>
      <Card size="small" title={t('training.qual.expiring')}>
        <QualificationTable rows={expiring.data?.items ?? []} loading={expiring.isLoading} onRenew={onRenew} />
      </Card>
      <Tabs
        items={[
          {
            key: 'matrix',
            label: t('training.qual.matrix'),
            children: (
              <div style={{ overflowX: 'auto' }}>
                <Table
                  rowKey="id"
                  size="small"
                  loading={matrix.isLoading}
                  dataSource={m?.people ?? []}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  columns={[
                    { title: t('training.qual.engineer'), dataIndex: 'name', fixed: 'left' },
                    ...(m?.models ?? []).map((md) => ({
                      title: md.code,
                      key: md.id,
                      render: (_: unknown, p: { id: string }) => {
                        const c = cell(p.id, md.id);
                        return c ? <StateTag state={c.state} text={c.expiresOn} /> : <Tag>{t('training.qual.none')}</Tag>;
                      },
                    })),
                  ]}
                />
              </div>
            ),
          },
          {
            key: 'all',
            label: t('training.qual.all'),
            children: <QualificationTable rows={all.data?.items ?? []} loading={all.isLoading} onRenew={onRenew} />,
          },
        ]}
      />
      <Dialog open={renewing !== null} title={t('training.qual.renew')} onCancel={() => setRenewing(null)} onOk={saveRenewal} confirmLoading={renew.isPending}>
        <Form form={renewForm} layout="vertical">
          <Form.Item name="expiresOn" label={t('training.qual.expiresOn')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
        </Form>
      </Dialog>
      <Dialog open={open} title={t('training.qual.grant')} onCancel={() => setOpen(false)} onOk={save} confirmLoading={grant.isPending} okTestId="qual-save">
        <Form form={form} layout="vertical">
          <Form.Item name="userId" label={t('training.qual.engineer')} rules={[{ required: true }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={(m?.people ?? []).map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item name="modelId" label={t('training.session.model')}>
            <ModelSelect />
          </Form.Item>
          <Form.Item name="skill" label={t('training.staff.skill')}>
            <Input />
          </Form.Item>
          <Form.Item name="grantedOn" label={t('training.qual.grantedOn')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="expiresOn" label={t('training.qual.expiresOn')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="basis" label={t('training.qual.basis')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        </Form>
      </Dialog>
    </Space>
  );
}
