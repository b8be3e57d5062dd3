// 报修/叫修登记 (R-REQ-1..3): find the unit, describe the fault, record who called and how.
// The server proposes urgency (R-REQ-3) and the service category; a different urgency needs
// a reason. Hospital users report faults of their own units in the portal (故障报修).
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, Radio, Result, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Device } from '../../../api/hooks/devices';
import { useDeviceAccessoryWarranty } from '../../../api/hooks/installations';
import {
  type ServiceRequest,
  type ServiceRequestDetail,
  useIntakeDevice,
  useRegisterRequest,
  useRequests,
  useUrgencyProposal,
} from '../../../api/hooks/requests';
import { useMe } from '../../../auth';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { EnumTag } from '../../../components/pickers';
import { fieldErrorsThen } from '../../../components/RecordForm';
import { HandbookSuggestions } from '../../handbook/HandbookSuggestions';
import { HoldBanner } from '../../holds/HoldsPage';
import { CategoryTag, CHANNELS, problemText, URGENCIES, UrgencyTag } from '../common';
import { DevicePicker } from '../components/DevicePicker';

interface FormValues {
  deviceId: string;
  deviceDown: boolean;
  faultDescription: string;
  channel: ServiceRequest['channel'];
  reporterName: string;
  reporterPhone: string;
  receivedAt?: Dayjs;
  urgency?: ServiceRequest['urgency'];
  urgencyReason?: string;
  internal?: boolean;
}

/**
 * Issue 12 item 2 (seed 003 穿刺器…2年质保…可免费更换新品(质保不延长)): the unit's accessory
 * warranties still running, beside its coverage; consumables never show (the server says so).
 */
function AccessoryWarranties({ deviceId }: { deviceId: string }) {
  const { t } = useTranslation();
  const q = useDeviceAccessoryWarranty(deviceId);
  const running = (q.data?.items ?? []).filter((a) => a.coveredToday && a.warrantyEnd);
  if (!running.length) return null;
  return (
    <Alert
      type="success"
      showIcon
      data-testid="request-accessory-warranties"
      title={t('service.accessoryWarranties')}
      description={running.map((a) => <div key={a.id}>{t('service.accessoryWarrantyItem', { name: a.name, date: a.warrantyEnd })}</div>)}
    />
  );
}

export function NewRequestPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const hospital = !!me.customerId;
  const [form] = Form.useForm<FormValues>();
  const [device, setDevice] = useState<Device | undefined>();
  const register = useRegisterRequest();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<ServiceRequestDetail | null>(null);
  const deviceDown = Form.useWatch('deviceDown', form) ?? false;
  const urgency = Form.useWatch('urgency', form);
  const faultText = Form.useWatch('faultDescription', form) as string | undefined;
  const preset = useIntakeDevice(params.get('deviceId'));
  useEffect(() => {
    if (!preset.data) return;
    setDevice(preset.data);
    form.setFieldsValue({ deviceId: preset.data.id });
  }, [preset.data, form]);
  const openOnDevice = useRequests({ deviceId: device?.id, open: 'true', pageSize: 10 }, !!device);
  // R-REQ-3 as the server applies it; hospital users do not choose an urgency.
  const proposal = useUrgencyProposal(device?.id, deviceDown, !hospital);
  const proposed = device ? proposal.data?.urgency : undefined;
  const overriding = !!urgency && urgency !== proposed;

  const submit = async () => {
    const v = await validFields(form);
    if (!v) return; // the form shows what is missing
    setError(null);
    const body = {
      deviceId: v.deviceId,
      deviceDown: !!v.deviceDown,
      faultDescription: v.faultDescription.trim(),
      channel: hospital ? 'portal' : v.channel,
      reporterName: v.reporterName.trim(),
      reporterPhone: v.reporterPhone.trim(),
      ...(v.receivedAt ? { receivedAt: v.receivedAt.toISOString() } : {}),
      ...(v.urgency && v.urgency !== proposed ? { urgency: v.urgency, urgencyReason: v.urgencyReason?.trim() || undefined } : {}),
      ...(v.internal ? { internal: true } : {}),
    };
    register.mutate(body, {
      onSuccess: (r) => {
        message.success(t('service.registered', { number: r.number }));
        setCreated(r);
      },
      onError: fieldErrorsThen(form, (e) => setError(problemText(e))),
    });
  };

  if (created) {
    return (
      <Card data-testid="request-created">
        <Result
          status={created.urgency === 'emergency' ? 'warning' : 'success'}
          title={t('service.registered', { number: created.number })}
          subTitle={created.urgency === 'emergency' ? t('service.emergencyNotified') : undefined}
          extra={
            <Space wrap>
              <Button type="primary" data-testid="request-open" onClick={() => navigate(`/requests/${created.id}`)}>
                {t('service.openRequest')}
              </Button>
              {created.workOrderId && !hospital && (
                <Button data-testid="request-open-wo" onClick={() => navigate(`/work-orders/${created.workOrderId}`)}>
                  {t('service.openWorkOrder')} {created.workOrderNumber}
                </Button>
              )}
              <Button
                onClick={() => {
                  setCreated(null);
                  form.resetFields();
                  setDevice(undefined);
                }}
              >
                {t('service.registerAnother')}
              </Button>
            </Space>
          }
        />
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
          <Descriptions.Item label={t('service.requestNumber')}>
            <span data-testid="created-number">{created.number}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('service.urgency')}>
            <span data-testid="created-urgency">
              <UrgencyTag value={created.urgency} />
            </span>
            {created.urgency !== created.proposedUrgency && (
              <Typography.Text type="secondary">
                {t('service.proposed')}: {t(`service.urgencies.${created.proposedUrgency}`)} · {created.urgencyReason}
              </Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('service.category')}>
            <span data-testid="created-category">
              <CategoryTag value={created.category} />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('service.workOrder')}>
            <span data-testid="created-wo" data-id={created.workOrderId ?? ''}>
              {created.workOrderNumber ?? '—'}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('device.title')}>
            {created.serialNumber} · {created.modelName}
          </Descriptions.Item>
          <Descriptions.Item label={t('device.customer')}>{created.customerName}</Descriptions.Item>
        </Descriptions>
        <FlagAlerts flags={created.flags} />
      </Card>
    );
  }

  const others = openOnDevice.data?.items ?? [];
  return (
    <Card
      title={<PageTitle>{hospital ? t('menu.reportFault') : t('service.newRequest')}</PageTitle>}
      extra={<Link to="/requests">{t('common.back')}</Link>}
      style={{ maxWidth: 860 }}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="request-form"
        initialValues={{
          channel: hospital ? 'portal' : 'phone',
          deviceDown: false,
          reporterName: hospital ? me.displayName : undefined,
        }}
      >
        <Form.Item name="deviceId" label={t('service.device')} rules={[{ required: true, message: t('service.deviceRequired') }]}>
          <DevicePicker
            initial={preset.data}
            onChange={(id, d) => {
              form.setFieldsValue({ deviceId: id });
              setDevice(d);
            }}
          />
        </Form.Item>
        {device && (
          <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }} data-testid="request-device-info">
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
              <Descriptions.Item label={t('device.model')}>{device.modelName}</Descriptions.Item>
              <Descriptions.Item label={t('device.customer')}>{device.customerName}</Descriptions.Item>
              <Descriptions.Item label={t('device.coverage')}>
                <EnumTag ns="device.coverages" value={device.coverage?.category} />
                {device.coverage?.until ? ` ${t('device.coverageUntil')} ${device.coverage.until}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('device.site')}>
                {device.siteName ?? '—'} <EnumTag ns="customer.regions" value={device.regionClass} />
              </Descriptions.Item>
              <Descriptions.Item label={t('model.criticality')}>
                <EnumTag ns="model.criticalities" value={device.criticality} />
              </Descriptions.Item>
              <Descriptions.Item label={t('device.status')}>
                <EnumTag ns="device.statuses" value={device.status} />
              </Descriptions.Item>
            </Descriptions>
            <AccessoryWarranties deviceId={device.id} />
            {/* R-REG-1: a request raised on a held unit warns with the hold's reason. */}
            <HoldBanner hold={device.hold} />
            <FlagAlerts
              flags={{
                safetyHold: device.status === 'safety_hold',
                openRequestNumbers: others.map((r) => r.number),
                notAccepted: !device.acceptanceDate,
              }}
              links={others}
            />
          </Space>
        )}
        <Form.Item name="deviceDown" label={t('service.deviceDown')}>
          <Radio.Group
            data-testid="request-down"
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: false, label: t('service.stillWorking') },
              { value: true, label: t('service.isDown') },
            ]}
          />
        </Form.Item>
        <Form.Item name="faultDescription" label={t('service.fault')} rules={[{ required: true, whitespace: true, max: 4000 }]}>
          <Input.TextArea data-testid="request-fault" rows={4} placeholder={t('service.faultPlaceholder')} />
        </Form.Item>
        {/* Issue 15 §5 (R-KB-1): similar solved problems of this model while the fault is described. */}
        <HandbookSuggestions deviceId={device?.id} text={faultText} />
        <Space wrap size={16} style={{ width: '100%' }}>
          <Form.Item name="reporterName" label={t('service.reporter')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input data-testid="request-reporter" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="reporterPhone" label={t('common.phone')} rules={[{ required: true, whitespace: true, max: 50 }]}>
            <Input data-testid="request-phone" inputMode="tel" style={{ width: 200 }} />
          </Form.Item>
          {!hospital && (
            <Form.Item name="channel" label={t('service.channel')} rules={[{ required: true }]}>
              <Select data-testid="request-channel" style={{ width: 140 }} options={CHANNELS.map((c) => ({ value: c, label: t(`service.channels.${c}`) }))} />
            </Form.Item>
          )}
          {!hospital && (
            <Form.Item name="receivedAt" label={t('service.receivedAt')} tooltip={t('service.receivedAtHint')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          )}
        </Space>
        {!hospital && (
          <Card size="small" title={t('service.urgency')} style={{ marginBottom: 16 }} data-testid="request-urgency-card">
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <span>{t('service.proposed')}:</span>
                {proposed ? (
                  <span data-testid="request-proposed">
                    <UrgencyTag value={proposed} />
                  </span>
                ) : (
                  <Typography.Text type="secondary">{t('service.pickDeviceFirst')}</Typography.Text>
                )}
                <Typography.Text type="secondary">{t('service.proposalRule')}</Typography.Text>
              </Space>
              <Form.Item name="urgency" label={t('service.urgencyOverride')} style={{ marginBottom: 8 }}>
                <Select
                  data-testid="request-urgency"
                  allowClear
                  placeholder={t('service.acceptProposal')}
                  style={{ width: 200 }}
                  options={URGENCIES.map((u) => ({ value: u, label: t(`service.urgencies.${u}`) }))}
                />
              </Form.Item>
              {overriding && (
                <Form.Item
                  name="urgencyReason"
                  label={t('service.urgencyReason')}
                  rules={[{ required: true, whitespace: true, message: t('service.urgencyReasonRequired') }, { max: 500 }]}
                >
                  <Input.TextArea data-testid="request-urgency-reason" rows={2} />
                </Form.Item>
              )}
              <Form.Item name="internal" valuePropName="checked" style={{ marginBottom: 0 }}>
                <Checkbox>{t('service.internal')}</Checkbox>
              </Form.Item>
            </Space>
          </Card>
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="request-error" />}
        <Button data-testid="request-submit" type="primary" size="large" loading={register.isPending} onClick={submit} block={hospital}>
          {hospital ? t('service.submitReport') : t('service.register')}
        </Button>
      </Form>
    </Card>
  );
}

export function FlagAlerts({ flags, links }: { flags: ServiceRequest['flags']; links?: { id: string; number: string }[] }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="request-flags">
      {flags.safetyHold && <Alert type="error" showIcon title={t('service.flags.safetyHold')} />}
      {flags.openRequestNumbers.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('service.flags.openRequests')}
          description={
            links?.length
              ? links.map((r) => (
                  <Link key={r.id} to={`/requests/${r.id}`} style={{ marginInlineEnd: 8 }}>
                    {r.number}
                  </Link>
                ))
              : flags.openRequestNumbers.join('、')
          }
        />
      )}
      {flags.notAccepted && <Alert type="info" showIcon title={t('service.flags.notAccepted')} />}
    </Space>
  );
}
