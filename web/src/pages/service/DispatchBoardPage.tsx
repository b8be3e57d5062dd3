// 派工看板 (R-DSP-1/2, R-SLA-4): jobs waiting for an engineer, jobs whose deadline is at
// risk, and jobs flagged for priority dispatch the next morning; each card carries the
// countdown, urgency, unit, customer, region and ranked engineer suggestions.
import { DownloadOutlined, ReloadOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Col, Empty, Grid, Progress, Row, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { download, type Page, request } from '../../api';
import { EnumTag } from '../../components/pickers';
import {
  type Board,
  type BoardItem,
  Countdown,
  isMissingRoute,
  problemText,
  RequestStatusTag,
  type ServiceRequest,
  UrgencyTag,
  WoStatusTag,
} from '../../components/service/common';
import { DispatchDialog, SuggestionLabel } from '../../components/service/DispatchDialog';

type Column = keyof Board;
const COLUMNS: Column[] = ['unassigned', 'atRisk', 'flaggedForMorning'];

function BoardCard({ item, onAssign }: { item: BoardItem; onAssign: (i: BoardItem) => void }) {
  const { t } = useTranslation();
  const assigned = item.status !== 'new';
  const pct = item.percentElapsed == null ? null : Math.round(item.percentElapsed);
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid={`board-card-${item.workOrderNumber}`} className="board-card">
      <Space direction="vertical" size={6} style={{ width: '100%' }}>
        <Space wrap size={6} style={{ justifyContent: 'space-between', width: '100%' }}>
          <Space size={6} wrap>
            <Link to={`/work-orders/${item.workOrderId}`}>
              <strong>{item.workOrderNumber}</strong>
            </Link>
            <UrgencyTag value={item.urgency} />
            {item.flagged && <Tag color="volcano">{t('service.flaggedForMorning')}</Tag>}
          </Space>
          <WoStatusTag value={item.status} />
        </Space>
        <Countdown at={item.nextDeadlineAt} kind={item.nextDeadlineKind} />
        {pct != null && (
          <Progress
            percent={Math.min(100, pct)}
            size="small"
            status={pct >= 100 ? 'exception' : 'active'}
            strokeColor={pct >= 75 && pct < 100 ? '#fa8c16' : undefined}
          />
        )}
        <div>
          <Link to={`/devices/${item.deviceId}`}>{item.serialNumber}</Link> · {item.modelName}
          {item.category && <Typography.Text type="secondary"> · {t(`model.categories.${item.category}`, { defaultValue: item.category })}</Typography.Text>}
        </div>
        <div>
          {item.customerName}
          {item.city ? ` · ${item.city}` : ''} <EnumTag ns="customer.regions" value={item.regionClass} />
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <Link to={`/requests/${item.requestId}`}>{item.requestNumber}</Link> · {t('service.receivedAt')} {dayjs(item.receivedAt).format('MM-DD HH:mm')}
          {item.leadName ? ` · ${t('dispatch.lead')}: ${item.leadName}` : ''}
        </Typography.Text>
        {item.suggestions.length > 0 && (
          <div data-testid="board-suggestions">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('dispatch.suggested')}
            </Typography.Text>
            {item.suggestions.slice(0, 3).map((s) => (
              <div key={s.userId} style={{ paddingBlock: 2 }}>
                <SuggestionLabel s={s} />
              </div>
            ))}
          </div>
        )}
        <Button
          data-testid="board-assign"
          type={assigned ? 'default' : 'primary'}
          icon={<UserSwitchOutlined />}
          block
          size="large"
          onClick={() => onAssign(item)}
          disabled={!['new', 'dispatched', 'accepted', 'on_the_way'].includes(item.status)}
        >
          {assigned ? t('dispatch.reassign') : t('dispatch.assign')}
        </Button>
      </Space>
    </Card>
  );
}

/** Until GET /dispatch/board lands: the open requests, each linking to its work order. */
function Fallback() {
  const { t } = useTranslation();
  const open = useQuery({
    queryKey: ['/api/v1/requests', 'board-fallback'],
    queryFn: () => request<Page<ServiceRequest>>('GET', '/api/v1/requests?status=open&sort=urgency&pageSize=50'),
  });
  return (
    <Table<ServiceRequest>
      data-testid="board-fallback"
      rowKey="id"
      size="small"
      loading={open.isFetching}
      dataSource={open.data?.items ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        { dataIndex: 'number', title: t('service.requestNumber'), render: (v, r) => <Link to={`/requests/${r.id}`}>{v}</Link> },
        { dataIndex: 'urgency', title: t('service.urgency'), render: (v) => <UrgencyTag value={v} /> },
        { dataIndex: 'status', title: t('service.status'), render: (v) => <RequestStatusTag value={v} /> },
        { dataIndex: 'serialNumber', title: t('device.serialNumber') },
        { dataIndex: 'customerName', title: t('device.customer') },
        { dataIndex: 'nextDueAt', title: t('service.nextDeadline'), render: (v) => <Countdown at={v} /> },
        {
          key: 'wo',
          title: t('service.workOrder'),
          render: (_, r) => (r.workOrderId ? <Link to={`/work-orders/${r.workOrderId}`}>{r.workOrderNumber}</Link> : '—'),
        },
      ]}
    />
  );
}

export function DispatchBoardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [target, setTarget] = useState<BoardItem | null>(null);
  const board = useQuery({
    queryKey: ['/api/v1/dispatch/board'],
    queryFn: () => request<Board>('GET', '/api/v1/dispatch/board'),
    refetchInterval: 60_000,
    retry: false,
  });
  const missing = board.error && isMissingRoute(board.error);
  const data = board.data;

  const column = (c: Column) => {
    const items = data?.[c] ?? [];
    return items.length === 0 ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dispatch.empty')} />
    ) : (
      items.map((it) => <BoardCard key={`${c}-${it.workOrderId}`} item={it} onAssign={setTarget} />)
    );
  };
  const title = (c: Column) => (
    <Space>
      {t(`dispatch.columns.${c}`)}
      <Badge count={data?.[c].length ?? 0} showZero color={c === 'atRisk' ? 'red' : c === 'flaggedForMorning' ? 'volcano' : 'blue'} />
    </Space>
  );

  return (
    <Card
      data-testid="dispatch-board"
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('menu.dispatch')}
        </Typography.Title>
      }
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download('/api/v1/dispatch/at-risk/export', 'at-risk.xlsx').catch((e) => message.error(problemText(e)))}
            disabled={!!missing}
          >
            {t('dispatch.exportAtRisk')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => board.refetch()} loading={board.isFetching} aria-label="reload" />
        </Space>
      }
    >
      {missing ? (
        <>
          <Alert type="info" showIcon title={t('dispatch.boardMissing')} style={{ marginBottom: 12 }} data-testid="board-missing" />
          <Fallback />
        </>
      ) : board.error ? (
        <Alert type="error" showIcon title={problemText(board.error)} />
      ) : screens.lg ? (
        <Row gutter={16}>
          {COLUMNS.map((c) => (
            <Col span={8} key={c} data-testid={`board-col-${c}`}>
              <Card size="small" title={title(c)} styles={{ body: { background: '#f5f7fa', minHeight: 200 } }} loading={board.isLoading}>
                {column(c)}
              </Card>
            </Col>
          ))}
        </Row>
      ) : (
        <Tabs
          items={COLUMNS.map((c) => ({
            key: c,
            label: title(c),
            children: <div data-testid={`board-col-${c}`}>{column(c)}</div>,
          }))}
        />
      )}
      <DispatchDialog
        open={!!target}
        workOrder={target ? { id: target.workOrderId, number: target.workOrderNumber, version: target.version, status: target.status } : null}
        suggestions={target?.suggestions ?? []}
        onClose={() => setTarget(null)}
      />
    </Card>
  );
}
