// Shared pieces of the after-service screens (follow-ups, surveys, complaints).

import { App as AntApp, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import type { FuStatus } from '../../api/hooks/followups';
import type { Label } from '../../api/hooks/questionnaires';

export const fmt = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString('sv-SE', { hour12: false }).slice(0, 16) : '');

export function useLabel() {
  const { i18n } = useTranslation();
  return (l: Label) => (i18n.language === 'en-US' ? l['en-US'] : l['zh-CN']);
}

const FU_COLORS: Record<FuStatus, string> = { pending: 'blue', escalated: 'orange', approved: 'gold', done: 'green' };
export function FuStatusTag({ value, overdue }: { value: FuStatus; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={FU_COLORS[value]}>{t(`care.fuStatus.${value}`)}</Tag>
      {overdue && <Tag color="red">{t('care.overdue')}</Tag>}
    </>
  );
}

/** Shows a server problem (already translated) as a message. */
export function useProblem() {
  const { message } = AntApp.useApp();
  return (e: unknown) => message.error(e instanceof ApiError ? e.problem.detail : String(e));
}
