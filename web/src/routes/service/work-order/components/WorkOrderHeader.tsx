// The work order's header card, built for the engineer's phone: number, status and deadline,
// the appointment (moved here by the office before arrival), the unit, where to go and whom to
// call with one tap, the team, the fault and the report PDF.
import { CalendarOutlined, EnvironmentOutlined, FilePdfOutlined, LockOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Grid, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Clock, useRequest } from '../../../../api/hooks/requests';
import type { WorkOrder } from '../../../../api/hooks/workOrders';
import { PageTitle } from '../../../../components/PageTitle';
import { DegradedTag } from '../../../escalations/tags';
import { CategoryTag, Countdown, FROZEN, KindTag, UrgencyTag, WoStatusTag } from '../../common';
import { RescheduleDialog } from '../../components/DispatchDialog';
import { TeamLine } from './WorkOrderExtras';

/** A tel: target: digits and + only ("010-6529 5000" dials as 01065295000). */
export const telOf = (phone: string) => phone.replace(/[^\d+]/g, '');
/** Any phone's map app opens this address search; no key, no script (geo: is not on iOS). */
export const mapUrl = (address: string) => `https://uri.amap.com/search?keyword=${encodeURIComponent(address)}`;

/** The running clock due first: the deadline the engineer works to. */
function nextClock(clocks: Clock[]): Clock | undefined {
  return clocks.filter((c) => !c.stoppedAt && !c.outcome && !c.pausedAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
}

export function WorkOrderHeader({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  const phone = !Grid.useBreakpoint().md;
  const [rescheduling, setRescheduling] = useState(false);
  const req = useRequest(wo.requestId);
  const clock = req.data ? nextClock(req.data.clocks) : undefined;
  const frozen = FROZEN.has(wo.status);
  const reschedule = wo.abilities.reschedule;
  return (
    <Card data-testid="wo-header" styles={{ body: { padding: phone ? 12 : 24 } }}>
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        <Space wrap size={8}>
          <PageTitle data-testid="wo-number">{wo.number}</PageTitle>
          <span data-testid="wo-status-now">
            <WoStatusTag value={wo.status} kind={wo.kind} />
            <DegradedTag at={wo.degradedAt} />
          </span>
          <KindTag value={wo.kind} always />
          <UrgencyTag value={wo.urgency} />
          <CategoryTag value={wo.category} />
          {frozen && (
            <Tag icon={<LockOutlined />} color="green" data-testid="wo-frozen">
              {t('workOrder.frozen')}
            </Tag>
          )}
        </Space>
        {clock && (
          <Space wrap data-testid="wo-deadline">
            <Countdown at={clock.dueAt} kind={clock.kind} />
            <Typography.Text type="secondary">{dayjs(clock.dueAt).format('MM-DD HH:mm')}</Typography.Text>
          </Space>
        )}
        {/* Planned arrival agreed with the customer (issue 10 item 12); moved with a reason before arrival. */}
        {(wo.appointmentAt || reschedule) && (
          <Space wrap data-testid="wo-appointment">
            <CalendarOutlined />
            <Typography.Text strong={!!wo.appointmentAt} type={wo.appointmentAt ? undefined : 'secondary'}>
              {wo.appointmentAt
                ? `${t('dispatchBoard.appointment')} ${dayjs(wo.appointmentAt).format('YYYY-MM-DD HH:mm')}${wo.appointmentEndAt ? `–${dayjs(wo.appointmentEndAt).format('HH:mm')}` : ''}`
                : t('dispatchBoard.noAppointment')}
            </Typography.Text>
            {reschedule && (
              <Button size="small" data-testid="wo-reschedule" onClick={() => setRescheduling(true)}>
                {t('dispatchBoard.reschedule')}
              </Button>
            )}
          </Space>
        )}
        <div>
          <Link to={`/devices/${wo.deviceId}`}>{wo.serialNumber}</Link> · {wo.modelName}
        </div>
        {/* Issue 12 item 2: the installation record this job was opened for by its notice. */}
        {wo.installation && (
          <Space wrap size={4} data-testid="wo-installation">
            {t('workOrder.installationRecord')}
            <Link to={`/installations/${wo.installation.id}`}>{wo.installation.number}</Link>
            <Tag>{t(`install.status.${wo.installation.status}`)}</Tag>
          </Space>
        )}
        {wo.installation && wo.status === 'on_site' && !wo.abilities.resolve && wo.leadEngineerId && (
          <Alert type="info" showIcon message={t('workOrder.installationNotCommissioned')} data-testid="wo-installation-hold" />
        )}
        <div>
          {wo.customerName}
          {wo.siteName ? ` · ${wo.siteName}` : ''}
          {wo.deviceLocation ? ` · ${wo.deviceLocation}` : ''}
        </div>
        {/* Where to go, tap to navigate or call (issue 10 item 15): a plain maps URL, no map API. */}
        {wo.siteAddress && (
          <Space wrap data-testid="wo-site">
            <EnvironmentOutlined />
            <span data-testid="wo-address">{wo.siteAddress}</span>
            <Button data-testid="wo-map" size="small" href={mapUrl(`${wo.customerName} ${wo.siteAddress}`)} target="_blank" rel="noopener">
              {t('site.map')}
            </Button>
          </Space>
        )}
        {wo.customerPhone && (
          <Space wrap>
            <span>{t('site.hospitalPhone')}:</span>
            <Button data-testid="wo-call-hospital" href={`tel:${telOf(wo.customerPhone)}`} icon={<PhoneOutlined />} size="small">
              {wo.customerPhone}
            </Button>
          </Space>
        )}
        <Space wrap>
          <span>
            {t('service.reporter')}: {wo.reporterName}
          </span>
          <Button data-testid="wo-call-reporter" href={`tel:${telOf(wo.reporterPhone)}`} icon={<PhoneOutlined />} size="small">
            {wo.reporterPhone}
          </Button>
          <Link to={`/requests/${wo.requestId}`}>{wo.requestNumber}</Link>
        </Space>
        <TeamLine wo={wo} />
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0, background: '#fafafa', padding: 8, borderRadius: 6 }}>
          {wo.faultDescription}
        </Typography.Paragraph>
        <div>
          <Button
            data-testid="wo-pdf-link"
            size="small"
            icon={<FilePdfOutlined />}
            href={`/api/v1/work-orders/${wo.id}/report.pdf`}
            target="_blank"
            rel="noopener"
          >
            {t('svcAdmin.pdf')}
          </Button>
        </div>
      </Space>
      {reschedule && <RescheduleDialog open={rescheduling} workOrder={wo} onClose={() => setRescheduling(false)} />}
    </Card>
  );
}
