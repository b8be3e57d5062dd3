// 呼叫记录 (R-CL-1; seed 003 §11: every call and visit is logged): the log with search, filters,
// sorting, paging and Excel export; a phone-first quick form that recognises the caller; and the
// one-click actions 转报修 / 转咨询 / 转投诉 that create the record and link it to the call.
import {
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download, qs } from '../../../api';
import { type Call, type ConvertCall, useCalls, useConvertCall, useLogCall, usePhoneLookup } from '../../../api/hooks/calls';
import { useComplaintStaff } from '../../../api/hooks/complaints';
import { useMe } from '../../../auth';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { CustomerSelect, DepartmentSelect, DeviceSelect, EnumSelect } from '../../../components/pickers';
import { useProblem } from '../../care/common';
import { fmt, LinkedTag, OnDutyBanner } from '../common';

export const OUTCOMES = ['resolved', 'info_given', 'callback_needed', 'request', 'consultation', 'complaint', 'other'] as const;
const SORTS = ['-startedAt', 'startedAt', '-duration', 'customer'] as const;
type Kind = ConvertCall['kind'];

export function CallsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const phoneScreen = !Grid.useBreakpoint().md;
  const problem = useProblem();
  const [q, setQ] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [direction, setDirection] = useState<'inbound' | 'outbound' | undefined>();
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number] | undefined>();
  const [handledById, setHandledById] = useState<string | undefined>();
  const [customerId, setCustomerId] = useState<string | undefined>();
  const [sort, setSort] = useState<(typeof SORTS)[number]>('-startedAt');
  const [page, setPage] = useState(1);
  const [logging, setLogging] = useState(false);
  const [converting, setConverting] = useState<{ call: Call; kind: Kind } | null>(null);
  const staff = useComplaintStaff();
  const query = {
    q: q || undefined,
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
    direction,
    outcome,
    handledById,
    customerId,
    sort,
    page,
    pageSize: 20,
  };
  const list = useCalls(query);
  const canLog = me.abilities['calls.log'];

  const actions = (c: Call) =>
    canLog && !c.linkedKind ? (
      <Space size={4} wrap onClick={(e) => e.stopPropagation()}>
        <Button size="small" onClick={() => setConverting({ call: c, kind: 'request' })} data-testid="to-request">
          {t('calls.toRequest')}
        </Button>
        <Button size="small" onClick={() => setConverting({ call: c, kind: 'consultation' })} data-testid="to-consultation">
          {t('calls.toConsultation')}
        </Button>
        <Button size="small" onClick={() => setConverting({ call: c, kind: 'complaint' })} data-testid="to-complaint">
          {t('calls.toComplaint')}
        </Button>
      </Space>
    ) : (
      <LinkedTag kind={c.linkedKind} id={c.linkedId} number={c.linkedNumber} />
    );

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="calls">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('calls.menu.calls')}</PageTitle>
        <Space wrap>
          {canLog && (
            <Button type="primary" size="large" onClick={() => setLogging(true)} data-testid="call-new">
              {t('calls.log')}
            </Button>
          )}
          <Button
            onClick={() => download(`/api/v1/calls${qs({ ...query, page: undefined, pageSize: undefined, format: 'xlsx' })}`, 'calls.xlsx').catch(problem)}
          >
            {t('common.export')}
          </Button>
        </Space>
      </Space>
      <OnDutyBanner />
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t('common.searchPlaceholder')}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: 200 }}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => {
            setRange(v);
            setPage(1);
          }}
        />
        <EnumSelect
          ns="calls.direction"
          values={['inbound', 'outbound']}
          value={direction}
          onChange={(v) => {
            setDirection(v);
            setPage(1);
          }}
          placeholder={t('calls.f.direction')}
          style={{ width: 110 }}
        />
        <EnumSelect
          ns="calls.outcome"
          values={OUTCOMES}
          value={outcome}
          onChange={(v) => {
            setOutcome(v);
            setPage(1);
          }}
          placeholder={t('calls.f.outcome')}
          style={{ width: 130 }}
        />
        <Select
          allowClear
          placeholder={t('calls.f.handledBy')}
          value={handledById}
          onChange={(v) => {
            setHandledById(v);
            setPage(1);
          }}
          options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.displayName }))}
          style={{ width: 170 }}
        />
        <CustomerSelect
          value={customerId}
          onChange={(v) => {
            setCustomerId(v);
            setPage(1);
          }}
          placeholder={t('calls.f.customer')}
          style={{ width: 200 }}
        />
        <Select
          value={sort}
          onChange={setSort}
          style={{ width: 150 }}
          options={SORTS.map((s) => ({
            value: s,
            label: `${t(s.endsWith('customer') ? 'calls.f.customer' : s.endsWith('duration') ? 'calls.f.duration' : 'calls.f.startedAt')} ${s.startsWith('-') ? '↓' : '↑'}`,
          }))}
        />
      </Space>
      {phoneScreen ? (
        <List<Call>
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage, size: 'small' }}
          renderItem={(c) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="call-row">
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Tag color={c.direction === 'inbound' ? 'green' : 'purple'}>{t(`calls.direction.${c.direction}`)}</Tag>
                  <Typography.Text strong>{c.callerName ?? c.phone}</Typography.Text>
                  <a href={`tel:${c.phone}`}>{c.phone}</a>
                </Space>
                <Typography.Text type="secondary">
                  {fmt(c.startedAt)} · {c.customerName ?? ''} {c.serialNumber ?? ''}
                </Typography.Text>
                <Typography.Text>{c.topic}</Typography.Text>
                <Space wrap>
                  <Tag>{t(`calls.outcome.${c.outcome}`)}</Tag>
                  {actions(c)}
                </Space>
              </Space>
            </Card>
          )}
        />
      ) : (
        <Table<Call>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage, showSizeChanger: false }}
          scroll={{ x: 1100 }}
          columns={[
            { title: t('calls.f.startedAt'), width: 140, render: (_, c) => fmt(c.startedAt) },
            {
              title: t('calls.f.direction'),
              width: 70,
              render: (_, c) => <Tag color={c.direction === 'inbound' ? 'green' : 'purple'}>{t(`calls.direction.${c.direction}`)}</Tag>,
            },
            { title: t('calls.f.callerName'), render: (_, c) => c.callerName ?? '' },
            { title: t('calls.f.phone'), dataIndex: 'phone' },
            { title: t('calls.f.customer'), render: (_, c) => [c.customerName, c.departmentName].filter(Boolean).join(' · ') },
            { title: t('calls.f.device'), render: (_, c) => (c.serialNumber ? `${c.modelName ?? ''} ${c.serialNumber}` : '') },
            { title: t('calls.f.topic'), dataIndex: 'topic', ellipsis: true },
            { title: t('calls.f.outcome'), width: 90, render: (_, c) => <Tag>{t(`calls.outcome.${c.outcome}`)}</Tag> },
            { title: t('calls.f.handledBy'), dataIndex: 'handledByName' },
            { title: t('calls.f.linked'), width: 260, render: (_, c) => actions(c) },
          ]}
        />
      )}
      <LogCallDrawer open={logging} onClose={() => setLogging(false)} />
      {converting && <ConvertModal call={converting.call} kind={converting.kind} onClose={() => setConverting(null)} />}
    </Space>
  );
}

/** The quick form, phone first: the number is looked up as it is typed and the caller's hospital filled in. */
export function LogCallDrawer({ open, onClose, initial }: { open: boolean; onClose: () => void; initial?: Record<string, unknown> }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const [form] = Form.useForm();
  const phone: string = Form.useWatch('phone', form) ?? '';
  const customerId: string | undefined = Form.useWatch('customerId', form);
  const lookup = usePhoneLookup(phone);
  const log = useLogCall();
  useEffect(() => {
    const g = lookup.data?.guess;
    if (!g) return;
    const cur = form.getFieldsValue();
    form.setFieldsValue({
      customerId: cur.customerId ?? g.customerId ?? undefined,
      departmentId: cur.departmentId ?? g.departmentId ?? undefined,
      deviceId: cur.deviceId ?? g.deviceId ?? undefined,
      callerName: cur.callerName || g.callerName || undefined,
    });
  }, [lookup.data, form]);
  const known = lookup.data?.contacts[0];
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    log.mutate(
      { ...v, startedAt: v.startedAt?.toISOString(), customerId: v.customerId ?? null, departmentId: v.departmentId ?? null, deviceId: v.deviceId ?? null },
      {
        onSuccess: () => {
          form.resetFields();
          onClose();
        },
        onError: problem,
      },
    );
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('calls.log')}
      width={Math.min(520, typeof window === 'undefined' ? 520 : window.innerWidth)}
      destroyOnHidden
      extra={
        <Button type="primary" onClick={save} loading={log.isPending} data-testid="call-save">
          {t('common.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={{ direction: 'inbound', outcome: 'resolved', ...initial }}>
        <Form.Item
          name="phone"
          label={t('calls.f.phone')}
          rules={[{ required: true }]}
          extra={
            phone.replace(/\D/g, '').length >= 7
              ? known
                ? t('calls.known', { name: known.contactName, customer: known.customerName })
                : t('calls.unknown')
              : undefined
          }
        >
          <Input size="large" inputMode="tel" autoFocus data-testid="call-phone" />
        </Form.Item>
        <Form.Item name="direction" label={t('calls.f.direction')}>
          <Radio.Group optionType="button" options={(['inbound', 'outbound'] as const).map((d) => ({ value: d, label: t(`calls.direction.${d}`) }))} />
        </Form.Item>
        <Form.Item name="callerName" label={t('calls.f.callerName')}>
          <Input data-testid="call-caller" />
        </Form.Item>
        <Form.Item name="customerId" label={t('calls.f.customer')}>
          <CustomerSelect data-testid="call-customer" />
        </Form.Item>
        <Row gutter={8}>
          <Col xs={24} sm={12}>
            <Form.Item name="departmentId" label={t('calls.f.department')}>
              <DepartmentSelect customerId={customerId} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="deviceId" label={t('calls.f.device')}>
              <DeviceSelect customerId={customerId} data-testid="call-device" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="topic" label={t('calls.f.topic')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} data-testid="call-topic" />
        </Form.Item>
        <Row gutter={8}>
          <Col xs={12}>
            <Form.Item name="outcome" label={t('calls.f.outcome')}>
              <EnumSelect ns="calls.outcome" values={OUTCOMES.filter((o) => !['request', 'consultation', 'complaint'].includes(o))} allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="durationSeconds" label={t('calls.f.duration')}>
              <InputNumber min={0} max={86400} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label={t('calls.f.notes')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="missedCallId" hidden>
          <Input />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** 转报修 / 转咨询 / 转投诉: what the new record needs beyond the call, prefilled from it. */
function ConvertModal({ call, kind, onClose }: { call: Call; kind: Kind; onClose: () => void }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const convert = useConvertCall();
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const told = [call.topic, call.notes].filter(Boolean).join('\n');
  const ok = async () => {
    const v = await validFields(form);
    if (!v) return;
    convert.mutate(
      { id: call.id, version: call.version, kind, ...v },
      {
        onSuccess: (c) => {
          message.success(t('calls.converted', { kind: t(`calls.linkKind.${kind}`), number: c.linkedNumber ?? '' }));
          onClose();
        },
        onError: problem,
      },
    );
  };
  const title = { request: t('calls.toRequest'), consultation: t('calls.toConsultation'), complaint: t('calls.toComplaint') }[kind];
  return (
    <Modal open onCancel={onClose} onOk={ok} confirmLoading={convert.isPending} title={title} destroyOnHidden okButtonProps={{ 'data-testid': 'convert-ok' }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ deviceId: call.deviceId ?? undefined, faultDescription: told, question: told, matter: told, severity: 'normal', deviceDown: false }}
      >
        {(kind === 'request' || kind === 'consultation') && (
          <Form.Item name="deviceId" label={t('calls.f.device')} rules={kind === 'request' ? [{ required: true }] : []}>
            <DeviceSelect customerId={call.customerId ?? undefined} data-testid="convert-device" />
          </Form.Item>
        )}
        {kind === 'request' && (
          <>
            <Form.Item name="faultDescription" label={t('calls.f.topic')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="deviceDown" valuePropName="checked">
              <Checkbox>{t('calls.deviceDown')}</Checkbox>
            </Form.Item>
          </>
        )}
        {kind === 'consultation' && (
          <Form.Item name="question" label={t('calls.consult.question')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {kind === 'complaint' && (
          <>
            <Form.Item name="matter" label={t('calls.f.topic')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="severity" label={t('care.complaint.fields.severity')}>
              <EnumSelect ns="care.complaint.severity" values={['minor', 'normal', 'major']} allowClear={false} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
