// Staff training (R-TR-1): the yearly plan, training records, and the assessments by self,
// supervisor and customer.
import { Button, Card, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type StaffTrainingRecord,
  useAssessRecord,
  useCreatePlan,
  useCreateRecord,
  useQualificationMatrix,
  useTrainingPlans,
  useTrainingRecords,
} from '../../../api/hooks/training';
import { useMe } from '../../../auth';
import { Dialog } from '../../../components/Dialog';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { ModelSelect } from '../../../components/pickers';
import { fieldErrorsThen } from '../../../components/RecordForm';
import { useProblem } from '../../care/common';

export function StaffTrainingPage() {
  const { t } = useTranslation();
  const me = useMe();
  const problem = useProblem();
  const [year, setYear] = useState(new Date().getFullYear());
  const plans = useTrainingPlans(year);
  const records = useTrainingRecords(year);
  const people = useQualificationMatrix().data?.people ?? [];
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? id;
  const createPlan = useCreatePlan();
  const createRecord = useCreateRecord();
  const assess = useAssessRecord();
  const [dialog, setDialog] = useState<'plan' | 'record' | StaffTrainingRecord | null>(null);
  const [form] = Form.useForm();
  const manage = me.abilities['training.staffManage'];
  const staffOptions = people.map((p) => ({ value: p.id, label: p.name }));
  const close = () => {
    setDialog(null);
    form.resetFields();
  };

  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    const onError = fieldErrorsThen(form, problem);
    if (dialog === 'plan')
      createPlan.mutate({ ...v, year, modelId: v.modelId ?? null, skill: v.skill ?? null, traineeIds: v.traineeIds ?? [] }, { onSuccess: close, onError });
    else if (dialog === 'record') createRecord.mutate({ ...v, modelId: v.modelId ?? null, skill: v.skill ?? null }, { onSuccess: close, onError });
    else if (dialog) assess.mutate({ id: dialog.id, version: dialog.version, ...v }, { onSuccess: close, onError });
  };
  const score = (name: string, label: string) => (
    <Form.Item name={name} label={label}>
      <InputNumber min={0} max={100} />
    </Form.Item>
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="staff-training">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('training.menu.staff')}</PageTitle>
        <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} addonBefore={t('training.staff.year')} />
      </Space>
      <Card size="small" title={t('training.staff.plans')} extra={manage && <Button onClick={() => setDialog('plan')}>{t('training.staff.newPlan')}</Button>}>
        <div style={{ overflowX: 'auto' }}>
          <Table
            rowKey="id"
            size="small"
            loading={plans.isLoading}
            dataSource={plans.data?.items ?? []}
            pagination={false}
            columns={[
              { title: t('training.staff.month'), dataIndex: 'plannedMonth' },
              { title: t('training.staff.topic'), dataIndex: 'topic' },
              { title: t('training.qual.subject'), render: (_, p) => p.modelCode ?? p.skill },
              { title: t('training.staff.trainees'), render: (_, p) => p.traineeIds.map(nameOf).join('、') },
            ]}
          />
        </div>
      </Card>
      <Card
        size="small"
        title={t('training.staff.records')}
        extra={manage && <Button onClick={() => setDialog('record')}>{t('training.staff.newRecord')}</Button>}
      >
        <div style={{ overflowX: 'auto' }}>
          <Table<StaffTrainingRecord>
            rowKey="id"
            size="small"
            loading={records.isLoading}
            dataSource={records.data?.items ?? []}
            pagination={false}
            columns={[
              { title: t('training.staff.heldOn'), dataIndex: 'heldOn' },
              { title: t('training.staff.trainee'), dataIndex: 'traineeName' },
              { title: t('training.staff.topic'), dataIndex: 'topic' },
              { title: t('training.staff.hours'), dataIndex: 'hours' },
              { title: t('training.staff.trainer'), dataIndex: 'trainer' },
              { title: t('training.staff.self'), dataIndex: 'selfScore' },
              { title: t('training.staff.supervisor'), dataIndex: 'supervisorScore' },
              { title: t('training.staff.customer'), dataIndex: 'customerScore' },
              { title: t('training.staff.average'), dataIndex: 'average' },
              {
                title: t('common.actions'),
                render: (_, r) =>
                  manage && (
                    <Button
                      size="small"
                      onClick={() => {
                        form.setFieldsValue(r);
                        setDialog(r);
                      }}
                    >
                      {t('training.staff.assess')}
                    </Button>
                  ),
              },
            ]}
          />
        </div>
      </Card>
      <Dialog
        open={dialog !== null}
        title={dialog === 'plan' ? t('training.staff.newPlan') : dialog === 'record' ? t('training.staff.newRecord') : t('training.staff.assess')}
        onCancel={close}
        onOk={save}
        confirmLoading={createPlan.isPending || createRecord.isPending || assess.isPending}
      >
        <Form form={form} layout="vertical">
          {dialog === 'plan' && (
            <>
              <Form.Item name="topic" label={t('training.staff.topic')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="modelId" label={t('training.session.model')}>
                <ModelSelect />
              </Form.Item>
              <Form.Item name="skill" label={t('training.staff.skill')}>
                <Input />
              </Form.Item>
              <Form.Item name="plannedMonth" label={t('training.staff.month')} rules={[{ required: true }]}>
                <InputNumber min={1} max={12} />
              </Form.Item>
              <Form.Item name="traineeIds" label={t('training.staff.trainees')}>
                <Select mode="multiple" options={staffOptions} optionFilterProp="label" />
              </Form.Item>
            </>
          )}
          {dialog === 'record' && (
            <>
              <Form.Item name="traineeId" label={t('training.staff.trainee')} rules={[{ required: true }]}>
                <Select options={staffOptions} showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
              <Form.Item name="topic" label={t('training.staff.topic')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="modelId" label={t('training.session.model')}>
                <ModelSelect />
              </Form.Item>
              <Form.Item name="skill" label={t('training.staff.skill')}>
                <Input />
              </Form.Item>
              <Form.Item name="heldOn" label={t('training.staff.heldOn')} rules={[{ required: true }]}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="hours" label={t('training.staff.hours')} rules={[{ required: true }]}>
                <InputNumber min={0.5} max={1000} step={0.5} />
              </Form.Item>
              <Form.Item name="trainer" label={t('training.staff.trainer')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </>
          )}
          {dialog !== 'plan' && (
            <Space wrap>
              {score('selfScore', t('training.staff.self'))}
              {score('supervisorScore', t('training.staff.supervisor'))}
              {score('customerScore', t('training.staff.customer'))}
            </Space>
          )}
          {dialog !== 'plan' && (
            <Form.Item name="assessmentComment" label={t('training.staff.comment')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          )}
        </Form>
      </Dialog>
    </Space>
  );
}
