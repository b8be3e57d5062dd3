// Suggestions from the service handbook (R-KB-1) by unit (its model) + fault text: on the intake
// form as the caller describes the fault, and on the work-order page; the 写入售后服务手册 button
// of a reviewed or closed work order.
import { Button, Card, List, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useDraftFromWorkOrder, useHandbookSuggestions } from '../../api/hooks/handbook';
import { useAbility } from '../../auth';
import { useProblem } from '../care/common';

export function HandbookSuggestions({ deviceId, text }: { deviceId?: string | null; text: string | null | undefined }) {
  const { t } = useTranslation();
  const canRead = useAbility('handbook.read');
  // Asked once the typing pauses, not on every key.
  const [settled, setSettled] = useState(text ?? '');
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text ?? ''), 400);
    return () => clearTimeout(timer);
  }, [text]);
  const q = useHandbookSuggestions({ deviceId, q: canRead ? settled.slice(0, 500) : '' });
  if (!canRead || settled.trim().length < 2) return null;
  const items = q.data?.items ?? [];
  return (
    <Card size="small" title={t('handbook.suggestions')} data-testid="handbook-suggestions" style={{ marginBottom: 16 }}>
      {items.length === 0 ? (
        <Typography.Text type="secondary">{q.isLoading ? '…' : t('handbook.noSuggestions')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(s) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Link to={`/handbook/${s.entryId}`} target="_blank">
                    {s.faultCode && <Tag>{s.faultCode}</Tag>}
                    {s.title}
                  </Link>
                }
                description={<span style={{ whiteSpace: 'pre-wrap' }}>{s.fix}</span>}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 写入售后服务手册: one click from a reviewed (or closed) work order; opens the prefilled draft. */
export function WriteToHandbookButton({ workOrderId, status }: { workOrderId: string; status: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const problem = useProblem();
  const canWrite = useAbility('handbook.write');
  const draft = useDraftFromWorkOrder();
  if (!canWrite || (status !== 'reviewed' && status !== 'closed')) return null;
  return (
    <Button
      data-testid="wo-to-handbook"
      loading={draft.isPending}
      onClick={() => draft.mutate(workOrderId, { onSuccess: (d) => navigate(`/handbook/${d.id}/edit`), onError: problem })}
    >
      {t('handbook.fromWorkOrder')}
    </Button>
  );
}
