// 技术支持升级 (issue 15 §2, R-ESC-1; seed 001 专家通过电话、视频等方式远程技术指导): the escalations
// by tier, state and overdue, searched, paged and exported to Excel (cards on a phone); and the
// settings screen — auto-escalation hours per urgency, and the experts by tier.
import { Alert, Button, Card, Checkbox, InputNumber, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type EscalationSettings, useExperts, useLadderSettings, useSaveLadderSettings } from '../../api/hooks/escalations';
import { ListPage } from '../../components/ListPage';
import { PageTitle } from '../../components/PageTitle';
import { EnumSelect } from '../../components/pickers';
import { useProblem } from '../care/common';
import { DegradedTag, EscalationStatusTag } from './tags';

const fmt = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export function EscalationsPage() {
  const { t } = useTranslation();
  return (
    <ListPage
      testId="escalations"
      title={t('escalations.menu.list')}
      endpoint="/api/v1/escalations"
      exportEndpoint="/api/v1/escalations/export"
      exportName="escalations.xlsx"
      filterKeys={['tier', 'status', 'overdue']}
      filters={({ bind, value, set }) => (
        <>
          <EnumSelect
            ns="escalations.tiers"
            values={['L2', 'L3']}
            placeholder={t('escalations.tier')}
            {...bind('tier')}
            style={{ width: 140 }}
            data-testid="filter-tier"
          />
          <EnumSelect
            ns="escalations.statuses"
            values={['active', 'open', 'answered', 'closed']}
            placeholder={t('escalations.status')}
            {...bind('status')}
            style={{ width: 120 }}
            data-testid="filter-status"
          />
          <Checkbox checked={value.overdue === 'true'} onChange={(e) => set('overdue', e.target.checked ? 'true' : undefined)} data-testid="filter-overdue">
            {t('escalations.onlyOverdue')}
          </Checkbox>
        </>
      )}
      columns={[
        {
          key: 'workOrder',
          title: t('escalations.workOrder'),
          render: (_, r) => (
            <Space size={4}>
              <Link to={`/work-orders/${r.workOrderId}`}>{r.workOrderNumber}</Link>
              <DegradedTag at={r.degradedAt} />
            </Space>
          ),
        },
        { key: 'urgency', title: t('escalations.urgency'), render: (_, r) => t(`service.urgencies.${r.urgency}`) },
        { key: 'customer', dataIndex: 'customerName', title: t('escalations.customer') },
        { key: 'device', title: t('escalations.device'), render: (_, r) => `${r.modelName} ${r.serialNumber}` },
        {
          key: 'tier',
          title: t('escalations.to'),
          sorter: true,
          render: (_, r) => (
            <Space size={4}>
              {t(`escalations.tiers.${r.toTier}`)}
              {r.auto && <Tag>{t('escalations.auto')}</Tag>}
            </Space>
          ),
        },
        { key: 'question', dataIndex: 'question', title: t('escalations.question'), ellipsis: true },
        { key: 'expert', dataIndex: 'assigneeName', title: t('escalations.expert'), render: (v) => v ?? '—' },
        { key: 'status', title: t('escalations.status'), render: (_, r) => <EscalationStatusTag status={r.status} overdue={r.overdue} /> },
        { key: 'askedAt', dataIndex: 'askedAt', title: t('escalations.askedAt'), sorter: true, render: (v) => fmt(v) },
      ]}
      card={(r) => ({
        title: `${r.workOrderNumber} · ${t(`escalations.tiers.${r.toTier}`)}`,
        tag: <EscalationStatusTag status={r.status} overdue={r.overdue} />,
        lines: [
          <span key="c">
            {r.customerName} · {r.modelName} {r.serialNumber}
          </span>,
          <span key="q">{r.question}</span>,
          <span key="a">{fmt(r.askedAt)}</span>,
        ],
        to: `/work-orders/${r.workOrderId}`,
      })}
    />
  );
}

function SettingsRow({ s }: { s: EscalationSettings }) {
  const { t } = useTranslation();
  const save = useSaveLadderSettings();
  const problem = useProblem();
  const [l2, setL2] = useState<number | null>(s.l2AfterHours);
  const [l3, setL3] = useState<number | null>(s.l3AfterHours);
  return (
    <Space wrap data-testid={`ladder-${s.urgency}`}>
      <strong style={{ width: 60, display: 'inline-block' }}>{t(`service.urgencies.${s.urgency}`)}</strong>
      <InputNumber min={0} max={720} value={l2} onChange={(v) => setL2(v)} addonBefore="L2" placeholder={t('escalations.l2AfterHours')} />
      <InputNumber min={0} max={720} value={l3} onChange={(v) => setL3(v)} addonBefore="L3" placeholder={t('escalations.l3AfterHours')} />
      <Button
        loading={save.isPending}
        onClick={() => save.mutate({ urgency: s.urgency, version: s.version, l2AfterHours: l2, l3AfterHours: l3 }, { onError: problem })}
        data-testid={`ladder-save-${s.urgency}`}
      >
        {t('escalations.save')}
      </Button>
    </Space>
  );
}

export function EscalationSettingsPage() {
  const { t } = useTranslation();
  const settings = useLadderSettings();
  const experts = useExperts();
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <PageTitle>{t('escalations.settingsTitle')}</PageTitle>
      <Alert type="info" showIcon title={t('escalations.settingsHint')} />
      <Card size="small">
        <Space direction="vertical">
          {(settings.data?.items ?? []).map((s) => (
            <SettingsRow key={`${s.id}-${s.version}`} s={s} />
          ))}
        </Space>
      </Card>
      <Card size="small" title={t('escalations.experts')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={experts.data?.items ?? []}
          columns={[
            { key: 'name', dataIndex: 'displayName', title: t('escalations.user') },
            { key: 'tier', title: t('escalations.tier'), render: (_, r) => t(`escalations.tiers.${r.tier}`) },
          ]}
        />
      </Card>
    </Space>
  );
}
