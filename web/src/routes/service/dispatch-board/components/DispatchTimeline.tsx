// The engineers' day (issue 10 item 12): engineers as rows, the chosen day's working hours as
// the axis, agreed appointments and time on site as blocks, and a line at "now" when the day
// is today. Plain CSS positioning over the hours; a click on a block opens its work order.
import { Alert, Button, Card, DatePicker, Empty, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type Timeline, type TimelineBlock, useDispatchTimeline } from '../../../../api/hooks/dispatch';
import { businessToday } from '../../../../businessDay';
import { problemText } from '../../common';

const URGENCY_COLOUR: Record<string, string> = { emergency: '#cf1322', urgent: '#d46b08', normal: '#1677ff', low: '#8c8c8c' };

/** The axis: the working hours widened to whole hours and to every block of the day (08:00–18:00 on a day off). */
function axisOf(tl: Timeline): [number, number] {
  const day = dayjs(`${tl.date}T00:00:00`);
  let from = tl.workingHours.length ? Math.min(...tl.workingHours.map((h) => Date.parse(h.start))) : day.hour(8).valueOf();
  let to = tl.workingHours.length ? Math.max(...tl.workingHours.map((h) => Date.parse(h.end))) : day.hour(18).valueOf();
  for (const e of tl.engineers)
    for (const b of e.blocks) {
      from = Math.min(from, Date.parse(b.start));
      to = Math.max(to, Date.parse(b.end));
    }
  const hour = 3_600_000;
  return [Math.floor(from / hour) * hour, Math.ceil(to / hour) * hour];
}

export function DispatchTimeline() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [date, setDate] = useState<Dayjs>(businessToday());
  const iso = date.format('YYYY-MM-DD');
  const q = useDispatchTimeline(iso);
  const tl = q.data;
  const nowMs = Date.now();
  const [from, to] = tl ? axisOf(tl) : [0, 1];
  const pct = (ms: number) => `${((Math.min(to, Math.max(from, ms)) - from) / (to - from)) * 100}%`;
  const hours: number[] = [];
  for (let h = from; h <= to; h += 3_600_000) hours.push(h);
  const label = 150;

  const block = (b: TimelineBlock) => {
    const left = pct(Date.parse(b.start));
    const width = `calc(${pct(Date.parse(b.end))} - ${left})`;
    const colour = URGENCY_COLOUR[b.urgency] ?? '#1677ff';
    return (
      <Tooltip
        key={`${b.workOrderId}-${b.kind}-${b.role}`}
        title={`${b.workOrderNumber} · ${b.customerName} · ${dayjs(b.start).format('HH:mm')}–${dayjs(b.end).format('HH:mm')} · ${t(`service.woStatuses.${b.status}`)}${b.role === 'helper' ? ` · ${t('dispatchBoard.helper')}` : ''}`}
      >
        <button
          type="button"
          data-testid={`timeline-block-${b.workOrderNumber}`}
          data-kind={b.kind}
          onClick={() => navigate(`/work-orders/${b.workOrderId}`)}
          style={{
            position: 'absolute',
            left,
            width,
            minWidth: 6,
            top: b.kind === 'visit' ? 22 : 4,
            height: 18,
            border: `1px ${b.role === 'helper' ? 'dashed' : 'solid'} ${colour}`,
            background: b.kind === 'visit' ? colour : `${colour}22`,
            color: b.kind === 'visit' ? '#fff' : colour,
            borderRadius: 4,
            fontSize: 11,
            lineHeight: '16px',
            overflow: 'hidden',
            whiteSpace: 'nowrap',
            textOverflow: 'ellipsis',
            padding: '0 4px',
            cursor: 'pointer',
          }}
        >
          {b.workOrderNumber}
        </button>
      </Tooltip>
    );
  };

  return (
    <Card
      size="small"
      data-testid="dispatch-timeline"
      title={t('dispatchBoard.timeline')}
      style={{ marginTop: 16 }}
      extra={
        <Space>
          <Button size="small" onClick={() => setDate(date.subtract(1, 'day'))}>
            ‹
          </Button>
          <DatePicker data-testid="timeline-date" size="small" allowClear={false} value={date} onChange={(d) => d && setDate(d)} />
          <Button size="small" onClick={() => setDate(date.add(1, 'day'))}>
            ›
          </Button>
        </Space>
      }
    >
      {q.error && <Alert type="error" showIcon title={problemText(q.error)} />}
      {tl && (
        <div style={{ overflowX: 'auto' }}>
          <div style={{ minWidth: 720 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {tl.workingHours.length
                ? tl.workingHours.map((h) => `${dayjs(h.start).format('HH:mm')}–${dayjs(h.end).format('HH:mm')}`).join(' · ')
                : t('dispatchBoard.dayOff')}
              {'  '}
              <Tag color="blue" style={{ marginInlineStart: 8 }}>
                {t('dispatchBoard.appointment')}
              </Tag>
              <Tag color="#1677ff">{t('dispatchBoard.visit')}</Tag>
            </Typography.Text>
            {/* the hour scale */}
            <div style={{ display: 'grid', gridTemplateColumns: `${label}px 1fr`, marginTop: 4 }}>
              <div />
              <div style={{ position: 'relative', height: 18, borderBottom: '1px solid #f0f0f0' }}>
                {hours.map((h) => (
                  <span key={h} style={{ position: 'absolute', left: pct(h), fontSize: 11, color: '#8c8c8c', transform: 'translateX(-50%)' }}>
                    {dayjs(h).format('HH')}
                  </span>
                ))}
              </div>
            </div>
            {tl.engineers.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
            {tl.engineers.map((e) => (
              <div
                key={e.userId}
                data-testid={`timeline-row-${e.name}`}
                style={{ display: 'grid', gridTemplateColumns: `${label}px 1fr`, borderBottom: '1px solid #f5f5f5', alignItems: 'center' }}
              >
                <div style={{ padding: '4px 8px 4px 0', fontSize: 13 }}>
                  <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{e.name}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                    {t('dispatchBoard.load', { n: e.openLoad })}
                  </Typography.Text>
                </div>
                <div style={{ position: 'relative', height: 44, background: '#fafafa' }}>
                  {/* working time shaded white over the grey off-hours */}
                  {tl.workingHours.map((h) => (
                    <div
                      key={h.start}
                      style={{
                        position: 'absolute',
                        top: 0,
                        bottom: 0,
                        left: pct(Date.parse(h.start)),
                        width: `calc(${pct(Date.parse(h.end))} - ${pct(Date.parse(h.start))})`,
                        background: '#fff',
                      }}
                    />
                  ))}
                  {hours.map((h) => (
                    <div key={h} style={{ position: 'absolute', top: 0, bottom: 0, left: pct(h), borderLeft: '1px dotted #e8e8e8' }} />
                  ))}
                  {e.blocks.map(block)}
                  {nowMs >= from && nowMs <= to && (
                    <div
                      data-testid="timeline-now"
                      title={t('dispatchBoard.now')}
                      style={{ position: 'absolute', top: 0, bottom: 0, left: pct(nowMs), borderLeft: '2px solid #ff4d4f', zIndex: 2 }}
                    />
                  )}
                </div>
              </div>
            ))}
          </div>
        </div>
      )}
    </Card>
  );
}
