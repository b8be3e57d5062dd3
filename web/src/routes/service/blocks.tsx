// Service blocks that need heavier antd pieces (Result, Progress) than the tags and countdowns
// in ./common.tsx: kept apart so the lists that only show tags do not fetch them (issue 17 item 6).
import { Progress, Result, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import type { Clock } from '../../api/hooks/requests';
import { Countdown, formatSpan, problemText, useNow } from './common';

/** A screen that could not load: 403 reads "forbidden", anything else the problem text. */
export function ErrorResult({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const forbidden = error instanceof ApiError && error.problem.status === 403;
  return <Result status={forbidden ? '403' : 'error'} title={forbidden ? t('common.forbidden') : problemText(error)} />;
}

/** One SLA clock: target, deadline, state and a progress bar of the window used. */
export function ClockBar({ clock }: { clock: Clock }) {
  const { t } = useTranslation();
  const now = useNow();
  const start = new Date(clock.startedAt).getTime();
  const due = new Date(clock.dueAt).getTime();
  const end = clock.stoppedAt ? new Date(clock.stoppedAt).getTime() : clock.pausedAt ? new Date(clock.pausedAt).getTime() : now;
  const pct = due > start ? Math.max(0, Math.min(100, Math.round(((end - start) / (due - start)) * 100))) : 100;
  const state = clock.outcome
    ? clock.outcome
    : clock.pausedAt
      ? 'paused'
      : clock.breachedAt || now > due
        ? 'breached'
        : clock.warnedAt || now > new Date(clock.warnAt).getTime()
          ? 'warning'
          : 'running';
  const status = state === 'breached' ? 'exception' : state === 'met' ? 'success' : state === 'running' || state === 'warning' ? 'active' : 'normal';
  const stateColor: Record<string, string> = { met: 'green', breached: 'red', cancelled: 'default', paused: 'gold', warning: 'orange', running: 'blue' };
  return (
    <div data-testid={`clock-${clock.kind}`} style={{ marginBottom: 12 }}>
      <Space wrap size={8}>
        <strong>{t(`service.clockKinds.${clock.kind}`)}</strong>
        <Tag color={stateColor[state]}>{t(`service.clockStates.${state}`)}</Tag>
        <Typography.Text type="secondary">
          {t('service.target')}: {formatSpan(clock.targetMinutes, t)} ({t(`service.bases.${clock.basis}`)})
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('service.dueAt')}: {dayjs(clock.dueAt).format('MM-DD HH:mm')}
        </Typography.Text>
        {!clock.stoppedAt && !clock.pausedAt && <Countdown at={clock.dueAt} />}
        {clock.stoppedAt && (
          <Typography.Text type="secondary">
            {t('service.stoppedAt')}: {dayjs(clock.stoppedAt).format('MM-DD HH:mm')}
          </Typography.Text>
        )}
        {clock.pausedAt && (
          <Typography.Text type="warning">
            {t('service.pausedSince', { at: dayjs(clock.pausedAt).format('MM-DD HH:mm') })}
            {clock.pauseReason ? ` · ${clock.pauseReason}` : ''}
          </Typography.Text>
        )}
      </Space>
      <Progress percent={pct} status={status} strokeColor={state === 'warning' ? '#fa8c16' : undefined} size="small" />
    </div>
  );
}
