// 重点客户 on the customer page (issue 13 §4): whether the customer is a key account and its own visit
// frequency (visits per month or per quarter, on site or by phone). Sales and the service manager
// change it (visitplans.keyAccount); everyone who reads visit plans sees it.
import { App as AntApp, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useKeyAccount, useSetKeyAccount } from '../../../api/hooks/visitPlans';
import { useAbility } from '../../../auth';
import { fieldErrorsThen } from '../../../components/RecordForm';
import { useProblem } from '../common';

interface Values {
  keyAccount: boolean;
  period: 'month' | 'quarter';
  visits: number;
  method: 'onsite' | 'phone';
  note?: string | null;
}

export function KeyAccountCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const problem = useProblem();
  const canRead = useAbility('visitplans.read');
  const canEdit = useAbility('visitplans.keyAccount');
  const q = useKeyAccount(customerId, canRead);
  const save = useSetKeyAccount(customerId);
  const [form] = Form.useForm<Values>();
  const flagged = Form.useWatch('keyAccount', form);
  const k = q.data;
  useEffect(() => {
    if (k)
      form.setFieldsValue({ keyAccount: k.keyAccount, period: k.period ?? 'quarter', visits: k.visits ?? 1, method: k.method ?? 'onsite', note: k.note ?? '' });
  }, [k, form]);
  if (!canRead || !k) return null;
  const summary = k.keyAccount
    ? t('care.visitPlans.ka.summary', {
        period: t(`care.visitPlans.periods.${k.period}`),
        visits: k.visits,
        method: t(`care.visitPlans.kinds.${k.method}`),
      })
    : t('care.visitPlans.ka.not');
  if (!canEdit)
    return (
      <Card size="small" title={t('care.visitPlans.ka.title')} data-testid="key-account">
        {k.keyAccount && <Tag color="gold">{t('care.visitPlans.keyAccount')}</Tag>}
        <Typography.Text>{summary}</Typography.Text>
      </Card>
    );
  const submit = (v: Values) =>
    save.mutate(
      v.keyAccount
        ? { keyAccount: true, period: v.period, visits: v.visits, method: v.method, note: v.note || null, version: k.version ?? undefined }
        : { keyAccount: false, version: k.version ?? undefined },
      { onSuccess: () => message.success(t('care.visitPlans.ka.saved')), onError: fieldErrorsThen(form, problem) },
    );
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('care.visitPlans.ka.title')}
          {k.keyAccount && <Tag color="gold">{summary}</Tag>}
        </Space>
      }
      data-testid="key-account"
    >
      <Form form={form} layout="inline" onFinish={submit} style={{ rowGap: 8 }}>
        <Form.Item name="keyAccount" label={t('care.visitPlans.ka.flag')} valuePropName="checked">
          <Switch data-testid="key-account-switch" />
        </Form.Item>
        {flagged && (
          <>
            <Form.Item name="period" label={t('care.visitPlans.ka.period')}>
              <Select style={{ width: 110 }} options={(['month', 'quarter'] as const).map((p) => ({ value: p, label: t(`care.visitPlans.periods.${p}`) }))} />
            </Form.Item>
            <Form.Item name="visits" label={t('care.visitPlans.ka.visits')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10} precision={0} style={{ width: 80 }} data-testid="key-account-visits" />
            </Form.Item>
            <Form.Item name="method" label={t('care.visitPlans.ka.method')}>
              <Select style={{ width: 120 }} options={(['onsite', 'phone'] as const).map((m) => ({ value: m, label: t(`care.visitPlans.kinds.${m}`) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('care.visitPlans.ka.note')}>
              <Input style={{ width: 200 }} maxLength={500} />
            </Form.Item>
          </>
        )}
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="key-account-save">
            {t('care.visitPlans.ka.save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
