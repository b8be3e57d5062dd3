// 时限预警 (R-SLA-4): every running SLA clock that is warned, breached or at least 75 % used,
// with a live countdown, the first responder and the lead engineer; filters by state and
// target kind (kept in the URL) and the same list as Excel.

import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Grid, List, Progress, Result, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, download, qs } from '../../../../api';
import { type AtRiskItem, useAtRisk } from '../../../../api/hooks/atRisk';
import { useListParams } from '../../../../components/ListPage';
import { PageTitle } from '../../../../components/PageTitle';
import { Countdown, problemText, UrgencyTag, WoStatusTag } from '../../common';

const STATES = ['at_risk', 'warned', 'breached'] as const;
const KINDS = ['respond', 'arrive', 'restore', 'loaner'] as const;
const STATE_COLORS = { at_risk: 'gold', warned: 'orange', breached: 'red' } as const;

export function AtRiskPage() {
  const { t } = useTranslation();
  const k = (s: string, o?: Record<string, unknown>) => t(`svcAdmin.atRisk.${s}`, o);
  const { message } = App.useApp();
  const phone = !Grid.useBreakpoint().md;
  const { value, set } = useListParams(['state', 'kind']);
  const filter = { state: STATES.find((s) => s === value.state), kind: KINDS.find((s) => s === value.kind) };
  const q = useAtRisk(filter);
  if (q.error instanceof ApiError && q.error.problem.status === 403) return <Result status="403" title={t('common.forbidden')} />;
  const items = q.data?.items ?? [];
  const used = (i: AtRiskItem) => (
    <Progress
      percent={Math.min(100, Math.round(i.percentElapsed))}
      format={() => `${Math.round(i.percentElapsed)}%`}
      size="small"
      status={i.state === 'breached' ? 'exception' : 'active'}
      strokeColor={i.state === 'breached' ? undefined : '#fa8c16'}
      style={{ width: 140, margin: 0 }}
    />
  );
  const stateTag = (i: AtRiskItem) => (
    <Space size={4}>
      <Tag color={STATE_COLORS[i.state]}>{k(`states.${i.state}`)}</Tag>
      {i.paused && <Tag>{k('paused')}</Tag>}
    </Space>
  );
  const workLink = (i: AtRiskItem) =>
    i.workOrderId ? <Link to={`/work-orders/${i.workOrderId}`}>{i.workOrderNumber}</Link> : <Link to={`/requests/${i.requestId}`}>{i.requestNumber}</Link>;

  return (
    <Card
      data-testid="at-risk"
      title={<PageTitle>{k('title')}</PageTitle>}
      extra={
        <Button
          data-testid="at-risk-export"
          icon={<DownloadOutlined />}
          onClick={() => download(`/api/v1/dispatch/at-risk/export${qs(filter)}`, 'sla-at-risk.xlsx').catch((e) => message.error(problemText(e)))}
        >
          {t('common.export')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{k('intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          data-testid="at-risk-state"
          allowClear
          placeholder={k('state')}
          style={{ width: 140 }}
          value={value.state}
          onChange={(v) => set({ state: v })}
          options={STATES.map((s) => ({ value: s, label: k(`states.${s}`) }))}
        />
        <Select
          data-testid="at-risk-kind"
          allowClear
          placeholder={k('kind')}
          style={{ width: 140 }}
          value={value.kind}
          onChange={(v) => set({ kind: v })}
          options={KINDS.map((s) => ({ value: s, label: t(`service.clockKinds.${s}`) }))}
        />
        <Button icon={<ReloadOutlined />} onClick={() => q.refetch()} aria-label="reload" />
        {q.data && (
          <Typography.Text type="secondary" data-testid="at-risk-total">
            {t('common.total', { total: q.data.total })} · {k('generatedAt', { at: dayjs(q.data.generatedAt).format('MM-DD HH:mm') })}
          </Typography.Text>
        )}
      </Space>
      {q.error && <Alert type="error" showIcon title={problemText(q.error)} style={{ marginBottom: 12 }} />}
      {phone ? (
        <List
          data-testid="at-risk-list"
          loading={q.isFetching && !q.data}
          dataSource={items}
          locale={{ emptyText: k('empty') }}
          renderItem={(i) => (
            <Card size="small" style={{ marginBottom: 8, width: '100%' }} key={i.clockId}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap size={6}>
                  <strong>{workLink(i)}</strong>
                  <UrgencyTag value={i.urgency} />
                  {stateTag(i)}
                </Space>
                <Countdown at={i.dueAt} kind={i.kind} />
                {used(i)}
                <span>
                  {i.customerName} · {i.modelName} {i.serialNumber}
                </span>
                <Typography.Text type="secondary">
                  {k('owner')}: {i.ownerName ?? '—'} · {k('lead')}: {i.leadName ?? '—'}
                </Typography.Text>
              </Space>
            </Card>
          )}
        />
      ) : (
        <Table<AtRiskItem>
          data-testid="at-risk-table"
          rowKey="clockId"
          size="middle"
          loading={q.isFetching && !q.data}
          dataSource={items}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: k('empty') }}
          columns={[
            { key: 'countdown', title: k('countdown'), render: (_: unknown, i) => <Countdown at={i.dueAt} kind={i.kind} /> },
            { key: 'state', title: k('state'), render: (_: unknown, i) => stateTag(i) },
            { key: 'used', title: k('used'), render: (_: unknown, i) => used(i) },
            { dataIndex: 'dueAt', title: k('due'), render: (v: string) => dayjs(v).format('MM-DD HH:mm') },
            { key: 'urgency', title: t('service.urgency'), render: (_: unknown, i) => <UrgencyTag value={i.urgency} /> },
            { key: 'request', title: t('service.requestNumber'), render: (_: unknown, i) => <Link to={`/requests/${i.requestId}`}>{i.requestNumber}</Link> },
            {
              key: 'wo',
              title: t('service.workOrder'),
              render: (_: unknown, i) =>
                i.workOrderId ? (
                  <Space size={4}>
                    <Link to={`/work-orders/${i.workOrderId}`}>{i.workOrderNumber}</Link>
                    <WoStatusTag value={i.workOrderStatus} />
                  </Space>
                ) : (
                  '—'
                ),
            },
            { dataIndex: 'customerName', title: t('device.customer') },
            { key: 'device', title: t('device.title'), render: (_: unknown, i) => `${i.modelName} · ${i.serialNumber}` },
            { dataIndex: 'ownerName', title: k('owner') },
            { dataIndex: 'leadName', title: k('lead') },
          ]}
        />
      )}
    </Card>
  );
}
