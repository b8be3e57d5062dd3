// 服务报告审核 (R-WO-5): customer service checks a signed report for completeness, then
// approves it (archived, immutable) or returns it with comments for a new signed version.
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api';
import { missingForReview, problemText, type WorkOrder } from './common';

export function ReviewPanel({ wo, onDone }: { wo: WorkOrder; onDone?: (next: WorkOrder) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ comments?: string }>();
  const [busy, setBusy] = useState<'approved' | 'returned' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const missing = missingForReview(wo);

  const send = async (verdict: 'approved' | 'returned') => {
    const comments = (form.getFieldValue('comments') as string | undefined)?.trim();
    if (verdict === 'returned' && !comments) {
      form.setFields([{ name: 'comments', errors: [t('workOrder.commentsRequired')] }]);
      return;
    }
    setBusy(verdict);
    setError(null);
    try {
      const next = await request<WorkOrder>('POST', `/api/v1/work-orders/${wo.id}/review`, { version: wo.version, verdict, ...(comments ? { comments } : {}) });
      message.success(verdict === 'approved' ? t('workOrder.approved') : t('workOrder.returned'));
      await qc.invalidateQueries();
      onDone?.(next);
    } catch (e) {
      setError(e instanceof ApiError && e.problem.code === 'version_conflict' ? t('common.conflict') : problemText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={t('workOrder.review')} data-testid="review-panel" style={{ borderColor: '#1668dc' }}>
      {missing.length ? (
        <Alert
          type="warning"
          showIcon
          data-testid="review-missing"
          title={t('workOrder.missingTitle')}
          description={
            <Space wrap>
              {missing.map((m) => (
                <Tag color="orange" key={m}>
                  {t(`workOrder.fields.${m}`)}
                </Tag>
              ))}
            </Space>
          }
          style={{ marginBottom: 12 }}
        />
      ) : (
        <Alert type="success" showIcon title={t('workOrder.complete')} style={{ marginBottom: 12 }} data-testid="review-complete" />
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="comments" label={t('workOrder.comments')} rules={[{ max: 2000 }]}>
          <Input.TextArea data-testid="review-comments" rows={3} placeholder={t('workOrder.commentsHint')} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="review-error" />}
      <Space wrap>
        <Button
          data-testid="review-approve"
          type="primary"
          size="large"
          icon={<CheckOutlined />}
          loading={busy === 'approved'}
          disabled={missing.length > 0}
          onClick={() => send('approved')}
        >
          {t('workOrder.approve')}
        </Button>
        <Button data-testid="review-return" danger size="large" icon={<RollbackOutlined />} loading={busy === 'returned'} onClick={() => send('returned')}>
          {t('workOrder.return')}
        </Button>
      </Space>
    </Card>
  );
}
