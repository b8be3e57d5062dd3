// 报价单 (issue 15 §4; R-FE-1, R-WX-1): the register (state, basis, hospital, search, paging, Excel;
// cards on a phone) — for hospital users 我的报价 — and one quote with its lines, its exclusion, its
// PDF and what the reader may do: staff send a draft or record the customer's acceptance (drawn
// signature on site, or with a reason); the hospital accepts (with its name) or rejects in the portal.
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type Quote, type QuoteDetail, useAcceptQuote, useQuote, useRejectQuote, useSendQuote } from '../../api/hooks/quotes';
import { useMe } from '../../auth';
import { Dialog } from '../../components/Dialog';
import { validFields } from '../../components/forms';
import { ListPage } from '../../components/ListPage';
import { PageTitle } from '../../components/PageTitle';
import { CustomerSelect, EnumSelect } from '../../components/pickers';
import { fieldErrorsThen } from '../../components/RecordForm';
import { useProblem } from '../care/common';
import { SignaturePad } from '../service/work-order/components/SignaturePad';

const fmt = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
const STATUSES = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const;
const COLORS: Record<string, string> = { draft: 'default', sent: 'blue', accepted: 'green', rejected: 'red', expired: 'orange' };

export function QuoteStatusTag({ status }: { status: Quote['status'] }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`quotes.statuses.${status}`)}</Tag>;
}

export function QuoteBasis({ q }: { q: Pick<Quote, 'basis' | 'exclusionCategory'> }) {
  const { t } = useTranslation();
  return (
    <span>
      {t(`quotes.bases.${q.basis}`)}
      {q.exclusionCategory ? `（${t(`quotes.exclusion.categories.${q.exclusionCategory}`)}）` : ''}
    </span>
  );
}

export function QuotesPage() {
  const { t } = useTranslation();
  const hospital = !!useMe().customerId;
  return (
    <ListPage
      testId="quotes"
      title={t(hospital ? 'quotes.menu.mine' : 'quotes.menu.list')}
      endpoint="/api/v1/quotes"
      exportEndpoint="/api/v1/quotes/export"
      exportName="quotes.xlsx"
      filterKeys={['status', 'basis', 'customerId']}
      filters={({ bind }) => (
        <>
          <EnumSelect
            ns="quotes.statuses"
            values={STATUSES}
            placeholder={t('quotes.status')}
            {...bind('status')}
            style={{ width: 130 }}
            data-testid="filter-status"
          />
          <EnumSelect ns="quotes.bases" values={['paid', 'exclusion']} placeholder={t('quotes.basis')} {...bind('basis')} style={{ width: 120 }} />
          {!hospital && <CustomerSelect placeholder={t('quotes.customer')} {...bind('customerId')} style={{ width: 200 }} />}
        </>
      )}
      columns={[
        { key: 'number', dataIndex: 'number', title: t('quotes.number'), sorter: true, render: (v, r) => <Link to={`/quotes/${r.id}`}>{v}</Link> },
        { key: 'status', title: t('quotes.status'), render: (_, r) => <QuoteStatusTag status={r.status} /> },
        { key: 'customer', dataIndex: 'customerName', title: t('quotes.customer') },
        { key: 'workOrder', dataIndex: 'workOrderNumber', title: t('quotes.workOrder') },
        { key: 'device', title: t('quotes.device'), render: (_, r) => `${r.deviceName ?? ''} ${r.serialNumber ?? ''}` },
        { key: 'basis', title: t('quotes.basis'), render: (_, r) => <QuoteBasis q={r} /> },
        { key: 'total', dataIndex: 'total', title: t('quotes.total'), sorter: true, align: 'right' },
        { key: 'validUntil', dataIndex: 'validUntil', title: t('quotes.validUntil'), sorter: true },
        { key: 'createdAt', dataIndex: 'createdAt', title: t('quotes.createdAt'), sorter: true, render: (v) => fmt(v) },
      ]}
      card={(r) => ({
        title: `${r.number} · ¥${r.total}`,
        tag: <QuoteStatusTag status={r.status} />,
        lines: [
          <span key="c">{r.customerName}</span>,
          <span key="d">{`${r.deviceName ?? ''} ${r.serialNumber ?? ''}`}</span>,
          <span key="v">
            {t('quotes.validUntil')}：{r.validUntil}
          </span>,
        ],
        to: `/quotes/${r.id}`,
      })}
    />
  );
}

export function QuoteLines({ q }: { q: QuoteDetail }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(_, i) => String(i)}
      dataSource={q.lines}
      scroll={{ x: true }}
      data-testid="quote-lines"
      columns={[
        { key: 'description', title: t('quotes.line.description'), render: (_, l) => (l.kind === 'part' ? l.description : t(`quotes.lineKinds.${l.kind}`)) },
        { key: 'quantity', dataIndex: 'quantity', title: t('quotes.line.quantity'), align: 'right' },
        { key: 'unit', dataIndex: 'unit', title: t('quotes.line.unit') },
        { key: 'unitPrice', dataIndex: 'unitPrice', title: t('quotes.line.unitPrice'), align: 'right' },
        { key: 'amount', dataIndex: 'amount', title: t('quotes.line.amount'), align: 'right' },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={4}>
            <b>{t('quotes.total')}</b>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right">
            <b data-testid="quote-total">{q.total}</b>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

/** Accept: a hospital user with their name; staff with the customer's drawn signature or a reason. */
function AcceptDialog({ q, open, onClose }: { q: QuoteDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const hospital = !!me.customerId;
  const accept = useAcceptQuote();
  const problem = useProblem();
  const [form] = Form.useForm();
  const [png, setPng] = useState<string | null>(null);
  const via = Form.useWatch('via', form) ?? (hospital ? 'portal' : 'signature');
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    accept.mutate(
      {
        id: q.id,
        via: hospital ? 'portal' : v.via,
        signerName: v.signerName,
        signaturePng: via === 'signature' ? png : null,
        reason: via === 'staff' ? v.reason : null,
      },
      { onSuccess: onClose, onError: fieldErrorsThen(form, problem) },
    );
  };
  return (
    <Dialog
      open={open}
      title={t('quotes.accept')}
      onCancel={onClose}
      onOk={save}
      okText={t('quotes.accept')}
      confirmLoading={accept.isPending}
      okTestId="quote-accept-ok"
    >
      <Typography.Paragraph>
        {q.number} · ¥{q.total} · {t('quotes.validUntil')} {q.validUntil}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('quotes.acceptHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ via: hospital ? 'portal' : 'signature', signerName: hospital ? me.displayName : '' }}>
        {!hospital && (
          <Form.Item name="via" label={t('quotes.via')}>
            <Radio.Group options={(['signature', 'staff'] as const).map((v) => ({ value: v, label: t(`quotes.vias.${v}`) }))} optionType="button" />
          </Form.Item>
        )}
        <Form.Item name="signerName" label={t('quotes.signerName')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="quote-signer" />
        </Form.Item>
        {!hospital && via === 'signature' && (
          <Form.Item label={t('quotes.signature')} required>
            <SignaturePad onChange={setPng} height={180} />
          </Form.Item>
        )}
        {!hospital && via === 'staff' && (
          <Form.Item name="reason" label={t('quotes.reason')} rules={[{ required: true, max: 2000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        )}
      </Form>
    </Dialog>
  );
}

function RejectDialog({ q, open, onClose }: { q: QuoteDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const reject = useRejectQuote();
  const problem = useProblem();
  const [form] = Form.useForm();
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    reject.mutate({ id: q.id, reason: v.reason }, { onSuccess: onClose, onError: fieldErrorsThen(form, problem) });
  };
  return (
    <Dialog
      open={open}
      title={t('quotes.reject')}
      onCancel={onClose}
      onOk={save}
      okText={t('quotes.reject')}
      okButtonProps={{ danger: true }}
      okTestId="quote-reject-ok"
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('quotes.rejectReason')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="quote-reject-reason" />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

/** The actions on one quote, from its abilities: send, accept, reject. */
export function QuoteActions({ q }: { q: QuoteDetail }) {
  const { t } = useTranslation();
  const send = useSendQuote();
  const problem = useProblem();
  const [dialog, setDialog] = useState<'accept' | 'reject' | null>(null);
  return (
    <Space wrap>
      <a href={`/api/v1/quotes/${q.id}/quote.pdf`} target="_blank" rel="noreferrer">
        <Button data-testid="quote-pdf">{t('quotes.pdf')}</Button>
      </a>
      {q.abilities.send && (
        <Button
          type="primary"
          loading={send.isPending}
          onClick={() => send.mutate({ id: q.id, version: q.version }, { onError: problem })}
          data-testid="quote-send"
        >
          {t('quotes.send')}
        </Button>
      )}
      {q.abilities.accept && (
        <Button type="primary" onClick={() => setDialog('accept')} data-testid="quote-accept">
          {t('quotes.accept')}
        </Button>
      )}
      {q.abilities.reject && (
        <Button danger onClick={() => setDialog('reject')} data-testid="quote-reject">
          {t('quotes.reject')}
        </Button>
      )}
      <AcceptDialog q={q} open={dialog === 'accept'} onClose={() => setDialog(null)} />
      <RejectDialog q={q} open={dialog === 'reject'} onClose={() => setDialog(null)} />
    </Space>
  );
}

export function QuotePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const hospital = !!useMe().customerId;
  const query = useQuote(id);
  const q = query.data;
  if (!q) return <Card loading={query.isLoading} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="quote-detail">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>
          {t('quotes.menu.list')} · {q.number} <QuoteStatusTag status={q.status} />
        </PageTitle>
        <QuoteActions q={q} />
      </Space>
      {q.exclusion && (
        <Alert
          type="warning"
          showIcon
          title={t('quotes.exclusion.title')}
          description={`${t(`quotes.exclusion.categories.${q.exclusion.category}`)}：${q.exclusion.reason}。${t('quotes.exclusion.rule')}`}
        />
      )}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('quotes.customer')}>{q.customerName}</Descriptions.Item>
          <Descriptions.Item label={t('quotes.workOrder')}>
            {hospital ? q.workOrderNumber : <Link to={`/work-orders/${q.workOrderId}`}>{q.workOrderNumber}</Link>}
          </Descriptions.Item>
          <Descriptions.Item label={t('quotes.device')}>{`${q.deviceName ?? ''} ${q.serialNumber ?? ''}`}</Descriptions.Item>
          <Descriptions.Item label={t('quotes.basis')}>
            <QuoteBasis q={q} />
          </Descriptions.Item>
          <Descriptions.Item label={t('quotes.validUntil')}>{q.validUntil}</Descriptions.Item>
          <Descriptions.Item label={t('quotes.createdBy')}>
            {q.createdByName} · {fmt(q.createdAt)}
          </Descriptions.Item>
          {q.note && <Descriptions.Item label={t('quotes.note')}>{q.note}</Descriptions.Item>}
          {q.decidedAt && (
            <Descriptions.Item label={t('quotes.acceptedBy')}>
              <span data-testid="quote-decision">
                {q.signerName ?? q.decidedByName} · {q.acceptedVia ? t(`quotes.vias.${q.acceptedVia}`) : t('quotes.statuses.rejected')} · {fmt(q.decidedAt)}
              </span>
            </Descriptions.Item>
          )}
          {q.decisionReason && <Descriptions.Item label={t('quotes.reason')}>{q.decisionReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={t('quotes.lines')}>
        <QuoteLines q={q} />
      </Card>
    </Space>
  );
}
