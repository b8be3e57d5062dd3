// Everything about one unit on one screen: the record, its model, the computed coverage
// (SPEC §2), its contracts and its history (later modules add requests and work orders).

import { ApartmentOutlined, AuditOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api';
import { type DeviceDetail, useDevice } from '../../../api/hooks/devices';
import { useAbility, useMe } from '../../../auth';
import { AttachmentsPanel } from '../../../components/attachments/AttachmentsPanel';
import { LoadFailed } from '../../../components/LoadFailed';
import { PageTitle } from '../../../components/PageTitle';
import { EnumTag } from '../../../components/pickers';
import { RecordForm, useDelete } from '../../../components/RecordForm';
import { StaticTable } from '../../../components/StaticTable';
import { HoldBanner, PlaceHoldButton } from '../../holds/HoldsPage';
import { DeviceInstallationCard } from '../../install/device/DeviceInstallationCard';
import { MyOpenWorkOrders } from '../../labels/MyOpenWorkOrders';
import { DeviceLabelActions } from '../../labels/PrintLabels';
import { DeviceFields, deviceToBody, deviceToForm } from '../devices/DevicesPage';
import { DevicePartsHistory } from './components/DevicePartsHistory';
import { DeviceServiceSection } from './components/DeviceServiceSection';

export function DeviceDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const canEdit = useAbility('devices.update');
  const canDelete = useAbility('devices.delete');
  const canAudit = useAbility('audit.read');
  const hospital = !!useMe().customerId; // a hospital user belongs to one customer
  const del = useDelete();
  const [editing, setEditing] = useState(false);
  const q = useDevice(id);

  if (q.isLoading) return <Spin />;
  if (q.error || !q.data) return <LoadFailed error={q.error} text={q.error instanceof ApiError ? q.error.problem.detail : String(q.error)} back="/devices" />;
  const { device: d, model, contracts, timeline } = q.data;
  const cov = d.coverage;
  const eventLabel = (e: DeviceDetail['timeline'][number]) => {
    const [source, action] = e.kind.split('.');
    if (e.kind === 'device.down') {
      // A down period (issue 10 item 3): from the report to the resolution of its repair.
      const end = e.until ? dayjs(e.until) : dayjs();
      const minutes = Math.max(0, end.diff(dayjs(e.at), 'minute'));
      const duration = t('downtime.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
      const from = dayjs(e.at).format('YYYY-MM-DD HH:mm');
      const text = e.until
        ? t('downtime.period', { number: e.title, from, to: end.format('YYYY-MM-DD HH:mm'), duration })
        : t('downtime.ongoing', { number: e.title, from, duration });
      return (
        <Link to={`/requests/${e.ref}`} data-testid="device-down-period">
          {text}
        </Link>
      );
    }
    if (source === 'request') return <Link to={`/requests/${e.ref}`}>{`${t('device.events.received')} ${e.title}`}</Link>;
    if (source === 'workorder') {
      const what = action === 'opened' ? t('device.events.opened') : t(`service.woStatuses.${action}`, { defaultValue: action });
      return <Link to={`/work-orders/${e.ref}`}>{`${e.title} · ${what}`}</Link>;
    }
    // Issue 12: every kind of contact — calls, consultations, installation milestones, training.
    if (source === 'call') return `${t(`device.contact.call_${action}`)} · ${e.title}`;
    if (source === 'consultation') return <Link to={`/consultations/${e.ref}`}>{`${t(`device.contact.consultation_${action}`)} ${e.title}`}</Link>;
    if (source === 'installation')
      return <Link to={`/installations/${e.ref}`}>{`${t(`device.contact.installation_${action}`, { defaultValue: action })} · ${e.title}`}</Link>;
    if (source === 'training') return <Link to={`/training/sessions/${e.ref}`}>{`${t('device.contact.training_session')} · ${e.title}`}</Link>;
    return t(`device.events.${action}`, { defaultValue: e.kind });
  };
  const dateOnly = (kind: string) => kind === 'device.accepted' || kind === 'device.installed' || kind === 'training.session';

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="device-detail">
      {/* R-REG-1: a held unit reads 停用：请勿使用 with its reason above everything else. */}
      <HoldBanner hold={d.hold} />
      <MyOpenWorkOrders deviceId={d.id} />
      <Card
        title={
          <Space wrap>
            <PageTitle data-testid="device-serial-title">{d.serialNumber}</PageTitle>
            <EnumTag ns="device.statuses" value={d.status} />
            <EnumTag ns="model.criticalities" value={d.criticality} />
          </Space>
        }
        extra={
          <Space wrap>
            {!hospital && !d.hold && d.status !== 'retired' && <PlaceHoldButton deviceId={d.id} />}
            <DeviceLabelActions deviceId={d.id} />
            <Button icon={<ApartmentOutlined />} onClick={() => navigate(`/devices/${d.id}/dossier`)} data-testid="device-dossier">
              {t('trace.dossierButton')}
            </Button>
            {canAudit && (
              <Button icon={<AuditOutlined />} onClick={() => navigate(`/audit?entityId=${d.id}`)}>
                {t('audit.history')}
              </Button>
            )}
            {canEdit && (
              <Button data-testid="device-edit" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
            {canDelete && (
              <Button danger icon={<DeleteOutlined />} onClick={() => del('/api/v1/devices', d, () => navigate('/devices'))}>
                {t('common.delete')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('device.model')}>
            {model.name} ({model.code})
          </Descriptions.Item>
          <Descriptions.Item label={t('device.customer')}>
            <Link to={`/customers/${d.customerId}`}>{d.customerName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('device.department')}>{d.departmentName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('device.site')}>
            {d.siteName ?? '—'} {d.regionClass && <EnumTag ns="customer.regions" value={d.regionClass} />}
          </Descriptions.Item>
          <Descriptions.Item label={t('device.location')}>{d.location ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('device.udi')}>
            <Typography.Text copyable={!!d.udi}>{d.udi ?? '—'}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('device.installDate')}>{d.installDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('device.acceptanceDate')}>{d.acceptanceDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('device.warrantyEnd')}>
            {/* Derived from acceptance + the model's term, or an override with its reason (issue 10 item 2). */}
            <span data-testid="device-warranty-end-value">{d.warrantyEnd ?? '—'}</span>
            {d.warrantyEndOverride && (
              <>
                {' '}
                <Tag color="orange" data-testid="device-warranty-overridden">
                  {t('warranty.overridden')}
                </Tag>
                <Typography.Text type="secondary" data-testid="device-warranty-reason-value">
                  {t('warranty.reason')}：{d.warrantyOverrideReason}
                </Typography.Text>
              </>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('device.softwareVersion')}>{d.softwareVersion ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('common.notes')}>{d.notes ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('device.coverage')} size="small" data-testid="device-coverage">
            <Space direction="vertical">
              <Space wrap>
                <EnumTag ns="device.coverages" value={cov.category} />
                <span>{t(`device.bases.${cov.basis}`)}</span>
                {cov.contractNumber && <Tag>{cov.contractNumber}</Tag>}
              </Space>
              {cov.until && (
                <span>
                  {t('device.coverageUntil')}: {cov.until}
                </span>
              )}
              {cov.note === 'not_accepted' && <Alert type="warning" showIcon title={t('device.notAccepted')} />}
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('device.modelInfo')} size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('model.category')}>{t(`model.categories.${model.category}`)}</Descriptions.Item>
              <Descriptions.Item label={t('model.manufacturer')}>{model.manufacturer ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('model.regulatoryClass')}>{model.regulatoryClass}</Descriptions.Item>
              <Descriptions.Item label={t('model.implantable')}>{model.implantable ? t('common.yes') : t('common.no')}</Descriptions.Item>
              <Descriptions.Item label={t('model.warrantyMonths')}>{model.warrantyMonths}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>

      <DeviceServiceSection deviceId={d.id} />
      <DeviceInstallationCard deviceId={d.id} />
      {/* Issue 12 item 0: nameplate, installation photos, documents of this unit. */}
      <AttachmentsPanel ownerKind="device" ownerId={d.id} canUpload={canEdit} />
      {!hospital && (
        <Card title={t('parts.swapsTitle')} size="small">
          <DevicePartsHistory deviceId={d.id} />
        </Card>
      )}

      <Card title={t('device.contracts')} size="small">
        <StaticTable
          dataSource={contracts}
          columns={[
            { dataIndex: 'number', title: t('contract.number'), render: (v) => <Link to={`/contracts?q=${encodeURIComponent(v)}`}>{v}</Link> },
            { dataIndex: 'kind', title: t('contract.kind'), render: (v) => <EnumTag ns="contract.kinds" value={v} /> },
            { key: 'period', title: t('contract.period'), render: (_, r) => `${r.startDate} ~ ${r.endDate}` },
            { dataIndex: 'slaPolicy', title: t('contract.slaPolicy') },
            { dataIndex: 'visitsPerYear', title: t('contract.visitsPerYear') },
          ]}
        />
      </Card>

      <Card title={t('device.timeline')} size="small" data-testid="device-timeline">
        {timeline.length === 0 ? (
          <Typography.Text type="secondary">{t('device.noTimeline')}</Typography.Text>
        ) : (
          <Timeline
            items={timeline.map((e, i) => ({
              key: `${e.kind}-${e.ref ?? i}`,
              content: (
                <Space direction="vertical" size={0}>
                  <strong>{eventLabel(e)}</strong>
                  <Typography.Text type="secondary">
                    {dayjs(e.at).format(dateOnly(e.kind) ? 'YYYY-MM-DD' : 'YYYY-MM-DD HH:mm')}
                    {e.actorName ? ` · ${e.actorName}` : ''}
                  </Typography.Text>
                </Space>
              ),
            }))}
          />
        )}
      </Card>

      <RecordForm
        testId="device"
        open={editing}
        title={t('device.title')}
        endpoint="/api/v1/devices"
        record={d}
        toForm={(r) => deviceToForm({ ...r })}
        toBody={(v) => {
          const { customerId: _c, ...rest } = deviceToBody(v);
          return rest;
        }}
        onClose={() => setEditing(false)}
      >
        {() => <DeviceFields editing />}
      </RecordForm>
    </Space>
  );
}
