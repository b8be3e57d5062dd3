// Daily reports (R-WO-7), generated from recorded work: 技术员工作日报表 (one person's day —
// engineers and technicians see their own, managers and customer service pick anyone) and
// 服务主任日报表 (everyone's day, requests, emergencies, SLA events, same-day misses). Both as
// tables with totals and as Excel.

import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Result, Segmented, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, download, qs } from '../../../../api';
import { useEngineers } from '../../../../api/hooks/engineerProfiles';
import {
  type BriefOrder as Brief,
  type SupervisorEngineer as Eng,
  type TechnicianOrder as TechOrder,
  type DailyTotals as Totals,
  useSupervisorDaily,
  useTechnicianDaily,
} from '../../../../api/hooks/reports';
import { useAbility, useMe } from '../../../../auth';
import { businessToday } from '../../../../businessDay';
import { useListParams } from '../../../../components/ListPage';
import { PageTitle } from '../../../../components/PageTitle';
import { UnitFilter } from '../../../../components/pickers';
import { StaticTable } from '../../../../components/StaticTable';
import { CategoryTag, KindTag, problemText, type Urgency, UrgencyTag, WO_KINDS, type WoStatus, WoStatusTag } from '../../common';

const CATEGORIES = ['warranty', 'contract', 'paid', 'internal'] as const;
type Category = (typeof CATEGORIES)[number];

export function DailyReportsPage() {
  const { t } = useTranslation();
  const k = (s: string, o?: Record<string, unknown>) => t(`svcAdmin.reports.${s}`, o);
  const me = useMe();
  const fieldRole = useAbility('workorders.myWork');
  const canTech = useAbility('reports.technicianDaily');
  const canSup = useAbility('reports.supervisorDaily');
  const canAnyone = useAbility('reports.technicianDailyOfAnyone');
  const { value, set } = useListParams(['kind', 'date', 'userId', 'unitId']);
  const kind = value.kind === 'supervisor' && canSup ? 'supervisor' : canTech ? 'technician' : 'supervisor';
  const date = value.date && dayjs(value.date).isValid() ? value.date : businessToday().format('YYYY-MM-DD');
  const people = useEngineers(canAnyone && kind === 'technician');
  // A manager's own day is rarely the one wanted: default to the first field engineer.
  const firstPerson = fieldRole ? me.id : people.data?.items.find((p) => p.userId !== me.id)?.userId;
  const userId = canAnyone ? (value.userId ?? firstPerson) : me.id;
  if (!canTech && !canSup) return <Result status="403" title={t('common.forbidden')} />;

  const personOptions = [
    { value: me.id, label: me.displayName },
    ...(people.data?.items ?? []).filter((p) => p.userId !== me.id).map((p) => ({ value: p.userId, label: p.displayName })),
  ];

  return (
    <Card data-testid="daily-reports" title={<PageTitle>{k('title')}</PageTitle>} styles={{ body: { paddingTop: 12 } }}>
      <Space wrap style={{ marginBottom: 12 }}>
        {canTech && canSup && (
          <Segmented
            data-testid="report-kind"
            value={kind}
            onChange={(v) => set({ kind: v === 'technician' ? undefined : String(v) })}
            options={[
              { value: 'technician', label: k('technician') },
              { value: 'supervisor', label: k('supervisor') },
            ]}
          />
        )}
        <DatePicker
          data-testid="report-date"
          allowClear={false}
          inputReadOnly
          value={dayjs(date)}
          disabledDate={(d) => d.isAfter(businessToday().endOf('day'))}
          onChange={(d) => set({ date: d ? d.format('YYYY-MM-DD') : undefined })}
        />
        {kind === 'supervisor' && <UnitFilter placeholder={t('units.unit')} value={value.unitId} onChange={(v) => set({ unitId: v })} style={{ width: 170 }} />}
        {kind === 'technician' && canAnyone && (
          <Select
            data-testid="report-person"
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 220 }}
            value={userId}
            onChange={(v) => set({ userId: v })}
            options={personOptions}
            loading={people.isFetching}
          />
        )}
      </Space>
      {kind === 'supervisor' ? (
        <SupervisorReport date={date} unitId={value.unitId} />
      ) : userId ? (
        <TechnicianReport date={date} userId={userId === me.id ? undefined : userId} />
      ) : people.isLoading ? (
        <Spin />
      ) : (
        <TechnicianReport date={date} />
      )}
    </Card>
  );
}

function DownloadButton({ url, name }: { url: string; name: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Button data-testid="report-download" icon={<DownloadOutlined />} onClick={() => download(url, name).catch((e) => message.error(problemText(e)))}>
      {t('svcAdmin.reports.download')}
    </Button>
  );
}

function ReportError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.problem.status === 403) return <Result status="403" title={problemText(error) || t('common.forbidden')} />;
  return <Alert type="error" showIcon title={problemText(error)} />;
}

/** A right-aligned total in a report's summary row. */
function Total({ index, children }: { index: number; children: ReactNode }) {
  return (
    <Table.Summary.Cell index={index} align="right">
      {children}
    </Table.Summary.Cell>
  );
}

const hm = (iso: string) => dayjs(iso).format('HH:mm');

function TechnicianReport({ date, userId }: { date: string; userId?: string }) {
  const { t } = useTranslation();
  const k = (s: string, o?: Record<string, unknown>) => t(`svcAdmin.reports.${s}`, o);
  const params = { date, userId };
  const q = useTechnicianDaily(params);
  if (q.isLoading) return <Spin />;
  if (q.error || !q.data) return <ReportError error={q.error} />;
  const r = q.data;
  const tt = r.totals;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12} data-testid="technician-report">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text strong data-testid="report-person-name">
          {k('technician')} · {r.user.name} · {r.date}
        </Typography.Text>
        <DownloadButton url={`/api/v1/reports/technician-daily${qs({ ...params, format: 'xlsx' })}`} name={`technician-daily_${r.date}.xlsx`} />
      </Space>
      <StaticTable<TechOrder>
        data-testid="technician-table"
        rowKey="workOrderId"
        dataSource={r.orders}
        locale={{ emptyText: k('empty') }}
        columns={[
          { dataIndex: 'number', title: k('workOrder'), render: (v: string, o) => <Link to={`/work-orders/${o.workOrderId}`}>{v}</Link> },
          { dataIndex: 'customerName', title: k('customer') },
          { dataIndex: 'departmentName', title: k('department') },
          { key: 'device', title: k('device'), render: (_: unknown, o) => `${o.modelName} ${o.serialNumber}` },
          { dataIndex: 'category', title: k('category'), render: (v: Category) => <CategoryTag value={v} /> },
          {
            key: 'steps',
            title: k('steps'),
            render: (_: unknown, o) => (
              <div style={{ minWidth: 200 }}>
                {o.steps.map((s) => (
                  <div key={`${s.at}-${s.toStatus}`}>
                    {hm(s.at)} {t(`service.woStatuses.${s.toStatus}`)}
                    {!s.own && <Typography.Text type="secondary">（{s.actorName}）</Typography.Text>}
                  </div>
                ))}
              </div>
            ),
          },
          { dataIndex: 'statusAtEnd', title: k('statusAtEnd'), render: (v: WoStatus) => <WoStatusTag value={v} /> },
          { dataIndex: 'travelMinutes', title: k('travel'), align: 'right' },
          { dataIndex: 'onSiteMinutes', title: k('onSite'), align: 'right' },
          { dataIndex: 'recordedLabourMinutes', title: k('labour'), align: 'right' },
          { dataIndex: 'recordedTravelMinutes', title: k('recordedTravel'), align: 'right' },
          { key: 'parts', title: k('parts'), render: (_: unknown, o) => o.parts.map((p) => `${p.name}×${Number(p.quantity)}`).join('；') || '—' },
        ]}
        summary={() => (
          <Table.Summary.Row style={{ fontWeight: 600 }} data-testid="technician-totals">
            <Table.Summary.Cell index={0} colSpan={7}>
              {k('totalLine', { orders: tt.orders, resolved: tt.resolved })}
            </Table.Summary.Cell>
            <Total index={7}>{tt.travelMinutes}</Total>
            <Total index={8}>{tt.onSiteMinutes}</Total>
            <Total index={9}>{tt.recordedLabourMinutes}</Total>
            <Total index={10}>{tt.recordedTravelMinutes}</Total>
            <Table.Summary.Cell index={11}>{tt.partLines}</Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <CategoryTable totals={tt} />
      <Typography.Text type="secondary">{k('generatedAt', { at: dayjs(r.generatedAt).format('YYYY-MM-DD HH:mm'), tz: r.timeZone })}</Typography.Text>
    </Space>
  );
}

function CategoryTable({ totals }: { totals: Totals }) {
  const { t } = useTranslation();
  const k = (s: string) => t(`svcAdmin.reports.${s}`);
  const rows = CATEGORIES.map((c) => ({ c, ...totals.byCategory[c] }));
  return (
    <Card size="small" title={k('byCategory')}>
      <StaticTable
        data-testid="category-table"
        rowKey="c"
        dataSource={rows}
        columns={[
          { dataIndex: 'c', title: k('category'), render: (v: Category) => <CategoryTag value={v} /> },
          { dataIndex: 'orders', title: k('orders'), align: 'right' },
          { dataIndex: 'minutes', title: t('svcAdmin.reports.minutesOf', { label: k('time') }), align: 'right' },
        ]}
        summary={() => (
          <Table.Summary.Row style={{ fontWeight: 600 }}>
            <Table.Summary.Cell index={0}>{k('total')}</Table.Summary.Cell>
            <Total index={1}>{rows.reduce((n, r) => n + r.orders, 0)}</Total>
            <Total index={2}>{rows.reduce((n, r) => n + r.minutes, 0)}</Total>
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}

function BriefTable({ title, rows, testId }: { title: string; rows: Brief[]; testId: string }) {
  const { t } = useTranslation();
  const k = (s: string) => t(`svcAdmin.reports.${s}`);
  return (
    <Card size="small" title={`${title} (${rows.length})`} data-testid={testId}>
      <StaticTable<Brief>
        rowKey="workOrderId"
        dataSource={rows}
        locale={{ emptyText: t('common.none') }}
        columns={[
          { dataIndex: 'number', title: k('workOrder'), render: (v: string, o) => <Link to={`/work-orders/${o.workOrderId}`}>{v}</Link> },
          { dataIndex: 'customerName', title: k('customer') },
          { key: 'device', title: k('device'), render: (_: unknown, o) => `${o.modelName} ${o.serialNumber}` },
          { dataIndex: 'urgency', title: k('urgency'), render: (v: Urgency) => <UrgencyTag value={v} /> },
          { dataIndex: 'receivedAt', title: t('service.receivedAt'), render: (v: string) => dayjs(v).format('MM-DD HH:mm') },
          { dataIndex: 'status', title: k('status'), render: (v: WoStatus) => <WoStatusTag value={v} /> },
        ]}
      />
    </Card>
  );
}

function SupervisorReport({ date, unitId }: { date: string; unitId?: string }) {
  const { t } = useTranslation();
  const k = (s: string, o?: Record<string, unknown>) => t(`svcAdmin.reports.${s}`, o);
  const q = useSupervisorDaily({ date, unitId });
  if (q.isLoading) return <Spin />;
  if (q.error || !q.data) return <ReportError error={q.error} />;
  const r = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12} data-testid="supervisor-report">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text strong>
          {k('supervisor')} · {r.date}
        </Typography.Text>
        <DownloadButton url={`/api/v1/reports/supervisor-daily${qs({ date, unitId, format: 'xlsx' })}`} name={`supervisor-daily_${r.date}.xlsx`} />
      </Space>
      <Card size="small" title={k('summary')}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} data-testid="supervisor-summary">
          <Descriptions.Item label={k('received')}>
            <span data-testid="supervisor-received">{r.requests.received}</span>
          </Descriptions.Item>
          <Descriptions.Item label={k('dispatched')}>{r.requests.dispatched}</Descriptions.Item>
          <Descriptions.Item label={k('reassigned')}>{r.requests.reassigned}</Descriptions.Item>
          <Descriptions.Item label={k('resolved')}>{r.requests.resolved}</Descriptions.Item>
          <Descriptions.Item label={k('urgency')} span={2}>
            <Space wrap size={4}>
              {(['emergency', 'urgent', 'normal', 'low'] as const).map((u) => (
                <span key={u}>
                  <UrgencyTag value={u} />
                  {r.requests.receivedByUrgency[u]}
                </span>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={k('category')} span={2}>
            <Space wrap size={4}>
              {CATEGORIES.map((c) => (
                <span key={c}>
                  <CategoryTag value={c} />
                  {r.requests.receivedByCategory[c]}
                </span>
              ))}
            </Space>
          </Descriptions.Item>
          {/* Issue 12: the day by kind of job — opened / resolved / open at the day's end (kinds with any). */}
          <Descriptions.Item label={k('byKind')} span={2}>
            <Space wrap size={4} data-testid="supervisor-by-kind">
              {WO_KINDS.filter((kd) => r.byKind[kd].received + r.byKind[kd].resolved + r.byKind[kd].openAtEnd > 0).map((kd) => (
                <span key={kd}>
                  <KindTag value={kd} always />
                  {`${r.byKind[kd].received} / ${r.byKind[kd].resolved} / ${r.byKind[kd].openAtEnd}`}
                </span>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={k('openEmergencies')}>{r.openEmergencies.length}</Descriptions.Item>
          <Descriptions.Item label={k('slaWarnings')}>{r.sla.warnings}</Descriptions.Item>
          <Descriptions.Item label={k('slaBreaches')}>
            <Typography.Text type={r.sla.breaches > 0 ? 'danger' : undefined}>{r.sla.breaches}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={k('sameDayMisses')}>{r.sameDayMisses.length}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={k('engineer')}>
        <StaticTable<Eng>
          data-testid="supervisor-engineers"
          rowKey="userId"
          dataSource={r.engineers}
          locale={{ emptyText: k('empty') }}
          columns={[
            { dataIndex: 'name', title: k('engineer') },
            { dataIndex: 'orders', title: k('orders'), align: 'right' },
            { dataIndex: 'steps', title: k('stepsCount'), align: 'right' },
            { dataIndex: 'resolved', title: k('resolved'), align: 'right' },
            { dataIndex: 'travelMinutes', title: k('travel'), align: 'right' },
            { dataIndex: 'onSiteMinutes', title: k('onSite'), align: 'right' },
            ...CATEGORIES.map((c) => ({
              key: c,
              title: k('minutesOf', { label: t(`service.categories.${c}`) }),
              align: 'right' as const,
              render: (_: unknown, e: Eng) => e.byCategory[c].minutes,
            })),
            { dataIndex: 'recordedLabourMinutes', title: k('labour'), align: 'right' },
            { key: 'orders_list', title: k('workOrder'), render: (_: unknown, e) => e.orderNumbers.join(', ') },
          ]}
          summary={() => (
            <Table.Summary.Row style={{ fontWeight: 600 }} data-testid="supervisor-totals">
              <Table.Summary.Cell index={0}>{k('total')}</Table.Summary.Cell>
              <Total index={1}>{r.totals.orders}</Total>
              <Total index={2}>{r.totals.steps}</Total>
              <Total index={3}>{r.engineers.reduce((n, e) => n + e.resolved, 0)}</Total>
              <Total index={4}>{r.totals.travelMinutes}</Total>
              <Total index={5}>{r.totals.onSiteMinutes}</Total>
              {CATEGORIES.map((c, i) => (
                <Total key={c} index={6 + i}>
                  {r.engineers.reduce((n, e) => n + e.byCategory[c].minutes, 0)}
                </Total>
              ))}
              <Total index={10}>{r.engineers.reduce((n, e) => n + e.recordedLabourMinutes, 0)}</Total>
              <Table.Summary.Cell index={11} />
            </Table.Summary.Row>
          )}
        />
      </Card>
      <BriefTable title={k('openEmergencies')} rows={r.openEmergencies} testId="supervisor-emergencies" />
      <BriefTable title={k('sameDayMisses')} rows={r.sameDayMisses} testId="supervisor-sameday" />
      {r.sla.events.length > 0 && (
        <Card size="small" title={k('slaEvents')}>
          <StaticTable
            rowKey={(e) => `${e.requestId}-${e.clock}-${e.kind}-${e.at}`}
            dataSource={r.sla.events}
            columns={[
              { dataIndex: 'at', title: t('service.dueAt'), render: (v: string) => hm(v) },
              { dataIndex: 'requestNumber', title: t('service.requestNumber'), render: (v: string, e) => <Link to={`/requests/${e.requestId}`}>{v}</Link> },
              { dataIndex: 'clock', title: t('svcAdmin.atRisk.kind'), render: (v: string) => t(`service.clockKinds.${v}`) },
              { dataIndex: 'kind', title: k('status'), render: (v: string) => <Tag color={v === 'warning' ? 'orange' : 'red'}>{k(`eventKinds.${v}`)}</Tag> },
            ]}
          />
        </Card>
      )}
      <Typography.Text type="secondary">{k('generatedAt', { at: dayjs(r.generatedAt).format('YYYY-MM-DD HH:mm'), tz: r.timeZone })}</Typography.Text>
    </Space>
  );
}
