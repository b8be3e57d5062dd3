// 客户投诉 (R-CP-1..4): the list, registration from any channel, and the file with its
// completeness checklist (R-CP-4) and lifecycle steps; closing an incomplete file is refused by
// the server with the list of what is missing.

import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Descriptions, Form, Input, List, Modal, Radio, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../api';
import {
  type Complaint,
  type ComplaintUpdate,
  useComplaint,
  useComplaintStaff,
  useComplaintStep,
  useComplaints,
  useRegisterComplaint,
  useUpdateComplaint,
} from '../../../api/hooks/complaints';
import { useAbility, useMe } from '../../../auth';
import { AttachmentsPanel } from '../../../components/attachments/AttachmentsPanel';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { CustomerSelect, DeviceSelect, EnumSelect } from '../../../components/pickers';
import { RegisterReturnLink } from '../../returns/RegisterReturnLink';
import { fmt, useProblem } from '../common';

export const COMPLAINT_STATUSES = ['draft', 'open', 'investigating', 'replied', 'verified', 'closed'] as const;
const CHANNELS = ['hotline', 'email', 'portal', 'survey', 'followup', 'onsite'] as const;
const SEVERITIES = ['minor', 'normal', 'major'] as const;
const CAUSES = ['product_quality', 'repair_quality', 'response_time', 'service_attitude', 'parts', 'billing', 'other'] as const;

const SEV_COLOR = { minor: 'default', normal: 'blue', major: 'red' } as const;

export function ComplaintsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const problem = useProblem();
  const [status, setStatus] = useState<(typeof COMPLAINT_STATUSES)[number] | undefined>();
  const [params] = useSearchParams();
  // Opened from a follow-up (or a survey): the form comes prefilled and linked to it (R-CP-1).
  const [creating, setCreating] = useState(params.get('new') === '1');
  const [form] = Form.useForm();
  const linked = { followupId: params.get('followupId') ?? undefined, surveyId: params.get('surveyId') ?? undefined };
  const prefill = {
    channel: params.get('channel') ?? 'hotline',
    severity: 'normal',
    customerId: params.get('customerId') ?? undefined,
    deviceId: params.get('deviceId') ?? undefined,
    matter: params.get('matter') ?? undefined,
    complainantName: params.get('complainantName') || undefined,
  };
  const customerId = Form.useWatch('customerId', form);
  const q = useComplaints({ status, pageSize: 100 });
  const register = useRegisterComplaint();
  const canRegister = me.abilities['complaints.register'];

  const create = async () => {
    const v = await validFields(form);
    if (!v) return; // the form shows what is missing
    register.mutate(
      { ...v, ...linked, deviceId: v.deviceId ?? null, cause: v.cause ?? null },
      {
        onSuccess: (r) => {
          setCreating(false);
          form.resetFields();
          navigate(`/complaints/${r.id}`);
        },
        onError: problem,
      },
    );
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="complaints">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('care.menu.complaints')}</PageTitle>
        <Space wrap>
          <EnumSelect
            ns="care.complaint.status"
            values={COMPLAINT_STATUSES}
            value={status}
            onChange={setStatus}
            style={{ width: 140 }}
            placeholder={t('common.all')}
          />
          {canRegister && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="complaint-new">
              {t('care.complaint.new')}
            </Button>
          )}
        </Space>
      </Space>
      <div style={{ overflowX: 'auto' }}>
        <Table<Complaint>
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={false}
          onRow={(c) => ({ onClick: () => navigate(`/complaints/${c.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('care.complaint.number'), dataIndex: 'number' },
            { title: t('care.complaint.fields.receivedAt'), render: (_, c) => fmt(c.receivedAt) },
            { title: t('care.customer'), dataIndex: 'customerName' },
            { title: t('care.complaint.fields.matter'), dataIndex: 'matter', ellipsis: true },
            {
              title: t('care.complaint.fields.severity'),
              render: (_, c) => <Tag color={SEV_COLOR[c.severity]}>{t(`care.complaint.severity.${c.severity}`)}</Tag>,
            },
            { title: t('care.complaint.fields.deadline'), dataIndex: 'deadline' },
            { title: t('care.complaint.fields.ownerId'), dataIndex: 'ownerName' },
            {
              title: t('care.complaint.fields.status'),
              render: (_, c) => (
                <Space size={4}>
                  <Tag>{t(`care.complaint.status.${c.status}`)}</Tag>
                  {c.repeatOfId && <Tag color="volcano">×2</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </div>
      <Modal
        open={creating}
        onCancel={() => setCreating(false)}
        onOk={create}
        confirmLoading={register.isPending}
        title={t('care.complaint.new')}
        destroyOnHidden
        width={640}
      >
        <Form form={form} layout="vertical" initialValues={prefill}>
          <Form.Item name="channel" label={t('care.complaint.fields.channel')} rules={[{ required: true }]}>
            <EnumSelect ns="care.complaint.channels" values={CHANNELS} />
          </Form.Item>
          <Form.Item name="customerId" label={t('care.customer')} rules={[{ required: true }]}>
            <CustomerSelect />
          </Form.Item>
          <Form.Item name="deviceId" label={t('care.device')}>
            <DeviceSelect customerId={customerId} disabled={!customerId} />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="complainantName" label={t('care.complaint.fields.complainantName')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="complainantPhone" label={t('care.complaint.fields.complainantPhone')}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="matter" label={t('care.complaint.fields.matter')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="cause" label={t('care.complaint.fields.cause')}>
                <EnumSelect ns="care.complaint.causes" values={CAUSES} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="severity" label={t('care.complaint.fields.severity')} rules={[{ required: true }]}>
                <EnumSelect ns="care.complaint.severity" values={SEVERITIES} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
    </Space>
  );
}

const TEXT_FIELDS = ['reportabilityReason', 'investigationResult', 'noInvestigationReason', 'rootCause', 'correctiveAction', 'reply', 'verification'] as const;
const DATE_FIELDS = ['investigationStartedOn', 'investigationEndedOn'] as const;
const CHECKLIST = [
  'deviceIdentifier',
  'receivedAt',
  'complainantName',
  'matter',
  'cause',
  'ownerId',
  'reportable',
  'reportabilityReason',
  'investigationStartedOn',
  'investigationEndedOn',
  'investigationResult',
  'rootCause',
  'correctiveAction',
  'verification',
  'reply',
  'repliedAt',
  'substantiated',
  'responsibleId',
] as const;

export function ComplaintDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const problem = useProblem();
  const staff = useComplaintStaff();
  const update = useUpdateComplaint();
  const transition = useComplaintStep();
  const [form] = Form.useForm();
  const [refused, setRefused] = useState<string[] | null>(null);
  // Issue 12 item 0: the complaint letter, photos of the fault … added by who registers or handles it.
  const canRegister = useAbility('complaints.register');
  const canHandle = useAbility('complaints.handle');
  const canAttach = canRegister || canHandle;
  const q = useComplaint(id);
  const c = q.data;
  if (!c) return <Spin />;
  // What this complaint allows the caller comes from the server (issue 11 item 3).
  const editable = c.abilities.update;

  const save = async () => {
    const v = await validFields(form);
    if (!v) return; // the form shows what is missing
    const body: ComplaintUpdate = { version: c.version };
    for (const k of TEXT_FIELDS) body[k] = v[k] ?? null;
    for (const k of DATE_FIELDS) body[k] = v[k] ? dayjs(v[k]).format('YYYY-MM-DD') : null;
    for (const k of ['cause', 'severity', 'ownerId', 'responsibleId', 'reportable', 'substantiated', 'deviceIdentifier'] as const) body[k] = v[k] ?? null;
    if (!body.severity) delete body.severity;
    update.mutate({ id, ...body }, { onError: problem });
  };
  const step = (to: Complaint['nextSteps'][number]) => {
    setRefused(null);
    transition.mutate(
      { id, version: c.version, to },
      {
        onError: (e) => {
          if (e instanceof ApiError && Array.isArray(e.problem.missing)) setRefused(e.problem.missing as string[]);
          problem(e);
        },
      },
    );
  };
  const label = (k: string) => t(`care.complaint.fields.${k}`);
  const initial = {
    ...c,
    investigationStartedOn: c.investigationStartedOn ? dayjs(c.investigationStartedOn) : null,
    investigationEndedOn: c.investigationEndedOn ? dayjs(c.investigationEndedOn) : null,
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="complaint-detail">
      <Space wrap>
        <PageTitle>{c.number}</PageTitle>
        <Tag>{t(`care.complaint.status.${c.status}`)}</Tag>
        <Tag color={SEV_COLOR[c.severity]}>{t(`care.complaint.severity.${c.severity}`)}</Tag>
        {c.repeatOfId && <Tag color="volcano">{label('repeat')}</Tag>}
        <RegisterReturnLink complaintId={c.id} deviceId={c.deviceId} customerId={c.customerId} />
      </Space>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={label('receivedAt')}>{fmt(c.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('care.customer')}>{c.customerName}</Descriptions.Item>
              <Descriptions.Item label={label('complainantName')}>
                {c.complainantName} {c.complainantPhone}
              </Descriptions.Item>
              <Descriptions.Item label={t('care.device')}>{c.serialNumber ? `${c.serialNumber} · ${c.modelName}` : '-'}</Descriptions.Item>
              <Descriptions.Item label={label('workOrder')}>{c.workOrderNumber ?? '-'}</Descriptions.Item>
              {c.adverseEventId && (
                <Descriptions.Item label={t('vigilance.menu.list')}>
                  <Link to={`/adverse-events/${c.adverseEventId}`}>{c.adverseEventNumber}</Link>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={label('deadline')}>{c.deadline}</Descriptions.Item>
              <Descriptions.Item label={label('matter')} span={2}>
                {c.matter}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <div style={{ marginTop: 12 }}>
            <AttachmentsPanel ownerKind="complaint" ownerId={c.id} canUpload={canAttach} />
          </div>
          <Card size="small" style={{ marginTop: 12 }}>
            <Form form={form} layout="vertical" initialValues={initial} disabled={!editable} key={c.version}>
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item name="cause" label={label('cause')}>
                    <EnumSelect ns="care.complaint.causes" values={CAUSES} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="severity" label={label('severity')}>
                    <EnumSelect ns="care.complaint.severity" values={SEVERITIES} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="ownerId" label={label('ownerId')}>
                    <Select allowClear options={(staff.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="deviceIdentifier" label={label('deviceIdentifier')}>
                <Input />
              </Form.Item>
              <Form.Item name="reportable" label={label('reportable')}>
                <Radio.Group
                  options={[
                    { value: true, label: t('common.yes') },
                    { value: false, label: t('common.no') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="reportabilityReason" label={label('reportabilityReason')}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Row gutter={12}>
                {DATE_FIELDS.map((k) => (
                  <Col xs={24} md={12} key={k}>
                    <Form.Item name={k} label={label(k)}>
                      <DatePicker style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
              {(['investigationResult', 'noInvestigationReason', 'rootCause', 'correctiveAction', 'reply', 'verification'] as const).map((k) => (
                <Form.Item key={k} name={k} label={label(k)}>
                  <Input.TextArea rows={2} data-testid={`complaint-${k}`} />
                </Form.Item>
              ))}
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name="substantiated" label={label('substantiated')}>
                    <Radio.Group
                      options={[
                        { value: true, label: t('common.yes') },
                        { value: false, label: t('common.no') },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="responsibleId" label={label('responsibleId')}>
                    <Select allowClear options={(staff.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))} />
                  </Form.Item>
                </Col>
              </Row>
              {editable && (
                <Button type="primary" onClick={save} loading={update.isPending} data-testid="complaint-save">
                  {t('common.save')}
                </Button>
              )}
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('care.complaint.checklist')} data-testid="complaint-checklist">
            <List
              size="small"
              dataSource={CHECKLIST.filter((k) => k !== 'responsibleId' || c.substantiated)}
              renderItem={(k) => {
                const miss = c.missing.includes(k);
                return (
                  <List.Item style={{ color: refused?.includes(k) ? '#cf1322' : undefined }}>
                    {miss ? <CloseCircleOutlined style={{ color: '#cf1322' }} /> : <CheckCircleOutlined style={{ color: '#389e0d' }} />} {label(k)}
                  </List.Item>
                );
              }}
            />
            {c.missing.length === 0 && <Typography.Text type="success">{t('care.complaint.complete')}</Typography.Text>}
          </Card>
          {c.abilities.transition && c.nextSteps.length > 0 && (
            <Card size="small" style={{ marginTop: 12 }}>
              <Space wrap>
                {c.nextSteps.map((s) => (
                  <Button key={s} type={s === 'closed' ? 'primary' : 'default'} onClick={() => step(s)} data-testid={`complaint-to-${s}`}>
                    {t(`care.complaint.to.${s}`)}
                  </Button>
                ))}
              </Space>
            </Card>
          )}
        </Col>
      </Row>
    </Space>
  );
}
