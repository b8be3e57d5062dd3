// 设备追溯档案 (R-REG-5, issue 14 §5; 办法§23 如实提供有关情况和资料): everything about one unit on one
// page for a regulator's inspection — the unit, sites over time, contracts, every work order,
// parts fitted and removed with lots/serials, each event-like section the server lists, and the
// signatures with their manifestation — with the PDF and Excel exports for those who may export.
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, download } from '../../api';
import { type DeviceDossier, useDossier } from '../../api/hooks/traceability';
import { LoadFailed } from '../../components/LoadFailed';
import { PageTitle } from '../../components/PageTitle';
import { EnumTag } from '../../components/pickers';
import { StaticTable } from '../../components/StaticTable';

const day = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');
const when = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

type Section = DeviceDossier['sections'][number];

function EventSection({ s }: { s: Section }) {
  const { t, i18n } = useTranslation();
  return (
    <Card size="small" title={i18n.language === 'en-US' ? s.titleEn : s.titleZh} data-testid={`dossier-section-${s.key}`}>
      <StaticTable
        rowKey={(r) => `${r.kind}-${r.at}-${r.number ?? ''}-${r.title}`}
        dataSource={s.entries}
        locale={{ emptyText: t('trace.dossier.empty') }}
        columns={[
          { key: 'at', title: t('trace.date'), render: (_, r) => day(r.at), width: 110 },
          { key: 'number', title: t('trace.dossier.number'), render: (_, r) => (r.link ? <Link to={r.link}>{r.number ?? '→'}</Link> : (r.number ?? '—')) },
          { key: 'title', dataIndex: 'title', title: t('trace.dossier.content') },
          { key: 'status', dataIndex: 'status', title: t('trace.dossier.statusCol') },
        ]}
      />
    </Card>
  );
}

export function DossierPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const q = useDossier(id);
  if (q.isLoading) return <Spin />;
  if (q.error || !q.data)
    return <LoadFailed error={q.error} text={q.error instanceof ApiError ? q.error.problem.detail : String(q.error)} back={`/devices/${id}`} />;
  const d = q.data;
  const u = d.unit;
  const get = (what: 'pdf' | 'xlsx') =>
    download(`/api/v1/devices/${id}/dossier/${what}`, `dossier-${u.serialNumber}.${what}`).catch((e) =>
      message.error(e instanceof ApiError ? (e.problem.detail ?? String(e)) : String(e)),
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="dossier-page">
      <Card
        title={
          <Space wrap>
            <PageTitle>{`${t('trace.dossier.title')} ${u.serialNumber}`}</PageTitle>
            <EnumTag ns="device.statuses" value={u.status} />
          </Space>
        }
        extra={
          d.abilities.export && (
            <Space wrap>
              <Button icon={<FilePdfOutlined />} onClick={() => get('pdf')} data-testid="dossier-pdf">
                {t('trace.dossier.pdf')}
              </Button>
              <Button icon={<FileExcelOutlined />} onClick={() => get('xlsx')} data-testid="dossier-xlsx">
                {t('trace.dossier.excel')}
              </Button>
            </Space>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('trace.dossier.basis')}</Typography.Paragraph>
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} title={t('trace.dossier.unit')}>
          <Descriptions.Item label={t('trace.model')}>
            {u.modelName} ({u.modelCode})
          </Descriptions.Item>
          <Descriptions.Item label={t('trace.serial')}>
            <Link to={`/devices/${u.id}`}>{u.serialNumber}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="UDI">{u.udi ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('trace.dossier.manufacturer')}>{u.manufacturer ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('trace.dossier.regulatoryClass')}>
            {u.regulatoryClass}
            {u.implantable && <Tag style={{ marginLeft: 8 }}>{t('trace.dossier.implantable')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('trace.softwareVersion')}>{u.softwareVersion ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('trace.customer')}>{u.customerName}</Descriptions.Item>
          <Descriptions.Item label={t('trace.location')}>{[u.siteName, u.departmentName, u.location].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('trace.dossier.installDate')}>{u.installDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('trace.dossier.acceptanceDate')}>{u.acceptanceDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('trace.dossier.warrantyEnd')}>{u.warrantyEnd ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>

      {d.placements.length > 0 && (
        <Card size="small" title={t('trace.dossier.placements')}>
          <StaticTable
            rowKey={(r) => r.from}
            dataSource={d.placements}
            columns={[
              { key: 'from', title: t('trace.dossier.from'), render: (_, r) => day(r.from) },
              { key: 'to', title: t('trace.dossier.to'), render: (_, r) => (r.to ? day(r.to) : t('trace.dossier.now')) },
              { key: 'customer', dataIndex: 'customerName', title: t('trace.customer') },
              { key: 'where', title: t('trace.location'), render: (_, r) => [r.siteName, r.departmentName, r.location].filter(Boolean).join(' · ') || '—' },
              { key: 'by', dataIndex: 'actorName', title: t('trace.dossier.recordedBy') },
            ]}
          />
        </Card>
      )}

      <Card size="small" title={t('trace.dossier.contracts')}>
        <StaticTable
          dataSource={d.contracts}
          locale={{ emptyText: t('trace.dossier.empty') }}
          columns={[
            { key: 'number', dataIndex: 'number', title: t('trace.dossier.contractNumber') },
            { key: 'kind', dataIndex: 'kind', title: t('trace.dossier.kind'), render: (v) => <EnumTag ns="contract.kinds" value={v} /> },
            { key: 'start', dataIndex: 'startDate', title: t('trace.dossier.start') },
            { key: 'end', dataIndex: 'endDate', title: t('trace.dossier.end') },
          ]}
        />
      </Card>

      <Card size="small" title={`${t('trace.dossier.workOrders')} (${d.workOrders.length})`} data-testid="dossier-work-orders">
        <StaticTable
          dataSource={d.workOrders}
          locale={{ emptyText: t('trace.dossier.empty') }}
          pagination={d.workOrders.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          columns={[
            { key: 'number', title: t('trace.workOrder'), render: (_, r) => <Link to={`/work-orders/${r.id}`}>{r.number}</Link> },
            { key: 'kind', dataIndex: 'kind', title: t('trace.dossier.kind'), render: (v) => <EnumTag ns="service.woKinds" value={v} /> },
            { key: 'status', dataIndex: 'status', title: t('trace.dossier.statusCol'), render: (v) => <EnumTag ns="service.woStatuses" value={v} /> },
            { key: 'created', title: t('trace.dossier.created'), render: (_, r) => when(r.createdAt) },
            { key: 'resolved', title: t('trace.dossier.resolved'), render: (_, r) => when(r.resolvedAt) },
            { key: 'engineer', dataIndex: 'engineerName', title: t('trace.dossier.engineer') },
            { key: 'fault', dataIndex: 'fault', title: t('trace.dossier.fault'), ellipsis: true },
            { key: 'outcome', title: t('trace.dossier.outcome'), ellipsis: true, render: (_, r) => r.actions ?? r.testResults ?? '—' },
          ]}
        />
      </Card>

      <Card size="small" title={t('trace.dossier.parts')} data-testid="dossier-parts">
        <StaticTable
          dataSource={d.parts}
          locale={{ emptyText: t('trace.dossier.empty') }}
          columns={[
            { key: 'at', title: t('trace.date'), render: (_, r) => day(r.at) },
            { key: 'wo', title: t('trace.workOrder'), render: (_, r) => <Link to={`/work-orders/${r.workOrderId}`}>{r.workOrderNumber}</Link> },
            { key: 'part', title: t('trace.part'), render: (_, r) => `${r.partNo ?? ''} ${r.name}`.trim() },
            { key: 'qty', dataIndex: 'quantity', title: t('trace.qty') },
            { key: 'lot', dataIndex: 'lot', title: t('trace.lot'), render: (v) => v || '—' },
            { key: 'in', dataIndex: 'installedSerial', title: t('trace.installedSerial'), render: (v) => v ?? '—' },
            { key: 'out', dataIndex: 'removedSerial', title: t('trace.removedSerial'), render: (v) => v ?? '—' },
          ]}
        />
      </Card>

      {d.sections.map((s) => (
        <EventSection key={s.key} s={s} />
      ))}

      <Card size="small" title={t('trace.dossier.signatures')} data-testid="dossier-signatures">
        {d.signatures.length === 0 ? (
          <Typography.Text type="secondary">{t('trace.dossier.empty')}</Typography.Text>
        ) : (
          <Space direction="vertical" size={2}>
            {d.signatures.map((s) => (
              <Typography.Text key={s.id} style={{ fontSize: 12 }}>
                {s.number ? `${s.number} · ` : ''}
                {s.manifestation}
              </Typography.Text>
            ))}
          </Space>
        )}
      </Card>
    </Space>
  );
}
