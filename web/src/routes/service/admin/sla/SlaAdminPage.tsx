// SLA administration (R-SLA-1, R-SLA-2, R-SLA-4). The business calendar: weekly working hours
// per weekday, time zone, the official China schedule, company holidays and make-up working
// days (调休) with their hours. SLA policies: every version per name; a change is a new version
// (respond / arrive by region class / restore targets per urgency, working or calendar time,
// warning %) effective now or later. Administrators and the service manager edit; staff read.

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Select,
  Space,
  Spin,
  Switch,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../../../api';
import {
  type SlaPolicy as Policy,
  type SlaInterval,
  type SlaTarget as Target,
  useCreateSlaPolicy,
  useSaveSlaCalendar,
  useSlaCalendars,
  useSlaPolicies,
} from '../../../../api/hooks/sla';
import { useAbility } from '../../../../auth';
import { Dialog } from '../../../../components/Dialog';
import { PageTitle } from '../../../../components/PageTitle';
import { StaticTable } from '../../../../components/StaticTable';
import { ErrorResult } from '../../blocks';
import { formatSpan, saveErrorText, URGENCIES, type Urgency } from '../../common';
import { applyNested } from '../forms';

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
const REGIONS = ['urban', 'suburban', 'remote'] as const;

export function SlaAdminPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'policies' ? 'policies' : 'calendar';
  return (
    <Card data-testid="sla-admin" title={<PageTitle>{t('svcAdmin.sla.title')}</PageTitle>}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'calendar' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'calendar', label: <span data-testid="sla-tab-calendar">{t('svcAdmin.sla.calendar')}</span>, children: <CalendarEditor /> },
          { key: 'policies', label: <span data-testid="sla-tab-policies">{t('svcAdmin.sla.policies')}</span>, children: <Policies /> },
        ]}
      />
    </Card>
  );
}

// ---- calendar -----------------------------------------------------------------------------

const HM = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

function IntervalList({ name, testId, disabled }: { name: (string | number)[]; testId: string; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Space wrap size={8} data-testid={testId}>
          {fields.length === 0 && <Typography.Text type="secondary">{t('svcAdmin.sla.dayOff')}</Typography.Text>}
          {fields.map((f) => (
            <Space key={f.key} size={4} align="start">
              <Form.Item name={[f.name, 'start']} rules={[{ required: true, pattern: HM, message: 'HH:mm' }]} style={{ marginBottom: 0 }}>
                <Input placeholder="08:30" style={{ width: 72 }} maxLength={5} inputMode="numeric" aria-label={t('svcAdmin.sla.start')} />
              </Form.Item>
              <span style={{ lineHeight: '32px' }}>–</span>
              <Form.Item name={[f.name, 'end']} rules={[{ required: true, pattern: HM, message: 'HH:mm' }]} style={{ marginBottom: 0 }}>
                <Input placeholder="17:30" style={{ width: 72 }} maxLength={5} inputMode="numeric" aria-label={t('svcAdmin.sla.end')} />
              </Form.Item>
              {!disabled && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label="remove" />}
            </Space>
          ))}
          {!disabled && (
            <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({ start: '', end: '' })}>
              {t('svcAdmin.sla.addRange')}
            </Button>
          )}
        </Space>
      )}
    </Form.List>
  );
}

/** A list of YYYY-MM-DD dates as closable tags, with a date picker adding one. */
function DateList({
  value = [],
  onChange,
  testId,
  disabled,
  bad,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  testId: string;
  disabled: boolean;
  bad: Set<string>;
}) {
  const { t } = useTranslation();
  const sorted = [...value].sort();
  return (
    <div data-testid={testId}>
      <div style={{ marginBottom: 8, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
        {sorted.length === 0 && <Typography.Text type="secondary">{t('svcAdmin.sla.noDates')}</Typography.Text>}
        {sorted.map((d) => (
          <Tag
            key={d}
            data-testid={`${testId}-${d}`}
            color={bad.has(d) ? 'red' : undefined}
            closable={!disabled}
            onClose={(e) => {
              e.preventDefault();
              onChange?.(value.filter((x) => x !== d));
            }}
          >
            {d} {dayjs(d).format('ddd')}
          </Tag>
        ))}
      </div>
      {!disabled && (
        <DatePicker
          data-testid={`${testId}-add`}
          placeholder={t('svcAdmin.sla.addDate')}
          value={null}
          onChange={(d: Dayjs | null) => {
            if (!d) return;
            const s = d.format('YYYY-MM-DD');
            if (!value.includes(s)) onChange?.([...value, s]);
          }}
        />
      )}
    </div>
  );
}

function CalendarEditor() {
  const { t } = useTranslation();
  const k = (s: string, o?: Record<string, unknown>) => t(`svcAdmin.sla.${s}`, o);
  const { message } = App.useApp();
  const canEdit = useAbility('sla.edit');
  const cals = useSlaCalendars();
  const saveCalendar = useSaveSlaCalendar();
  const { reset: resetSave } = saveCalendar;
  const [selected, setSelected] = useState<string | undefined>();
  const [form] = Form.useForm();
  const error = saveCalendar.error;
  const problems = (error instanceof ApiError && error.problem.fields) || [];
  const items = cals.data?.items ?? [];
  const cal = items.find((c) => c.id === selected) ?? items[0];
  const zones = useMemo(() => {
    try {
      return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
    } catch {
      return ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'UTC'];
    }
  }, []);

  useEffect(() => {
    if (!cal) return;
    form.resetFields();
    form.setFieldsValue({
      name: cal.name,
      timeZone: cal.timeZone,
      useOfficialChina: cal.useOfficialChina,
      weeklyHours: Object.fromEntries(WEEKDAYS.map((d) => [d, cal.weeklyHours[d] ?? []])),
      holidays: cal.holidays,
      makeUpWorkdays: cal.makeUpWorkdays,
      makeUpHours: cal.makeUpHours,
    });
    resetSave();
  }, [cal, form, resetSave]);

  if (cals.isLoading) return <Spin />;
  if (cals.error) return <ErrorResult error={cals.error} />;
  if (!cal) return <Empty />;

  const badDates = (list: string) => {
    const values: string[] = form.getFieldValue(list) ?? [];
    return new Set(problems.filter((p) => p.field.startsWith(`${list}.`)).map((p) => values[Number(p.field.split('.')[1])]));
  };
  const label = (field: string) => {
    const [top, a, b] = field.split('.');
    if (top === 'weeklyHours') return a ? `${k(`weekdays.${a}`)}${b ? ` #${Number(b) + 1}` : ''}` : k('weekly');
    if (top === 'holidays' || top === 'makeUpWorkdays') return `${k(top)}${a ? ` ${(form.getFieldValue(top) ?? [])[Number(a)] ?? ''}` : ''}`;
    if (top === 'makeUpHours') return k('makeUpHours');
    if (top === 'timeZone') return k('timeZone');
    if (top === 'name') return k('name');
    return field;
  };

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const clean = (list: SlaInterval[] | undefined) => (list ?? []).map((i) => ({ start: i.start.trim(), end: i.end.trim() }));
    saveCalendar.mutate(
      {
        id: cal.id,
        version: cal.version,
        name: v.name.trim(),
        timeZone: v.timeZone.trim(),
        weeklyHours: Object.fromEntries(WEEKDAYS.map((d) => [d, clean(v.weeklyHours?.[d])])) as Record<(typeof WEEKDAYS)[number], SlaInterval[]>,
        useOfficialChina: !!v.useOfficialChina,
        holidays: v.holidays ?? [],
        makeUpWorkdays: v.makeUpWorkdays ?? [],
        makeUpHours: clean(v.makeUpHours),
      },
      {
        onSuccess: () => message.success(k('saved')),
        onError: (e) => applyNested(form, e, (parent) => parent === 'weeklyHours'),
      },
    );
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      {items.length > 1 && (
        <Select
          data-testid="calendar-select"
          value={cal.id}
          style={{ width: 280, maxWidth: '100%' }}
          onChange={setSelected}
          options={items.map((c) => ({ value: c.id, label: `${c.name}${c.isDefault ? ` (${k('isDefault')})` : ''}` }))}
        />
      )}
      {!canEdit && <Alert type="info" showIcon title={k('readOnly')} />}
      <Form form={form} layout="vertical" disabled={!canEdit} data-testid="calendar-form">
        <Space wrap align="start" size={16}>
          <Form.Item name="name" label={k('name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="timeZone" label={k('timeZone')} rules={[{ required: true, whitespace: true, max: 64 }]}>
            <AutoComplete
              data-testid="calendar-tz"
              style={{ width: 240 }}
              options={zones.map((z) => ({ value: z }))}
              filterOption={(input, o) =>
                String(o?.value ?? '')
                  .toLowerCase()
                  .includes(input.toLowerCase())
              }
            />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{k('weekly')}</Typography.Title>
        <div data-testid="calendar-weekly" style={{ marginBottom: 16 }}>
          {WEEKDAYS.map((d) => (
            <div key={d} style={{ display: 'flex', gap: 12, alignItems: 'flex-start', paddingBlock: 6, borderBottom: '1px solid #f5f5f5' }}>
              <strong style={{ width: 48, flex: 'none', lineHeight: '32px' }}>{k(`weekdays.${d}`)}</strong>
              <IntervalList name={['weeklyHours', d]} testId={`calendar-day-${d}`} disabled={!canEdit} />
            </div>
          ))}
        </div>
        <Form.Item
          name="useOfficialChina"
          label={k('useOfficialChina')}
          valuePropName="checked"
          extra={k('officialUntil', { year: cal.officialScheduleKnownUntil })}
        >
          <Switch data-testid="calendar-official" />
        </Form.Item>
        <Form.Item name="holidays" label={k('holidays')}>
          <DateList testId="calendar-holidays" disabled={!canEdit} bad={badDates('holidays')} />
        </Form.Item>
        <Form.Item name="makeUpWorkdays" label={k('makeUpWorkdays')}>
          <DateList testId="calendar-makeup" disabled={!canEdit} bad={badDates('makeUpWorkdays')} />
        </Form.Item>
        <Form.Item label={k('makeUpHours')}>
          <IntervalList name={['makeUpHours']} testId="calendar-makeup-hours" disabled={!canEdit} />
        </Form.Item>
      </Form>
      {error && (
        <Alert
          type="error"
          showIcon
          data-testid="calendar-error"
          title={saveErrorText(error, t)}
          description={
            problems.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {problems.map((p) => (
                  <li key={`${p.field}-${p.code}`}>
                    {label(p.field)}: {p.message}
                  </li>
                ))}
              </ul>
            )
          }
        />
      )}
      {canEdit && (
        <Button data-testid="calendar-save" type="primary" size="large" loading={saveCalendar.isPending} onClick={save}>
          {t('common.save')}
        </Button>
      )}
    </Space>
  );
}

// ---- policies -----------------------------------------------------------------------------

function TargetInput({ name }: { name: (string | number)[] }) {
  const { t } = useTranslation();
  return (
    <Space.Compact>
      <Form.Item name={[...name, 'minutes']} rules={[{ required: true }]} noStyle>
        <InputNumber min={1} max={60 * 24 * 366} style={{ width: 84 }} inputMode="numeric" aria-label={t('svcAdmin.sla.minutes')} />
      </Form.Item>
      <Form.Item name={[...name, 'basis']} rules={[{ required: true }]} noStyle>
        <Select
          style={{ width: 104 }}
          options={(['working', 'calendar'] as const).map((b) => ({ value: b, label: t(`svcAdmin.sla.bases.${b}`) }))}
          aria-label={t('svcAdmin.sla.basis')}
        />
      </Form.Item>
    </Space.Compact>
  );
}

function TargetText({ target }: { target: Target }) {
  const { t } = useTranslation();
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {formatSpan(target.minutes, t)} <Typography.Text type="secondary">({t(`svcAdmin.sla.bases.${target.basis}`)})</Typography.Text>
    </span>
  );
}

function TargetsTable({ p }: { p: Policy }) {
  const { t } = useTranslation();
  return (
    <StaticTable
      rowKey="u"
      dataSource={URGENCIES.map((u) => ({ u }))}
      columns={[
        { dataIndex: 'u', title: t('svcAdmin.sla.urgency'), render: (u: Urgency) => t(`service.urgencies.${u}`) },
        { key: 'respond', title: t('svcAdmin.sla.respond'), render: (_: unknown, r: { u: Urgency }) => <TargetText target={p.respond[r.u]} /> },
        ...REGIONS.map((reg) => ({
          key: `arrive-${reg}`,
          title: `${t('svcAdmin.sla.arrive')} · ${t(`customer.regions.${reg}`)}`,
          render: (_: unknown, r: { u: Urgency }) => <TargetText target={p.arrive[r.u][reg]} />,
        })),
        { key: 'restore', title: t('svcAdmin.sla.restore'), render: (_: unknown, r: { u: Urgency }) => <TargetText target={p.restore[r.u]} /> },
      ]}
    />
  );
}

function policyState(p: Policy): 'inForce' | 'scheduled' | 'superseded' {
  if (p.inForce) return 'inForce';
  return dayjs(p.effectiveFrom).isAfter(dayjs()) ? 'scheduled' : 'superseded';
}

function Policies() {
  const { t } = useTranslation();
  const k = (s: string, o?: Record<string, unknown>) => t(`svcAdmin.sla.${s}`, o);
  const canEdit = useAbility('sla.edit');
  const q = useSlaPolicies();
  const [editing, setEditing] = useState<{ base: Policy | null; fresh: boolean } | null>(null);
  if (q.isLoading) return <Spin />;
  if (q.error) return <ErrorResult error={q.error} />;
  const items = q.data?.items ?? [];
  const names = [...new Set(items.map((p) => p.name))];
  const stateColor = { inForce: 'green', scheduled: 'blue', superseded: 'default' } as const;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12} data-testid="sla-policies">
      {canEdit && (
        <Button data-testid="policy-new" icon={<PlusOutlined />} onClick={() => setEditing({ base: items[0] ?? null, fresh: true })}>
          {k('newPolicy')}
        </Button>
      )}
      {names.map((name) => {
        const versions = items.filter((p) => p.name === name).sort((a, b) => b.versionNo - a.versionNo);
        return (
          <Card
            key={name}
            size="small"
            data-testid={`policy-${name}`}
            title={
              <Space wrap>
                <strong>{name}</strong>
                {versions[0]?.isDefault && <Tag color="gold">{k('isDefault')}</Tag>}
              </Space>
            }
            extra={
              canEdit && (
                <Button data-testid="policy-new-version" size="small" type="primary" onClick={() => setEditing({ base: versions[0], fresh: false })}>
                  {k('newVersion')}
                </Button>
              )
            }
          >
            <StaticTable<Policy>
              dataSource={versions}
              expandable={{ expandedRowRender: (p) => <TargetsTable p={p} />, defaultExpandedRowKeys: versions.filter((p) => p.inForce).map((p) => p.id) }}
              columns={[
                { dataIndex: 'versionNo', title: k('versionNo'), render: (v: number) => `v${v}` },
                {
                  key: 'state',
                  title: k('state'),
                  render: (_: unknown, p) => {
                    const s = policyState(p);
                    return <Tag color={stateColor[s]}>{k(s)}</Tag>;
                  },
                },
                { dataIndex: 'effectiveFrom', title: k('effectiveFrom'), render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
                { dataIndex: 'calendarName', title: k('calendarName') },
                { dataIndex: 'warningPercent', title: k('warningPercent'), render: (v: number) => `${v}%` },
                { dataIndex: 'installationWorkingDays', title: k('installationWorkingDays') },
                { dataIndex: 'createdBy', title: k('createdBy') },
              ]}
            />
          </Card>
        );
      })}
      {editing && <PolicyForm base={editing.base} fresh={editing.fresh} existing={names} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function PolicyForm({ base, fresh, existing, onClose }: { base: Policy | null; fresh: boolean; existing: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const k = (s: string, o?: Record<string, unknown>) => t(`svcAdmin.sla.${s}`, o);
  const { message } = App.useApp();
  const cals = useSlaCalendars();
  const create = useCreateSlaPolicy();
  const [form] = Form.useForm();
  const initial = useMemo(() => {
    const target = (minutes: number, basis: Target['basis']): Target => ({ minutes, basis });
    const urg = (f: (u: Urgency) => Target) => Object.fromEntries(URGENCIES.map((u) => [u, f(u)]));
    return {
      name: fresh ? '' : base?.name,
      calendarId: base?.calendarId,
      effectiveFrom: null,
      warningPercent: base?.warningPercent ?? 75,
      loanerAfterArrivalMinutes: base?.loanerAfterArrivalMinutes ?? 720,
      loanerWithinMinutesOfRequest: base?.loanerWithinMinutesOfRequest ?? 1440,
      installationWorkingDays: base?.installationWorkingDays ?? 3,
      respond: base?.respond ?? urg((u) => target(u === 'emergency' ? 15 : 60, u === 'emergency' ? 'calendar' : 'working')),
      arrive:
        base?.arrive ?? urg(() => ({ urban: target(180, 'working'), suburban: target(420, 'working'), remote: target(2880, 'calendar') }) as unknown as Target),
      restore: base?.restore ?? urg(() => target(1440, 'working')),
    };
  }, [base, fresh]);

  const save = async (f: FormInstance) => {
    const v = await f.validateFields().catch(() => null);
    if (!v) return;
    const name = (fresh ? v.name : (base?.name ?? '')).trim();
    create.mutate(
      {
        name,
        basedOnVersion: fresh ? 0 : (base?.versionNo ?? 0),
        ...(v.calendarId ? { calendarId: v.calendarId } : {}),
        ...(v.effectiveFrom ? { effectiveFrom: (v.effectiveFrom as Dayjs).toISOString() } : {}),
        respond: v.respond,
        arrive: v.arrive,
        restore: v.restore,
        warningPercent: v.warningPercent,
        loanerAfterArrivalMinutes: v.loanerAfterArrivalMinutes,
        loanerWithinMinutesOfRequest: v.loanerWithinMinutesOfRequest,
        installationWorkingDays: v.installationWorkingDays,
      },
      {
        onSuccess: (created) => {
          message.success(k('created', { name: created.name, v: created.versionNo }));
          onClose();
        },
        onError: (e) => applyNested(f, e),
      },
    );
  };
  const error = create.error;

  return (
    <Dialog
      open
      width={1140}
      title={fresh ? k('newPolicy') : `${base?.name} · ${k('newVersion')} (${k('basedOn', { v: base?.versionNo })})`}
      onCancel={onClose}
      onOk={() => save(form)}
      confirmLoading={create.isPending}
      okTestId="policy-save"
    >
      <Form form={form} layout="vertical" initialValues={initial} data-testid="policy-form">
        <Space wrap align="start" size={16}>
          {fresh && (
            <Form.Item
              name="name"
              label={k('name')}
              rules={[
                { required: true, whitespace: true, max: 100 },
                { validator: async (_, v) => (existing.includes(String(v ?? '').trim()) ? Promise.reject(new Error(k('nameTaken'))) : undefined) },
              ]}
            >
              <Input data-testid="policy-name" style={{ width: 220 }} />
            </Form.Item>
          )}
          <Form.Item name="calendarId" label={k('calendarName')}>
            <Select style={{ width: 200 }} options={(cals.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="effectiveFrom" label={k('effectiveFrom')} extra={k('effectiveHint')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" inputReadOnly disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
          </Form.Item>
          <Form.Item name="warningPercent" label={k('warningPercent')} rules={[{ required: true }]}>
            <InputNumber data-testid="policy-warning" min={1} max={99} style={{ width: 100 }} />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{k('targets')}</Typography.Title>
        <div style={{ overflowX: 'auto' }}>
          <table style={{ borderCollapse: 'collapse', minWidth: 820 }} data-testid="policy-targets">
            <thead>
              <tr>
                {[k('urgency'), k('respond'), ...REGIONS.map((r) => `${k('arrive')} · ${t(`customer.regions.${r}`)}`), k('restore')].map((h) => (
                  <th key={h} style={{ textAlign: 'start', padding: 6, borderBottom: '1px solid #f0f0f0', whiteSpace: 'nowrap' }}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {URGENCIES.map((u) => (
                <tr key={u}>
                  <td style={{ padding: 6, whiteSpace: 'nowrap' }}>{t(`service.urgencies.${u}`)}</td>
                  <td style={{ padding: 6 }}>
                    <TargetInput name={['respond', u]} />
                  </td>
                  {REGIONS.map((r) => (
                    <td key={r} style={{ padding: 6 }}>
                      <TargetInput name={['arrive', u, r]} />
                    </td>
                  ))}
                  <td style={{ padding: 6 }}>
                    <TargetInput name={['restore', u]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Space wrap align="start" size={16} style={{ marginTop: 16 }}>
          <Form.Item name="loanerAfterArrivalMinutes" label={k('loanerAfterArrival')} rules={[{ required: true }]}>
            <InputNumber min={1} max={86400} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="loanerWithinMinutesOfRequest" label={k('loanerWithin')} rules={[{ required: true }]}>
            <InputNumber min={1} max={86400} style={{ width: 140 }} />
          </Form.Item>
          {/* Issue 12, seed 003: 在接到安装通知1-3个工作日内…安装、调试运行 */}
          <Form.Item
            name="installationWorkingDays"
            label={k('installationWorkingDays')}
            rules={[{ required: true }, { type: 'integer', min: 1, max: 10, message: k('installationWorkingDaysRange') }]}
          >
            <InputNumber data-testid="policy-installation-days" min={1} max={10} precision={0} style={{ width: 100 }} />
          </Form.Item>
        </Space>
      </Form>
      {error && <Alert type="error" showIcon title={saveErrorText(error, t)} data-testid="policy-error" />}
    </Dialog>
  );
}
