// R-SLA-3 on the request page: the loaner unit (备用机) lent for this request, a 借出 action
// choosing an available unit of the pool (time defaults to now) once the loaner task exists,
// and the 归还 action recording when it came back and in what condition.

import { RollbackOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Loan, useLend, useLoanerUnits, useLoans, useReturnLoan } from '../../../../api/hooks/loans';
import { useAbility } from '../../../../auth';
import { Dialog } from '../../../../components/Dialog';
import { applyFieldErrors } from '../../../../components/RecordForm';
import { fmtTime, type ServiceRequestDetail, saveErrorText } from '../../common';

export function LoanOutcomeTag({ value }: { value: Loan['outcome'] }) {
  const { t } = useTranslation();
  return <Tag color={value === 'met' ? 'green' : 'red'}>{t(`svcLoans.loan.outcomes.${value}`)}</Tag>;
}

export function LoanStatusTag({ value }: { value: Loan['status'] }) {
  const { t } = useTranslation();
  return <Tag color={value === 'open' ? 'orange' : 'default'}>{t(`svcLoans.loan.statuses.${value}`)}</Tag>;
}

/** The 归还 dialog, shared by the request page and the loans page. */
export function ReturnLoanDialog({ loan, onClose }: { loan: Loan | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ returnedAt: Dayjs; condition: string }>();
  const giveBack = useReturnLoan();
  return (
    <Dialog
      open={!!loan}
      title={t('svcLoans.loan.returnTitle')}
      onCancel={() => {
        giveBack.reset();
        onClose();
      }}
      okText={t('svcLoans.loan.return')}
      confirmLoading={giveBack.isPending}
      okTestId="loan-return-ok"
      onOk={async () => {
        if (!loan) return;
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        giveBack.mutate(
          { id: loan.id, version: loan.version, returnedAt: v.returnedAt.toISOString(), condition: v.condition.trim() },
          {
            onSuccess: () => {
              message.success(t('svcLoans.loan.returned'));
              onClose();
            },
            onError: (e) => applyFieldErrors(form, e),
          },
        );
      }}
    >
      {loan && (
        <Typography.Paragraph>
          {loan.loanerModel} · {loan.loanerSerial} → {loan.customerName}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" initialValues={{ returnedAt: dayjs() }}>
        <Form.Item name="returnedAt" label={t('svcLoans.loan.returnedAt')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="loan-returned-at" />
        </Form.Item>
        <Form.Item name="condition" label={t('svcLoans.loan.condition')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
          <Input.TextArea rows={2} data-testid="loan-condition" />
        </Form.Item>
      </Form>
      {giveBack.error && <Alert type="error" showIcon title={saveErrorText(giveBack.error, t)} data-testid="loan-return-error" />}
    </Dialog>
  );
}

export function LoanerSection({ r }: { r: ServiceRequestDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canLend = useAbility('requests.lend');
  const canPool = useAbility('requests.readLoanerPool');
  const [lending, setLending] = useState(false);
  const [returning, setReturning] = useState<Loan | null>(null);
  const [form] = Form.useForm<{ deviceId: string; lentAt: Dayjs; notes?: string }>();
  const loans = useLoans({ requestId: r.id, pageSize: 50 });
  const pool = useLoanerUnits(canPool && lending);
  const lend = useLend();
  const clock = r.clocks.find((c) => c.kind === 'loaner');
  const live = r.open;
  const list = loans.data?.items ?? [];
  const openLoan = list.find((l) => l.status === 'open');
  // The action appears once the loaner task exists (the sweep raises it 12 h after arrival), or
  // while the request has been open 12 h or more without one: the server judges any loan against
  // its 24-hour target either way.
  const longOpen = live && dayjs().diff(dayjs(r.receivedAt), 'minute') >= 12 * 60;
  const mayLend = r.abilities.lend && canPool && (!!clock || longOpen);
  if (!clock && !longOpen && list.length === 0) return null;

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    lend.mutate(
      { requestId: r.id, deviceId: v.deviceId, lentAt: v.lentAt.toISOString(), ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}) },
      {
        onSuccess: () => {
          message.success(t('svcLoans.loan.lent'));
          setLending(false);
          form.resetFields();
        },
        onError: (e) => applyFieldErrors(form, e),
      },
    );
  };

  const available = (pool.data ?? []).filter((u) => u.available);
  return (
    <Card
      size="small"
      title={t('svcLoans.loan.title')}
      data-testid="request-loaner"
      extra={
        mayLend && (
          <Button
            type="primary"
            icon={<SwapOutlined />}
            data-testid="loan-lend"
            onClick={() => {
              lend.reset();
              setLending(true);
            }}
          >
            {t('svcLoans.loan.lend')}
          </Button>
        )
      }
    >
      {clock && !clock.stoppedAt && !openLoan && live && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('svcLoans.loan.needed', { due: fmtTime(clock.dueAt) })} />
      )}
      {list.length === 0 ? (
        <Typography.Text type="secondary">{t('svcLoans.loan.none')}</Typography.Text>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {list.map((l) => (
            <Descriptions key={l.id} size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered data-testid={`loan-${l.status}`}>
              <Descriptions.Item label={t('svcLoans.loan.unit')}>
                <span data-testid="loan-unit">
                  {l.loanerModel} · {l.loanerSerial}
                </span>{' '}
                <LoanStatusTag value={l.status} />
              </Descriptions.Item>
              <Descriptions.Item label={t('svcLoans.loan.lentAt')}>
                {fmtTime(l.lentAt)} · {l.lentByName}
              </Descriptions.Item>
              <Descriptions.Item label={t('svcLoans.loan.dueAt')}>
                {fmtTime(l.dueAt)} <LoanOutcomeTag value={l.outcome} />
              </Descriptions.Item>
              {l.notes && <Descriptions.Item label={t('svcLoans.loan.notes')}>{l.notes}</Descriptions.Item>}
              {l.status === 'returned' ? (
                <Descriptions.Item label={t('svcLoans.loan.returnedAt')}>
                  {fmtTime(l.returnedAt)} · {l.returnedByName} · {l.returnCondition}
                </Descriptions.Item>
              ) : (
                canLend && (
                  <Descriptions.Item label={t('svcLoans.loan.return')}>
                    <Button size="small" icon={<RollbackOutlined />} data-testid="loan-return" onClick={() => setReturning(l)}>
                      {t('svcLoans.loan.return')}
                    </Button>
                  </Descriptions.Item>
                )
              )}
            </Descriptions>
          ))}
        </Space>
      )}

      <Dialog
        open={lending}
        title={t('svcLoans.loan.lendTitle')}
        onCancel={() => setLending(false)}
        okText={t('svcLoans.loan.lend')}
        confirmLoading={lend.isPending}
        okTestId="loan-lend-ok"
        onOk={submit}
      >
        <Form form={form} layout="vertical" initialValues={{ lentAt: dayjs() }} preserve={false}>
          <Form.Item name="deviceId" label={t('svcLoans.loan.unit')} rules={[{ required: true }]}>
            <Select
              data-testid="loan-unit-select"
              loading={pool.isLoading}
              showSearch={{ optionFilterProp: 'label' }}
              notFoundContent={t('svcLoans.loan.noneAvailable')}
              options={available.map((u) => ({ value: u.deviceId, label: `${u.serialNumber} · ${u.modelName}` }))}
            />
          </Form.Item>
          <Form.Item name="lentAt" label={t('svcLoans.loan.lentAt')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="loan-lent-at" />
          </Form.Item>
          <Form.Item name="notes" label={t('svcLoans.loan.notes')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={2} data-testid="loan-notes" />
          </Form.Item>
        </Form>
        {lend.error && <Alert type="error" showIcon title={saveErrorText(lend.error, t)} data-testid="loan-lend-error" />}
      </Dialog>
      <ReturnLoanDialog loan={returning} onClose={() => setReturning(null)} />
    </Card>
  );
}
