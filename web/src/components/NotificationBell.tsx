// The header bell: unread count and the latest notifications, grouped by local day and by the
// record they are about (request / work order, hospital, device), times in the browser's zone,
// repeats of the same notice about the same record collapsed with a count (issue 10 item 11).
// A click opens the record (or the survey link); an archived report offers its PDF. Polls every
// minute.
import { BellOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Popover, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { download } from '../api';
import { type Notice, useMarkRead, useNotifications } from '../api/hooks/notifications';
import { businessToday } from '../businessDay';

/** Notices about the same record, of the same kind and title, this close together read as one. */
const REPEAT_WINDOW_MS = 30 * 60_000;

export interface NoticeRow {
  notice: Notice;
  /** Ids folded into this row (the newest first); more than one = a repetition. */
  ids: string[];
  unread: boolean;
}
export interface RecordGroup {
  key: string;
  context: Notice['context'];
  rows: NoticeRow[];
}
export interface DayGroup {
  day: string;
  records: RecordGroup[];
}

/** Newest-first notices → days (local) → records → rows with repeats folded. Pure. */
export function groupNotices(items: Notice[]): DayGroup[] {
  const days: DayGroup[] = [];
  for (const n of items) {
    const day = dayjs(n.createdAt).format('YYYY-MM-DD');
    let d = days.find((x) => x.day === day);
    if (!d) {
      d = { day, records: [] };
      days.push(d);
    }
    const key = n.refId ? `${n.refEntity}:${n.refId}` : `none:${n.id}`;
    let r = d.records.find((x) => x.key === key);
    if (!r) {
      r = { key, context: n.context, rows: [] };
      d.records.push(r);
    }
    const last = r.rows.at(-1);
    const lastAt = last ? new Date(last.notice.createdAt).getTime() : 0;
    // Rows are newest first, so the previous row of this record is the later one.
    if (last && last.notice.kind === n.kind && last.notice.title === n.title && lastAt - new Date(n.createdAt).getTime() <= REPEAT_WINDOW_MS) {
      last.ids.push(n.id);
      last.unread ||= !n.readAt;
    } else {
      r.rows.push({ notice: n, ids: [n.id], unread: !n.readAt });
    }
  }
  return days;
}

function recordLine(c: Notice['context']): string {
  if (!c) return '';
  return [c.requestNumber ?? c.recordNumber, c.customerName, [c.deviceModel, c.deviceSerial].filter(Boolean).join(' ')].filter(Boolean).join(' · ');
}

export function NotificationBell({ phone }: { phone: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const q = useNotifications();
  const read = useMarkRead();
  // Best effort: a failed mark leaves the notice unread, refreshed either way.
  const markRead = (ids: string[] | 'all') => read.mutate({ ids });
  const days = groupNotices(q.data?.items ?? []);
  const today = businessToday().format('YYYY-MM-DD');
  const yesterday = businessToday().subtract(1, 'day').format('YYYY-MM-DD');
  const dayLabel = (d: string) => (d === today ? t('notifyView.today') : d === yesterday ? t('notifyView.yesterday') : dayjs(d).format('YYYY-MM-DD ddd'));
  const openRow = (row: NoticeRow) => {
    if (row.unread) markRead(row.ids);
    const link = row.notice.link;
    if (!link) return;
    setOpen(false);
    navigate(link);
  };
  const content = (
    <div style={{ width: phone ? 300 : 400, maxHeight: 480, overflow: 'auto' }} data-testid="notifications">
      {days.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} />
      ) : (
        days.map((d) => (
          <div key={d.day} data-testid="notification-day">
            <Typography.Text type="secondary" strong style={{ display: 'block', fontSize: 12, padding: '6px 8px 2px' }}>
              {dayLabel(d.day)}
            </Typography.Text>
            {d.records.map((r) => (
              <div key={r.key} data-testid="notification-record" style={{ borderTop: '1px solid #f0f0f0', padding: '4px 0' }}>
                {r.context && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, paddingInline: 8 }} data-testid="notification-context">
                    {recordLine(r.context)}
                  </Typography.Text>
                )}
                {r.rows.map((row) => (
                  // biome-ignore lint/a11y/useSemanticElements: the row holds a PDF button, so it cannot be a <button> itself.
                  <div
                    key={row.notice.id}
                    data-testid="notification-item"
                    role="button"
                    tabIndex={0}
                    onClick={() => openRow(row)}
                    onKeyDown={(e) => e.key === 'Enter' && openRow(row)}
                    style={{ cursor: row.notice.link ? 'pointer' : 'default', background: row.unread ? '#f0f7ff' : undefined, padding: '4px 8px' }}
                  >
                    <Space size={4} style={{ width: '100%', justifyContent: 'space-between' }} align="start">
                      <Typography.Text strong={row.unread}>{row.notice.title}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 11, whiteSpace: 'nowrap' }} data-testid="notification-time">
                        {dayjs(row.notice.createdAt).format('HH:mm')}
                      </Typography.Text>
                    </Space>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {row.notice.body}
                    </Typography.Text>
                    <Space size={4}>
                      {row.ids.length > 1 && <Tag data-testid="notification-repeat">{t('notifyView.repeated', { n: row.ids.length })}</Tag>}
                      {row.notice.downloadUrl && (
                        <Button
                          size="small"
                          type="link"
                          icon={<FilePdfOutlined />}
                          style={{ paddingInline: 0 }}
                          onClick={(e) => {
                            e.stopPropagation();
                            void download(row.notice.downloadUrl as string, `${r.context?.workOrderNumber ?? 'report'}.pdf`);
                          }}
                        >
                          {t('notifyView.pdf')}
                        </Button>
                      )}
                    </Space>
                  </div>
                ))}
              </div>
            ))}
          </div>
        ))
      )}
    </div>
  );
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        <Space style={{ justifyContent: 'space-between', width: '100%' }}>
          <span>{t('notify.title')}</span>
          <Button size="small" type="link" data-testid="notifications-read-all" disabled={!q.data?.unread} onClick={() => markRead('all')}>
            {t('notify.markAll')}
          </Button>
        </Space>
      }
      content={content}
    >
      <Badge count={q.data?.unread ?? 0} size="small" offset={[-4, 4]}>
        <Button data-testid="notifications-bell" type="text" aria-label={t('notify.title')} icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />} />
      </Badge>
    </Popover>
  );
}
