// One request: who called about which unit, its urgency and category, the SLA clocks
// (respond / arrive / restore / loaner) with deadlines and progress, pause/resume with a
// reason, the customer-contacted step, and the work order it produced.
import { PauseCircleOutlined, PhoneOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePause, useRequest, useRespond, useResume } from '../../../api/hooks/requests';
import { useMe } from '../../../auth';
import { Dialog } from '../../../components/Dialog';
import { validFields } from '../../../components/forms';
import { LoadFailed } from '../../../components/LoadFailed';
import { PageTitle } from '../../../components/PageTitle';
import { EnumTag } from '../../../components/pickers';
import { ClockBar } from '../blocks';
import { CategoryTag, problemText, RequestStatusTag, saveErrorText, UrgencyTag, WoStatusTag } from '../common';
import { FlagAlerts } from '../new-request/NewRequestPage';
import { LoanerSection } from '../work-order/components/LoanerSection';

export function RequestDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const hospital = !!useMe().customerId;
  const { message } = App.useApp();
  const [pausing, setPausing] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const q = useRequest(id);
  const respond = useRespond();
  const pause = usePause();
  const resume = useResume();

  if (q.isLoading) return <Spin />;
  if (q.error || !q.data) return <LoadFailed error={q.error} text={problemText(q.error)} back="/requests" />;
  const r = q.data;
  const can = r.abilities;
  const failed = (e: Error) => {
    message.error(saveErrorText(e, t));
    q.refetch();
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="request-detail">
      <Card
        title={
          <Space wrap>
            <PageTitle data-testid="request-number">{r.number}</PageTitle>
            <UrgencyTag value={r.urgency} />
            <RequestStatusTag value={r.status} />
            <CategoryTag value={r.category} />
          </Space>
        }
        extra={
          <Space wrap>
            {can.respond && (
              <Button
                data-testid="request-respond"
                icon={<PhoneOutlined />}
                loading={respond.isPending}
                onClick={() => respond.mutate({ id: r.id, version: r.version }, { onSuccess: () => message.success(t('service.responded')), onError: failed })}
              >
                {t('service.respond')}
              </Button>
            )}
            {can.pause && (
              <Button data-testid="request-pause" icon={<PauseCircleOutlined />} onClick={() => setPausing(true)}>
                {t('service.pause')}
              </Button>
            )}
            {can.resume && (
              <Button
                data-testid="request-resume"
                icon={<PlayCircleOutlined />}
                loading={resume.isPending}
                onClick={() => resume.mutate({ id: r.id, version: r.version }, { onSuccess: () => message.success(t('service.resumed')), onError: failed })}
              >
                {t('service.resume')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('device.title')}>
            <Link to={`/devices/${r.deviceId}`}>{r.serialNumber}</Link> · {r.modelName}
          </Descriptions.Item>
          <Descriptions.Item label={t('device.customer')}>
            {hospital ? r.customerName : <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>}{' '}
            <EnumTag ns="customer.regions" value={r.regionClass} />
          </Descriptions.Item>
          <Descriptions.Item label={t('service.receivedAt')}>{dayjs(r.receivedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          <Descriptions.Item label={t('service.reporter')}>
            {r.reporterName} · <a href={`tel:${r.reporterPhone}`}>{r.reporterPhone}</a>
          </Descriptions.Item>
          <Descriptions.Item label={t('service.channel')}>{t(`service.channels.${r.channel}`)}</Descriptions.Item>
          <Descriptions.Item label={t('service.deviceDown')}>{r.deviceDown ? t('service.isDown') : t('service.stillWorking')}</Descriptions.Item>
          {!hospital && <Descriptions.Item label={t('service.owner')}>{r.ownerName ?? '—'}</Descriptions.Item>}
          {r.urgency !== r.proposedUrgency && (
            <Descriptions.Item label={t('service.urgencyOverride')}>
              {t('service.proposed')}: {t(`service.urgencies.${r.proposedUrgency}`)} · {r.urgencyReason}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('service.fault')} span={3}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.faultDescription}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
        {r.priorityDispatch && <Alert type="warning" showIcon title={t('service.flaggedForMorningHint')} style={{ marginTop: 8 }} />}
        <div style={{ marginTop: 8 }}>
          <FlagAlerts flags={r.flags} />
        </div>
      </Card>

      <Card title={t('service.clocks')} size="small" data-testid="request-clocks">
        {r.clocks.length === 0 ? (
          <Typography.Text type="secondary">{t('service.noClocks')}</Typography.Text>
        ) : (
          r.clocks.map((c) => <ClockBar key={c.id} clock={c} />)
        )}
      </Card>

      <LoanerSection r={r} />

      <Card title={t('service.workOrder')} size="small" data-testid="request-work-order">
        {r.workOrderId ? (
          <Space wrap>
            <Link to={`/work-orders/${r.workOrderId}`} data-testid="request-wo-link">
              {r.workOrderNumber}
            </Link>
            <WoStatusTag value={r.workOrderStatus} />
            {hospital && r.workOrderStatus && (
              <Typography.Text type="secondary">{t(`service.progressHints.${r.workOrderStatus}`, { defaultValue: '' })}</Typography.Text>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('service.noWorkOrder')}</Typography.Text>
        )}
      </Card>

      <Dialog
        open={pausing}
        title={t('service.pauseTitle')}
        onCancel={() => setPausing(false)}
        okText={t('service.pause')}
        confirmLoading={pause.isPending}
        okTestId="pause-ok"
        onOk={async () => {
          const v = await validFields(form);
          if (!v) return;
          pause.mutate(
            { id: r.id, version: r.version, reason: v.reason.trim() },
            {
              onSuccess: () => {
                message.success(t('service.paused'));
                setPausing(false);
                form.resetFields();
              },
              onError: failed,
            },
          );
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('service.pauseReason')} rules={[{ required: true, whitespace: true, max: 500 }]}>
            <Input.TextArea data-testid="pause-reason" rows={3} placeholder={t('service.pauseReasonHint')} />
          </Form.Item>
        </Form>
      </Dialog>
    </Space>
  );
}
