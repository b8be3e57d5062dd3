// 服务报告审核 (R-WO-5): customer service checks a signed report for completeness, then
// approves it (archived, immutable) or returns it with comments for a new signed version.
// The review is an electronic signature (R-AU-1, issue 14 §6): the reviewer types the password again.
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReview, type WorkOrder } from '../../../../api/hooks/workOrders';
import { saveErrorText } from '../../common';

export function ReviewPanel({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comments?: string; password?: string }>();
  const review = useReview();
  const [error, setError] = useState<string | null>(null);
  // What the approval would refuse, from the server's own rule (R-WO-5).
  const missing = wo.reviewMissing;
  const busy = review.isPending ? review.variables.verdict : null;

  const send = (verdict: 'approved' | 'returned') => {
    const comments = (form.getFieldValue('comments') as string | undefined)?.trim();
    if (verdict === 'returned' && !comments) {
      form.setFields([{ name: 'comments', errors: [t('workOrder.commentsRequired')] }]);
      return;
    }
    const password = (form.getFieldValue('password') as string | undefined) ?? '';
    if (!password) {
      form.setFields([{ name: 'password', errors: [t('workOrder.passwordRequired')] }]);
      return;
    }
    setError(null);
    review.mutate(
      { id: wo.id, version: wo.version, verdict, password, ...(comments ? { comments } : {}) },
      {
        onSuccess: () => {
          form.setFieldValue('password', '');
          message.success(verdict === 'approved' ? t('workOrder.approved') : t('workOrder.returned'));
        },
        onError: (e) => setError(saveErrorText(e, t)),
      },
    );
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
        <Form.Item name="password" label={t('workOrder.password')} extra={t('workOrder.passwordHint')} required>
          <Input.Password autoComplete="current-password" data-testid="review-password" />
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
