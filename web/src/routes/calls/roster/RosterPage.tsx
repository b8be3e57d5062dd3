// 值班表 (R-CL-1): the company's hotline hours (seed 002: 9:00–22:00, or 24 h as in seed 003) and
// the on-call roster naming the duty engineer of each night or holiday, with the phone to call.
import { Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type OnCallDuty, useDutyPeople, useHotline, useRoster, useSetDuty, useUpdateHotline } from '../../../api/hooks/hotline';
import { useMe } from '../../../auth';
import { businessToday } from '../../../businessDay';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { useProblem } from '../../care/common';
import { OnDutyBanner } from '../common';

const DAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

export function RosterPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManage = me.abilities['hotline.manage'];
  const from = businessToday().startOf('week').add(1, 'day');
  const days = Array.from({ length: 14 }, (_, i) => from.add(i, 'day').format('YYYY-MM-DD'));
  const roster = useRoster(days[0], days[13]);
  const [editing, setEditing] = useState<{ date: string; duty: OnCallDuty | null } | null>(null);
  const byDate = new Map((roster.data?.items ?? []).map((d) => [d.dutyDate, d]));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="roster">
      <PageTitle>{t('calls.menu.roster')}</PageTitle>
      <OnDutyBanner />
      <HoursCard canManage={canManage} />
      <Card size="small" title={t('calls.roster.week')}>
        <Table
          rowKey="date"
          size="small"
          pagination={false}
          loading={roster.isLoading}
          dataSource={days.map((date) => ({ date, duty: byDate.get(date) ?? null }))}
          columns={[
            { title: t('calls.roster.date'), render: (_, r) => `${r.date} ${t(`calls.roster.weekday.${dayjs(r.date).day() || 7}`)}` },
            {
              title: t('calls.roster.engineer'),
              render: (_, r) => r.duty?.engineerName ?? <Typography.Text type="secondary">{t('calls.roster.unplanned')}</Typography.Text>,
            },
            { title: t('calls.roster.phone'), render: (_, r) => (r.duty ? <a href={`tel:${r.duty.phone}`}>{r.duty.phone}</a> : '') },
            { title: t('calls.roster.note'), render: (_, r) => r.duty?.note ?? '' },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    render: (_: unknown, r: { date: string; duty: OnCallDuty | null }) => (
                      <Button size="small" onClick={() => setEditing(r)} data-testid="roster-assign">
                        {t('calls.roster.assign')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing && <DutyModal date={editing.date} duty={editing.duty} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function DutyModal({ date, duty, onClose }: { date: string; duty: OnCallDuty | null; onClose: () => void }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const people = useDutyPeople();
  const save = useSetDuty();
  const [form] = Form.useForm();
  const ok = async () => {
    const v = await validFields(form);
    if (!v) return;
    save.mutate({ dutyDate: date, ...v, version: duty?.version }, { onSuccess: onClose, onError: problem });
  };
  return (
    <Modal open onCancel={onClose} onOk={ok} confirmLoading={save.isPending} title={`${t('calls.roster.assign')} ${date}`} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ engineerId: duty?.engineerId, phone: duty?.phone, note: duty?.note }}>
        <Form.Item name="engineerId" label={t('calls.roster.engineer')} rules={[{ required: true }]}>
          <Select
            options={(people.data?.engineers ?? []).map((p) => ({ value: p.id, label: p.displayName }))}
            onChange={(id) => {
              const p = people.data?.engineers.find((x) => x.id === id);
              if (p?.phone && !form.getFieldValue('phone')) form.setFieldValue('phone', p.phone);
            }}
          />
        </Form.Item>
        <Form.Item name="phone" label={t('calls.roster.phone')} rules={[{ required: true }]}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="note" label={t('calls.roster.note')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Hours = Record<string, [Dayjs, Dayjs] | null>;
const toHours = (h: { weeklyHours: Record<string, string[][]> }): Hours =>
  Object.fromEntries(DAYS.map((d) => [d, h.weeklyHours[d]?.[0] ? [dayjs(h.weeklyHours[d][0][0], 'HH:mm'), dayjs(h.weeklyHours[d][0][1], 'HH:mm')] : null]));

function HoursCard({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const h = useHotline();
  const update = useUpdateHotline();
  const [form] = Form.useForm();
  if (!h.data) return <Card loading size="small" />;
  const save = async () => {
    const v = await validFields(form);
    if (!v || !h.data) return;
    const weeklyHours = Object.fromEntries(DAYS.map((d) => [d, v.hours[d] ? [[v.hours[d][0].format('HH:mm'), v.hours[d][1].format('HH:mm')]] : []])) as Record<
      string,
      [string, string][]
    >;
    update.mutate(
      { version: h.data.version, alwaysOpen: v.alwaysOpen, closedOnHolidays: v.closedOnHolidays, callbackMinutes: v.callbackMinutes, weeklyHours },
      { onError: problem },
    );
  };
  return (
    <Card
      size="small"
      title={t('calls.roster.hours')}
      extra={
        canManage && (
          <Button type="primary" size="small" onClick={save} loading={update.isPending}>
            {t('common.save')}
          </Button>
        )
      }
    >
      <Form
        form={form}
        layout="vertical"
        disabled={!canManage}
        key={h.data.version}
        initialValues={{
          alwaysOpen: h.data.alwaysOpen,
          closedOnHolidays: h.data.closedOnHolidays,
          callbackMinutes: h.data.callbackMinutes,
          hours: toHours(h.data),
        }}
      >
        <Space wrap align="start">
          <Form.Item name="alwaysOpen" label={t('calls.roster.alwaysOpen')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="callbackMinutes" label={t('calls.roster.callbackMinutes')} rules={[{ required: true }]}>
            <InputNumber min={5} max={1440} />
          </Form.Item>
          <Form.Item name="closedOnHolidays" valuePropName="checked" label=" ">
            <Checkbox>{t('calls.roster.closedOnHolidays')}</Checkbox>
          </Form.Item>
        </Space>
        <Space wrap>
          {DAYS.map((d) => (
            <Form.Item key={d} name={['hours', d]} label={t(`calls.roster.weekday.${d}`)}>
              <TimePicker.RangePicker format="HH:mm" minuteStep={15} placeholder={[t('calls.roster.from'), t('calls.roster.to')]} style={{ width: 170 }} />
            </Form.Item>
          ))}
        </Space>
      </Form>
    </Card>
  );
}
