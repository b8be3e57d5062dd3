// Quality tracking (质量跟踪, issue 14 §5, R-REG-6; seed 003 §4.7): the tracked models (why tracked,
// units, faults per 100 units per month as a sparkline, repeats, MTBF, 质量异常), searchable,
// filterable, sortable, exported to Excel; one model with its monthly trend chart, quality's flags
// (newly launched, unstable, visit cadence) and its tracking-visit plan vs done.
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  type QualityTrackedModel,
  type QualityTrackedModelDetail,
  type QualityTrendMonth,
  useQualityModel,
  useQualitySettings,
  useSaveQualitySettings,
  useSetNewLaunch,
  useSetUnstable,
  useSetVisitInterval,
} from '../../api/hooks/quality';
import { Dialog } from '../../components/Dialog';
import { validFields } from '../../components/forms';
import { ListPage } from '../../components/ListPage';
import { PageTitle } from '../../components/PageTitle';
import { EnumSelect } from '../../components/pickers';
import { fieldErrorsThen } from '../../components/RecordForm';
import { useProblem } from '../care/common';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const fmt = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
const REASONS = ['class_iii', 'implantable', 'new_launch', 'unstable'] as const;

/** Faults per 100 units over the 12 months as a small inline SVG line (no axes). */
function Sparkline({ months }: { months: QualityTrendMonth[] }) {
  const w = 120;
  const h = 28;
  const values = months.map((m) => m.rate ?? 0);
  const max = Math.max(1, ...values);
  const pts = values.map((v, i) => `${((i / Math.max(1, values.length - 1)) * (w - 4) + 2).toFixed(1)},${(h - 2 - (v / max) * (h - 4)).toFixed(1)}`).join(' ');
  const last = values[values.length - 1] ?? 0;
  return (
    <svg width={w} height={h} role="img" aria-label={values.join(', ')} data-testid="quality-sparkline">
      <polyline points={pts} fill="none" stroke="#1677ff" strokeWidth={1.5} />
      <circle cx={w - 2} cy={h - 2 - (last / max) * (h - 4)} r={2.5} fill={last > 0 ? '#cf1322' : '#1677ff'} />
    </svg>
  );
}

function ReasonTags({ reasons }: { reasons: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[0, 4]} wrap>
      {reasons.map((r) => (
        <Tag key={r} color={r === 'unstable' ? 'red' : r === 'new_launch' ? 'blue' : 'purple'}>
          {t(`quality.reason.${r}`)}
        </Tag>
      ))}
    </Space>
  );
}

function AlertTag({ m }: { m: Pick<QualityTrackedModel, 'alert'> }) {
  const { t } = useTranslation();
  if (!m.alert) return null;
  return (
    <Tag color="red" data-testid="quality-alert-tag" title={t('quality.alertText', { ...m.alert })}>
      {t('quality.alert')}
    </Tag>
  );
}

/** The numbers the trend, the alert and the visits use (R-REG-6), as [key, min, max, step]. */
const SETTING_FIELDS = [
  ['newLaunchYears', 1, 10, 1],
  ['visitEveryMonths', 1, 12, 1],
  ['repeatWindowDays', 1, 365, 1],
  ['trendMonths', 3, 36, 1],
  ['jumpFactor', 1.1, 10, 0.1],
  ['jumpTrailingMonths', 1, 24, 1],
  ['jumpMinFaults', 1, 1000, 1],
] as const;

/** 质量参数: everyone on the staff reads them; quality and the executive change them (R-REG-6). */
function QualitySettingsButton() {
  const { t } = useTranslation();
  const q = useQualitySettings();
  const save = useSaveQualitySettings();
  const problem = useProblem();
  const [form] = Form.useForm();
  const [open, setOpen] = useState(false);
  const s = q.data;
  const submit = async () => {
    if (!s) return;
    const v = await validFields(form);
    if (!v) return;
    save.mutate({ version: s.version, ...Object.fromEntries(SETTING_FIELDS.map(([k]) => [k, v[k]])) } as Parameters<typeof save.mutate>[0], {
      onSuccess: () => setOpen(false),
      onError: fieldErrorsThen(form, problem),
    });
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="quality-settings-open">
        {t('quality.settings.open')}
      </Button>
      <Dialog
        open={open}
        title={t('quality.settings.title')}
        onCancel={() => setOpen(false)}
        onOk={submit}
        okButtonProps={{ disabled: !s?.canEdit }}
        confirmLoading={save.isPending}
        okTestId="quality-settings-save"
        destroyOnHidden
      >
        {s ? (
          <Form form={form} layout="vertical" initialValues={s} disabled={!s.canEdit} key={s.version} data-testid="quality-settings">
            <Typography.Paragraph type="secondary">{s.canEdit ? t('quality.settings.hint') : t('quality.settings.readOnly')}</Typography.Paragraph>
            {SETTING_FIELDS.map(([k, min, max, step]) => (
              <Form.Item key={k} name={k} label={t(`quality.settings.${k}`)} rules={[{ required: true }]}>
                <InputNumber min={min} max={max} step={step} precision={step < 1 ? 1 : 0} style={{ width: 160 }} />
              </Form.Item>
            ))}
          </Form>
        ) : (
          <Card loading />
        )}
      </Dialog>
    </>
  );
}

export function QualityTrackingPage() {
  const { t } = useTranslation();
  return (
    <ListPage
      testId="quality"
      title={t('quality.menu.list')}
      extra={<QualitySettingsButton />}
      endpoint="/api/v1/quality-tracking/models"
      exportEndpoint="/api/v1/quality-tracking/models/export"
      exportName="quality-trend.xlsx"
      filterKeys={['scope', 'reason', 'alert']}
      filters={({ bind }) => (
        <>
          <EnumSelect
            ns="quality.scope"
            values={['tracked', 'all']}
            placeholder={t('quality.scope.tracked')}
            {...bind('scope')}
            style={{ width: 140 }}
            data-testid="filter-scope"
          />
          <EnumSelect ns="quality.reason" values={REASONS} placeholder={t('quality.reasons')} {...bind('reason')} style={{ width: 140 }} />
          <Select
            allowClear
            placeholder={t('quality.alert')}
            options={[{ value: 'true', label: t('quality.alertOnly') }]}
            {...bind('alert')}
            style={{ width: 130 }}
          />
        </>
      )}
      columns={[
        {
          key: 'code',
          title: t('quality.model'),
          sorter: true,
          render: (_, r) => (
            <Link to={`/quality-tracking/${r.id}`}>
              {r.name} <Typography.Text type="secondary">{r.code}</Typography.Text>
            </Link>
          ),
        },
        { key: 'reasons', title: t('quality.reasons'), render: (_, r) => <ReasonTags reasons={r.reasons} /> },
        { key: 'units', dataIndex: 'units', title: t('quality.units'), align: 'right' },
        { key: 'trend', title: t('quality.trend'), render: (_, r) => <Sparkline months={r.months} /> },
        { key: 'rate', dataIndex: 'rate', title: t('quality.rate'), sorter: true, align: 'right', render: (v) => v ?? '—' },
        { key: 'faults', dataIndex: 'faults', title: t('quality.faults'), sorter: true, align: 'right' },
        { key: 'repeats', dataIndex: 'repeats', title: t('quality.repeats'), sorter: true, align: 'right' },
        { key: 'mtbf', dataIndex: 'mtbfDays', title: t('quality.mtbf'), sorter: true, align: 'right', render: (v) => v ?? t('quality.mtbfNone') },
        { key: 'alert', title: t('quality.alert'), render: (_, r) => <AlertTag m={r} /> },
      ]}
      card={(r) => ({
        title: r.name,
        tag: <AlertTag m={r} />,
        lines: [
          <ReasonTags key="r" reasons={r.reasons} />,
          <span key="u">
            {t('quality.units')} {r.units} · {t('quality.rate')} {r.rate ?? '—'} · {t('quality.repeats')} {r.repeats}
          </span>,
          <Sparkline key="s" months={r.months} />,
        ],
        to: `/quality-tracking/${r.id}`,
      })}
    />
  );
}

function TrendChart({ months }: { months: QualityTrendMonth[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => m.month) },
      yAxis: [
        { type: 'value', name: t('quality.rate'), minInterval: 1 },
        { type: 'value', minInterval: 1 },
      ],
      series: [
        { name: t('quality.trend'), type: 'line', data: months.map((m) => m.rate), symbolSize: 7 },
        { name: t('quality.faults'), type: 'bar', yAxisIndex: 1, data: months.map((m) => m.faults), itemStyle: { color: 'rgba(207,19,34,0.35)' } },
        { name: t('quality.repeats'), type: 'bar', yAxisIndex: 1, data: months.map((m) => m.repeats), itemStyle: { color: 'rgba(250,140,22,0.6)' } },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [months, t]);
  return <div ref={ref} style={{ width: '100%', height: 280 }} data-testid="quality-chart" />;
}

export function QualityModelPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useQualityModel(id);
  const m = q.data;
  if (!m) return <Card loading={q.isLoading} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="quality-detail">
      <PageTitle>
        {t('quality.menu.list')} · {m.name} <AlertTag m={m} />
      </PageTitle>
      {m.alert && <Alert type="error" showIcon title={t('quality.alert')} description={t('quality.alertText', { ...m.alert })} data-testid="quality-alert" />}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={t('quality.code')}>{m.code}</Descriptions.Item>
          <Descriptions.Item label={t('quality.reasons')}>
            <span data-testid="quality-reasons">
              <ReasonTags reasons={m.reasons} />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('quality.units')}>{m.units}</Descriptions.Item>
          <Descriptions.Item label={t('quality.mtbf')}>{m.mtbfDays ?? t('quality.mtbfNone')}</Descriptions.Item>
          <Descriptions.Item label={t('quality.faults')}>{m.faults}</Descriptions.Item>
          <Descriptions.Item label={t('quality.repeats')}>{m.repeats}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Tabs
        items={[
          {
            key: 'trend',
            label: t('quality.tabs.trend'),
            children: (
              <Card size="small">
                <TrendChart months={m.months} />
                <Table
                  size="small"
                  rowKey="month"
                  pagination={false}
                  scroll={{ x: true }}
                  dataSource={[...m.months].reverse()}
                  columns={[
                    { key: 'month', dataIndex: 'month', title: t('quality.month') },
                    { key: 'units', dataIndex: 'units', title: t('quality.units'), align: 'right' },
                    { key: 'faults', dataIndex: 'faults', title: t('quality.faults'), align: 'right' },
                    { key: 'rate', dataIndex: 'rate', title: t('quality.rate'), align: 'right', render: (v) => v ?? '—' },
                    { key: 'repeats', dataIndex: 'repeats', title: t('quality.repeats'), align: 'right' },
                  ]}
                />
              </Card>
            ),
          },
          { key: 'flags', label: t('quality.tabs.flags'), children: <FlagsPanel m={m} /> },
          { key: 'visits', label: <span data-testid="quality-visits-tab">{t('quality.tabs.visits')}</span>, children: <VisitsPanel m={m} /> },
        ]}
      />
    </Space>
  );
}

type FlagAction = 'newLaunch' | 'unstable' | null;

function FlagsPanel({ m }: { m: QualityTrackedModelDetail }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const f = m.flags;
  const version = f?.version ?? 0;
  const [action, setAction] = useState<FlagAction>(null);
  const newLaunch = useSetNewLaunch();
  const unstable = useSetUnstable();
  const interval = useSetVisitInterval();
  const [form] = Form.useForm();
  const [every, setEvery] = useState<number | null>(f?.visitEveryMonths ?? 3);
  const can = m.abilities.flag;
  const close = () => {
    form.resetFields();
    setAction(null);
  };
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    const done = { onSuccess: close, onError: fieldErrorsThen(form, problem) };
    if (action === 'newLaunch')
      newLaunch.mutate(
        { id: m.id, version, launchDate: v.launchDate.format('YYYY-MM-DD'), trackUntil: v.trackUntil ? v.trackUntil.format('YYYY-MM-DD') : null },
        done,
      );
    if (action === 'unstable') unstable.mutate({ id: m.id, version, unstable: !f?.unstable, reason: v.reason }, done);
  };
  return (
    <Card size="small" data-testid="quality-flags">
      {(m.regulatoryClass === 'III' || m.implantable) && <Typography.Paragraph type="secondary">{t('quality.flags.auto')}</Typography.Paragraph>}
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('quality.flags.newLaunch')}>
          <Space wrap>
            {f?.launchDate ? (
              <span>
                {t('quality.flags.launchDate')} {f.launchDate} · {t('quality.flags.trackUntil')} {f.newUntil}
              </span>
            ) : (
              <Typography.Text type="secondary">{t('quality.flags.none')}</Typography.Text>
            )}
            {can && (
              <Button size="small" onClick={() => setAction('newLaunch')} data-testid="quality-set-new-launch">
                {t('quality.flags.setNewLaunch')}
              </Button>
            )}
            {can && f?.launchDate && (
              <Button
                size="small"
                loading={newLaunch.isPending}
                onClick={() => newLaunch.mutate({ id: m.id, version, launchDate: null }, { onError: problem })}
                data-testid="quality-clear-new-launch"
              >
                {t('quality.flags.clearNewLaunch')}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('quality.flags.unstable')}>
          <Space direction="vertical" size={4}>
            {f?.unstable ? (
              <span data-testid="quality-unstable-state">
                <Tag color="red">{t('quality.reason.unstable')}</Tag>
                {f.unstableReason} · {t('quality.flags.by')} {f.unstableByName} · {fmt(f.unstableSince)}
              </span>
            ) : (
              <Typography.Text type="secondary">{t('quality.flags.none')}</Typography.Text>
            )}
            {f?.clearedAt && (
              <Typography.Text type="secondary">
                {t('quality.flags.cleared')}：{f.clearedReason} · {f.clearedByName} · {fmt(f.clearedAt)}
              </Typography.Text>
            )}
            {can && (
              <Button size="small" danger={!f?.unstable} onClick={() => setAction('unstable')} data-testid="quality-toggle-unstable">
                {f?.unstable ? t('quality.flags.clearUnstable') : t('quality.flags.setUnstable')}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('quality.flags.interval')}>
          <Space wrap>
            <InputNumber min={1} max={12} value={every} onChange={setEvery} disabled={!can} data-testid="quality-interval" />
            {can && (
              <Button
                size="small"
                loading={interval.isPending}
                disabled={!every || every === (f?.visitEveryMonths ?? 3)}
                onClick={() => every && interval.mutate({ id: m.id, version, visitEveryMonths: every }, { onError: problem })}
              >
                {t('quality.flags.saveInterval')}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      <Dialog
        open={action !== null}
        title={action === 'newLaunch' ? t('quality.flags.setNewLaunch') : f?.unstable ? t('quality.flags.clearUnstable') : t('quality.flags.setUnstable')}
        onCancel={close}
        onOk={save}
        confirmLoading={newLaunch.isPending || unstable.isPending}
        okTestId="quality-flag-save"
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {action === 'newLaunch' && (
            <>
              <Form.Item name="launchDate" label={t('quality.flags.launchDate')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="trackUntil" label={t('quality.flags.trackUntil')} extra={t('quality.flags.trackUntilHint')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
          {action === 'unstable' && (
            <Form.Item
              name="reason"
              label={f?.unstable ? t('quality.flags.clearReason') : t('quality.flags.unstableReason')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input.TextArea rows={3} data-testid="quality-unstable-reason" />
            </Form.Item>
          )}
        </Form>
      </Dialog>
    </Card>
  );
}

const STATE_COLORS: Record<string, string> = { planned: 'default', due: 'blue', done: 'green', missed: 'red' };

function VisitsPanel({ m }: { m: QualityTrackedModelDetail }) {
  const { t } = useTranslation();
  const total = m.plan.planned + m.plan.due + m.plan.done + m.plan.missed;
  return (
    <Card size="small" data-testid="quality-visits">
      <Typography.Paragraph>
        <strong>{t('quality.planSummary', { total, ...m.plan })}</strong>
        <br />
        <Typography.Text type="secondary">{t('quality.visitRule')}</Typography.Text>
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="id"
        scroll={{ x: true }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={m.lines}
        columns={[
          { key: 'device', title: t('quality.line.device'), render: (_, l) => <Link to={`/devices/${l.deviceId}`}>{l.serialNumber}</Link> },
          { key: 'customer', dataIndex: 'customerName', title: t('quality.line.customer') },
          {
            key: 'period',
            title: t('quality.line.period'),
            render: (_, l) => (l.periodStart === l.dueMonth ? l.dueMonth : `${l.periodStart} – ${l.dueMonth}`),
          },
          { key: 'state', title: t('quality.line.state'), render: (_, l) => <Tag color={STATE_COLORS[l.state]}>{t(`quality.plan.${l.state}`)}</Tag> },
          { key: 'visitedAt', dataIndex: 'visitedAt', title: t('quality.line.visitedAt'), render: (v) => fmt(v) },
        ]}
      />
    </Card>
  );
}
