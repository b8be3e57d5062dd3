// 月度巡检报告 (issue 13 §1; seed 002: 每月对所有维护期内的系统巡检一次，并对每个系统形成一份月度巡检报告):
// pick a customer (a hospital user: its own, fixed) and a month; the summary (systems, planned vs
// done, overdue, readings out of range, open findings), each device's visits of the month and the
// planned visits; "下载 PDF" fetches the Chinese report the customer receives.
import { App as AntApp, Button, Card, DatePicker, Descriptions, Empty, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, download } from '../../../api';
import { type MonthlyReport, monthlyReportPdfUrl, useMonthlyReport } from '../../../api/hooks/maintenanceReports';
import { useMe } from '../../../auth';
import { businessToday } from '../../../businessDay';
import { PageTitle } from '../../../components/PageTitle';
import { CustomerSelect } from '../../../components/pickers';

type Device = MonthlyReport['devices'][number];
type Visit = Device['visits'][number];
type Planned = MonthlyReport['plannedVisits'][number];

export function MonthlyReportPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const me = useMe();
  const hospital = !!me.customerId;
  const [picked, setPicked] = useState<string | undefined>();
  const customerId = hospital ? (me.customerId ?? undefined) : picked;
  // The month just finished is the one a report is wanted for (seed 002: 每月…形成月度巡检报告); this month is allowed too.
  const [month, setMonth] = useState<Dayjs>(() => businessToday().subtract(1, 'month'));
  const m = month.format('YYYY-MM');
  const q = useMonthlyReport(customerId ? { customerId, month: m } : null);
  const [busy, setBusy] = useState(false);
  const pdf = async () => {
    if (!customerId) return;
    setBusy(true);
    try {
      await download(monthlyReportPdfUrl({ customerId, month: m }), `inspection-report-${m}.pdf`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.problem.detail : String(e));
    } finally {
      setBusy(false);
    }
  };
  const s = q.data?.summary;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="monthly-report">
      <PageTitle>{t('maintenance.report.title')}</PageTitle>
      <Space wrap>
        {!hospital && (
          <CustomerSelect
            data-testid="report-customer"
            style={{ width: 280, maxWidth: '100%' }}
            placeholder={t('maintenance.report.customer')}
            value={picked}
            onChange={(v) => setPicked(v as string | undefined)}
          />
        )}
        <DatePicker
          data-testid="report-month"
          picker="month"
          allowClear={false}
          value={month}
          disabledDate={(d) => d.isAfter(businessToday(), 'month')}
          onChange={(v) => v && setMonth(v)}
        />
        <Button type="primary" data-testid="report-pdf" disabled={!customerId || !q.data} loading={busy} onClick={pdf}>
          {t('maintenance.report.downloadPdf')}
        </Button>
      </Space>
      {!customerId && <Empty description={t('maintenance.report.pickCustomer')} />}
      {customerId && q.isError && <Empty description={q.error instanceof ApiError ? q.error.problem.detail : t('maintenance.report.failed')} />}
      {s && q.data && (
        <>
          <Card size="small" title={`${q.data.customerName} · ${m}`}>
            <Descriptions size="small" column={{ xs: 1, sm: 2, md: 5 }} data-testid="report-summary">
              <Descriptions.Item label={t('maintenance.report.systems')}>{s.systems}</Descriptions.Item>
              <Descriptions.Item label={t('maintenance.report.plannedDone')}>
                {s.doneVisits} / {s.plannedVisits}
              </Descriptions.Item>
              <Descriptions.Item label={t('maintenance.report.overdue')}>
                {s.overdueVisits > 0 ? <Tag color="red">{s.overdueVisits}</Tag> : 0}
                {s.missedVisits > 0 && <Tag>{t('maintenance.report.missed', { n: s.missedVisits })}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('maintenance.report.recorded')}>{s.recordedVisits}</Descriptions.Item>
              <Descriptions.Item label={t('maintenance.report.outOfRange')}>
                {s.outOfRange > 0 ? <Tag color="red">{s.outOfRange}</Tag> : 0} / {s.readings}
              </Descriptions.Item>
              <Descriptions.Item label={t('maintenance.report.openFindings')}>
                {s.openFindings > 0 ? <Tag color="orange">{s.openFindings}</Tag> : 0} / {s.findings}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('maintenance.report.devices')}>
            <Table<Device>
              size="small"
              rowKey="deviceId"
              data-testid="report-devices"
              pagination={false}
              scroll={{ x: 640 }}
              dataSource={q.data.devices}
              expandable={{ expandedRowRender: (d) => <DeviceDetail device={d} />, rowExpandable: (d) => d.visits.length > 0 || d.trends.length > 0 }}
              columns={[
                { title: t('maintenance.report.device'), render: (_, d) => `${d.modelName} ${d.serialNumber}` },
                { title: t('maintenance.report.department'), dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
                {
                  title: t('maintenance.report.underContract'),
                  dataIndex: 'underContract',
                  render: (v: boolean) => (v ? <Tag color="green">{t('maintenance.report.yes')}</Tag> : <Tag>{t('maintenance.report.no')}</Tag>),
                },
                {
                  title: t('maintenance.report.visits'),
                  render: (_, d) => (d.visits.length ? d.visits.length : <Tag color="red">{t('maintenance.report.noVisit')}</Tag>),
                },
                {
                  title: t('maintenance.report.outOfRange'),
                  render: (_, d) => {
                    const n = d.visits.flatMap((v) => v.readings).filter((r) => r.outOfRange).length;
                    return n ? <Tag color="red">{n}</Tag> : 0;
                  },
                },
                { title: t('maintenance.report.findings'), render: (_, d) => d.visits.flatMap((v) => v.findings).length },
              ]}
            />
          </Card>
          <Card size="small" title={t('maintenance.report.planned')}>
            <Table<Planned>
              size="small"
              rowKey="visitId"
              pagination={false}
              scroll={{ x: 560 }}
              dataSource={q.data.plannedVisits}
              columns={[
                { title: t('maintenance.report.plannedDate'), dataIndex: 'plannedDate' },
                { title: t('maintenance.report.device'), dataIndex: 'serialNumber' },
                { title: t('maintenance.report.engineer'), dataIndex: 'engineerName', render: (v: string | null) => v ?? '—' },
                {
                  title: t('maintenance.report.status'),
                  render: (_, p) => (
                    <Space size={4}>
                      {t(`maintenance.plans.status.${p.status}`)}
                      {p.overdue && <Tag color="red">{t('maintenance.report.overdueTag')}</Tag>}
                    </Space>
                  ),
                },
                { title: t('maintenance.report.workOrder'), dataIndex: 'workOrderNumber', render: (v: string | null) => v ?? '—' },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}

/** A device's visits of the month and, per check, its last six months of values (the PDF draws them as charts). */
function DeviceDetail({ device }: { device: Device }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Visits visits={device.visits} />
      {device.trends.length > 0 && (
        <Card size="small" title={t('maintenance.report.trends')}>
          {device.trends.map((tr) => (
            <div key={tr.checkKey}>
              {tr.label}
              {tr.unit ? ` (${tr.unit})` : ''}:{' '}
              {tr.points.map((p, i) => (
                <span key={`${p.date}-${p.value}`} style={{ color: p.outOfRange ? '#cf1322' : undefined }} title={p.date}>
                  {i > 0 ? ' → ' : ''}
                  {p.value}
                </span>
              ))}
            </div>
          ))}
        </Card>
      )}
    </Space>
  );
}

function Visits({ visits }: { visits: Visit[] }) {
  const { t } = useTranslation();
  const hm = (at: string | null) => (at ? dayjs(at).format('HH:mm') : '—');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {visits.map((v) => (
        <Card
          key={v.workOrderId}
          size="small"
          title={
            <Space wrap size={4}>
              <span>{v.date}</span>
              <Link to={`/work-orders/${v.workOrderId}`}>{v.workOrderNumber}</Link>
              <span>{v.engineerName ?? ''}</span>
            </Space>
          }
        >
          <div>
            {t('maintenance.report.onSite')}: {hm(v.arrivedAt)}–{hm(v.departedAt)}
            {v.onSiteMinutes !== null && ` (${t('maintenance.report.minutes', { n: v.onSiteMinutes })})`} · {t('maintenance.report.signer')}:{' '}
            {v.signerName ?? t('maintenance.report.unsigned')}
          </div>
          <div>
            {t('maintenance.report.tasksDone', {
              done: v.tasks.filter((x) => x.done).length,
              total: v.tasks.length,
            })}
          </div>
          {v.readings.map((r) => (
            <Tag key={r.checkKey} color={r.outOfRange ? 'red' : undefined}>
              {r.label}: {r.value}
              {r.unit ? ` ${r.unit}` : ''}
              {r.outOfRange ? ` ${t('maintenance.report.outOfRangeTag')}` : ''}
            </Tag>
          ))}
          {v.findings.map((f) => (
            <div key={`${f.description}-${f.requestNumber}`}>
              {f.description} — {f.fixedOnSpot ? t('maintenance.report.fixedOnSpot') : `${t('maintenance.report.repair')} ${f.requestNumber ?? ''}`}
            </div>
          ))}
        </Card>
      ))}
    </Space>
  );
}
