// 派工看板 (R-DSP-1/2, R-SLA-4; issue 10 item 12): jobs waiting for an engineer (flagged for
// the morning first), jobs dispatched today (they stay, with their status), jobs whose deadline
// is at risk, and the engineers' day timeline. Each card carries the fault, the down status,
// the countdown, the appointment and, while waiting, the engineers ranked for it on demand: a
// click on one opens the dispatch dialog with that engineer as lead. Each lane shows its most
// urgent cards with its total, "load more" asks for more, and urgency, region and customer
// narrow the whole board (issue 17 item 4: thousands may wait at once).
import { CalendarOutlined, DownloadOutlined, ReloadOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Col, Empty, Grid, Progress, Row, Space, Spin, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { download } from '../../../api';
import { type BoardItem, type BoardParams, useDispatchBoard, useSuggestions } from '../../../api/hooks/dispatch';
import { PageTitle } from '../../../components/PageTitle';
import { CustomerSelect, ENUMS, EnumSelect, EnumTag } from '../../../components/pickers';
import { Countdown, KindTag, problemText, URGENCIES, UrgencyTag, WO_KINDS, WoStatusTag } from '../common';
import { DispatchDialog, SuggestionLabel } from '../components/DispatchDialog';
import { DispatchTimeline } from './components/DispatchTimeline';

type Column = 'unassigned' | 'assignedToday' | 'atRisk';
const COLUMNS: Column[] = ['unassigned', 'assignedToday', 'atRisk'];
type Target = { item: BoardItem; lead: string | null };
/** Cards per lane at first and per "load more"; the server answers at most 500. */
const STEP = 50;
const MAX_LIMIT = 500;

/** The engineers ranked for one waiting job, asked for when the dispatcher opens them (R-DSP-2). */
function CardSuggestions({ item, onAssign }: { item: BoardItem; onAssign: (t: Target) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const ranked = useSuggestions(item.workOrderId, open);
  if (!open) {
    return (
      <Button type="link" size="small" data-testid="board-suggest" onClick={() => setOpen(true)} style={{ padding: 0 }}>
        {t('dispatchBoard.suggest')}
      </Button>
    );
  }
  if (ranked.isLoading) return <Spin size="small" />;
  if (ranked.error) return <Typography.Text type="danger">{problemText(ranked.error)}</Typography.Text>;
  return (
    <div data-testid="board-suggestions">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('dispatch.suggested')} · {t('dispatchBoard.pickEngineer')}
      </Typography.Text>
      {(ranked.data?.items ?? []).slice(0, 3).map((s) => (
        <button
          type="button"
          key={s.userId}
          data-testid="board-suggestion"
          className="board-suggestion"
          onClick={() => onAssign({ item, lead: s.userId })}
          style={{
            display: 'block',
            width: '100%',
            textAlign: 'start',
            background: 'none',
            border: '1px solid transparent',
            borderRadius: 6,
            padding: '2px 4px',
            cursor: 'pointer',
          }}
          onMouseEnter={(e) => {
            e.currentTarget.style.borderColor = '#91caff';
          }}
          onMouseLeave={(e) => {
            e.currentTarget.style.borderColor = 'transparent';
          }}
        >
          <SuggestionLabel s={s} />
        </button>
      ))}
    </div>
  );
}

function BoardCard({ item, onAssign }: { item: BoardItem; onAssign: (t: Target) => void }) {
  const { t } = useTranslation();
  const assigned = item.status !== 'new';
  const pct = item.percentElapsed == null ? null : Math.round(item.percentElapsed);
  // The server says what this caller may do on this card (issue 11 item 3): the work order's own rule.
  const canDispatch = item.abilities.dispatch;
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid={`board-card-${item.workOrderNumber}`} className="board-card">
      <Space direction="vertical" size={6} style={{ width: '100%' }}>
        <Space wrap size={6} style={{ justifyContent: 'space-between', width: '100%' }}>
          <Space size={6} wrap>
            <Link to={`/work-orders/${item.workOrderId}`}>
              <strong>{item.workOrderNumber}</strong>
            </Link>
            <UrgencyTag value={item.urgency} />
            <KindTag value={item.kind} />
            {item.deviceDown && (
              <Tag color="red" data-testid="board-down">
                {t('dispatchBoard.down')}
              </Tag>
            )}
            {item.deviceHold && (
              <Tag color="red" data-testid="board-hold" title={item.deviceHold.reason}>
                {t('holds.banner')}
              </Tag>
            )}
            {item.flagged && <Tag color="volcano">{t('service.flaggedForMorning')}</Tag>}
          </Space>
          <WoStatusTag value={item.status} kind={item.kind} />
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
        {item.faultDescription && (
          <Typography.Paragraph data-testid="board-fault" ellipsis={{ rows: 2, tooltip: item.faultDescription }} style={{ margin: 0 }}>
            {item.faultDescription}
          </Typography.Paragraph>
        )}
        <div>
          <Link to={`/devices/${item.deviceId}`}>{item.serialNumber}</Link> · {item.modelName}
          {item.category && <Typography.Text type="secondary"> · {t(`model.categories.${item.category}`, { defaultValue: item.category })}</Typography.Text>}
        </div>
        <div>
          {item.customerName}
          {item.city ? ` · ${item.city}` : ''} <EnumTag ns="customer.regions" value={item.regionClass} />
        </div>
        {(item.appointmentAt || item.status !== 'new') && (
          <Space size={4} data-testid="board-appointment">
            <CalendarOutlined />
            {item.appointmentAt ? (
              <Typography.Text strong type={item.arriveDueAt && dayjs(item.appointmentAt).isAfter(item.arriveDueAt) ? 'warning' : undefined}>
                {t('dispatchBoard.appointment')} {dayjs(item.appointmentAt).format('MM-DD HH:mm')}
                {item.appointmentEndAt ? `–${dayjs(item.appointmentEndAt).format('HH:mm')}` : ''}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t('dispatchBoard.noAppointment')}</Typography.Text>
            )}
          </Space>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <Link to={`/requests/${item.requestId}`}>{item.requestNumber}</Link> · {t('service.receivedAt')} {dayjs(item.receivedAt).format('MM-DD HH:mm')}
          {item.leadName ? ` · ${t('dispatch.lead')}: ${item.leadName}` : ''}
        </Typography.Text>
        {!assigned && canDispatch && <CardSuggestions item={item} onAssign={onAssign} />}
        <Button
          data-testid="board-assign"
          type={assigned ? 'default' : 'primary'}
          icon={<UserSwitchOutlined />}
          block
          size="large"
          onClick={() => onAssign({ item, lead: null })}
          disabled={!canDispatch}
        >
          {assigned ? t('dispatch.reassign') : t('dispatch.assign')}
        </Button>
      </Space>
    </Card>
  );
}

export function DispatchBoardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [target, setTarget] = useState<Target | null>(null);
  const [filters, setFilters] = useState<Omit<BoardParams, 'limit'>>({});
  const [limit, setLimit] = useState(STEP);
  const board = useDispatchBoard({ ...filters, limit });
  // A new filter starts again from the first cards.
  const filter = (f: Omit<BoardParams, 'limit'>) => {
    setFilters((old) => ({ ...old, ...f }));
    setLimit(STEP);
  };
  const data = board.data;
  const total = (c: Column) => data?.totals?.[c] ?? data?.[c]?.length ?? 0;

  const column = (c: Column) => {
    const items = data?.[c] ?? [];
    if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dispatch.empty')} />;
    return (
      <>
        {items.map((it) => (
          <BoardCard key={`${c}-${it.workOrderId}`} item={it} onAssign={setTarget} />
        ))}
        {total(c) > items.length && (
          <Typography.Text type="secondary" data-testid={`board-more-${c}`}>
            {t('dispatchBoard.showing', { shown: items.length, total: total(c) })} ·{' '}
            {limit < MAX_LIMIT ? (
              <Button
                type="link"
                size="small"
                data-testid={`board-load-more-${c}`}
                loading={board.isFetching}
                onClick={() => setLimit((n) => Math.min(MAX_LIMIT, n + STEP))}
                style={{ padding: 0 }}
              >
                {t('dispatchBoard.loadMore')}
              </Button>
            ) : (
              <Link to={c === 'unassigned' ? '/work-orders?status=new' : '/work-orders'}>{t('dispatchBoard.openList')}</Link>
            )}
          </Typography.Text>
        )}
      </>
    );
  };
  const title = (c: Column) => (
    <Space>
      {c === 'assignedToday' ? t('dispatchBoard.assignedToday') : t(`dispatch.columns.${c}`)}
      <Badge count={total(c)} overflowCount={9999} showZero color={c === 'atRisk' ? 'red' : c === 'assignedToday' ? 'green' : 'blue'} />
      {c === 'unassigned' && (data?.totals?.flaggedForMorning ?? 0) > 0 && (
        <Tag color="volcano" data-testid="board-flagged-count">
          {t('dispatchBoard.flagged', { n: data?.totals?.flaggedForMorning })}
        </Tag>
      )}
    </Space>
  );

  return (
    <Card
      data-testid="dispatch-board"
      title={<PageTitle>{t('menu.dispatch')}</PageTitle>}
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download('/api/v1/dispatch/at-risk/export', 'at-risk.xlsx').catch((e) => message.error(problemText(e)))}
          >
            {t('dispatch.exportAtRisk')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => board.refetch()} loading={board.isFetching} aria-label="reload" />
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }} data-testid="board-filters">
        <EnumSelect
          ns="service.urgencies"
          values={URGENCIES}
          placeholder={t('dispatchBoard.filterUrgency')}
          style={{ width: 140 }}
          data-testid="board-filter-urgency"
          value={filters.urgency}
          onChange={(v) => filter({ urgency: v ?? undefined })}
        />
        <EnumSelect
          ns="customer.regions"
          values={ENUMS.regions}
          placeholder={t('dispatchBoard.filterRegion')}
          style={{ width: 140 }}
          data-testid="board-filter-region"
          value={filters.regionClass}
          onChange={(v) => filter({ regionClass: v ?? undefined })}
        />
        <EnumSelect
          ns="service.woKinds"
          values={WO_KINDS}
          placeholder={t('service.kind')}
          style={{ width: 140 }}
          data-testid="board-filter-kind"
          value={filters.kind}
          onChange={(v) => filter({ kind: v ?? undefined })}
        />
        <CustomerSelect
          placeholder={t('dispatchBoard.filterCustomer')}
          style={{ width: 260 }}
          data-testid="board-filter-customer"
          allowClear
          value={filters.customerId}
          onChange={(v) => filter({ customerId: v ?? undefined })}
        />
      </Space>
      {board.error ? (
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
      <DispatchTimeline />
      <DispatchDialog
        open={!!target}
        workOrder={
          target
            ? {
                id: target.item.workOrderId,
                number: target.item.workOrderNumber,
                version: target.item.version,
                status: target.item.status,
                appointmentAt: target.item.appointmentAt,
                appointmentEndAt: target.item.appointmentEndAt,
              }
            : null
        }
        initialLead={target?.lead}
        arriveDueAt={target?.item.arriveDueAt}
        onClose={() => setTarget(null)}
      />
    </Card>
  );
}
