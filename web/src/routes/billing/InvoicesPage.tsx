// 应收账款 (issue 15 §4, R-FE-1): the invoices (ageing filter, open only, search, paging, Excel; cards
// on a phone) with the ageing summary per customer above; the new-invoice dialog (one customer's
// invoiceable work orders); one invoice with its lines, payments, reversals and credit notes.
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type Invoice,
  type InvoiceDetail,
  useCreateInvoice,
  useCreditNote,
  useInvoice,
  useInvoiceCandidates,
  useInvoicePayment,
  useReceivables,
  useReverseEntry,
} from '../../api/hooks/billing';
import { useAbility, useMe } from '../../auth';
import { Dialog } from '../../components/Dialog';
import { validFields } from '../../components/forms';
import { ListPage } from '../../components/ListPage';
import { PageTitle } from '../../components/PageTitle';
import { CustomerSelect, EnumSelect } from '../../components/pickers';
import { fieldErrorsThen } from '../../components/RecordForm';
import { useProblem } from '../care/common';

const BUCKETS = ['not_due', 'd0_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
const BUCKET_COLORS: Record<string, string> = { not_due: 'blue', d0_30: 'gold', d31_60: 'orange', d61_90: 'volcano', d90_plus: 'red' };

export function BucketTag({ bucket }: { bucket: Invoice['bucket'] }) {
  const { t } = useTranslation();
  if (!bucket) return <Tag color="green">{t('billing.settled')}</Tag>;
  return <Tag color={BUCKET_COLORS[bucket]}>{t(`billing.buckets.${bucket}`)}</Tag>;
}

function AgeingSummary() {
  const { t } = useTranslation();
  const q = useReceivables();
  const d = q.data;
  if (!d || d.customers.length === 0) return null;
  type Row = (typeof d.customers)[number];
  return (
    <Card size="small" title={t('billing.summary')} data-testid="receivables-summary">
      <Table<Row>
        size="small"
        rowKey="customerId"
        pagination={false}
        dataSource={d.customers}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'c', title: t('billing.customer'), dataIndex: 'customerName' },
          { key: 'n', title: t('billing.invoices'), dataIndex: 'invoices', align: 'right' },
          ...BUCKETS.map((b) => ({ key: b, title: t(`billing.buckets.${b}`), align: 'right' as const, render: (_: unknown, r: Row) => r.buckets[b] })),
          { key: 't', title: t('billing.open'), dataIndex: 'total', align: 'right' },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              <b>{t('billing.total')}</b>
            </Table.Summary.Cell>
            {BUCKETS.map((b, i) => (
              <Table.Summary.Cell key={b} index={i + 2} align="right">
                {d.totals[b]}
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={7} align="right">
              <b>{d.totals.total}</b>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}

export function InvoicesPage() {
  const { t } = useTranslation();
  const hospital = !!useMe().customerId;
  const canInvoice = useAbility('billing.invoice');
  const [creating, setCreating] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {!hospital && <AgeingSummary />}
      <ListPage
        testId="invoices"
        title={t('billing.menu.invoices')}
        endpoint="/api/v1/invoices"
        exportEndpoint="/api/v1/invoices/export"
        exportName="receivables.xlsx"
        filterKeys={['bucket', 'open', 'customerId']}
        extra={
          canInvoice && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="invoice-new">
              {t('billing.newInvoice')}
            </Button>
          )
        }
        filters={({ bind }) => {
          const open = bind('open');
          return (
            <>
              <EnumSelect
                ns="billing.buckets"
                values={BUCKETS}
                placeholder={t('billing.bucket')}
                {...bind('bucket')}
                style={{ width: 130 }}
                data-testid="filter-bucket"
              />
              <Checkbox checked={open.value === 'true'} onChange={(e) => open.onChange(e.target.checked ? 'true' : undefined)}>
                {t('billing.onlyOpen')}
              </Checkbox>
              {!hospital && <CustomerSelect placeholder={t('billing.customer')} {...bind('customerId')} style={{ width: 200 }} />}
            </>
          );
        }}
        columns={[
          { key: 'number', dataIndex: 'number', title: t('billing.number'), sorter: true, render: (v, r) => <Link to={`/invoices/${r.id}`}>{v}</Link> },
          { key: 'customer', dataIndex: 'customerName', title: t('billing.customer') },
          { key: 'issueDate', dataIndex: 'issueDate', title: t('billing.issueDate'), sorter: true },
          { key: 'dueDate', dataIndex: 'dueDate', title: t('billing.dueDate'), sorter: true },
          { key: 'total', dataIndex: 'total', title: t('billing.total'), align: 'right' },
          { key: 'open', dataIndex: 'open', title: t('billing.open'), align: 'right', sorter: true },
          {
            key: 'days',
            title: t('billing.daysOverdue'),
            align: 'right',
            render: (_, r) => (r.daysOverdue !== null && r.daysOverdue >= 0 ? r.daysOverdue : '—'),
          },
          { key: 'bucket', title: t('billing.bucket'), render: (_, r) => <BucketTag bucket={r.bucket} /> },
        ]}
        card={(r) => ({
          title: `${r.number} · ${r.customerName}`,
          tag: <BucketTag bucket={r.bucket} />,
          lines: [
            <span key="o">
              {t('billing.open')}：{r.open} / {r.total}
            </span>,
            <span key="d">
              {t('billing.dueDate')}：{r.dueDate}
            </span>,
          ],
          to: `/invoices/${r.id}`,
        })}
      />
      {canInvoice && <NewInvoiceDialog open={creating} onClose={() => setCreating(false)} />}
    </Space>
  );
}

function NewInvoiceDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const customerId = Form.useWatch('customerId', form) as string | undefined;
  const candidates = useInvoiceCandidates(customerId);
  const create = useCreateInvoice();
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    create.mutate(
      { workOrderIds: v.workOrderIds, termsDays: v.termsDays ?? null, note: v.note || null },
      {
        onSuccess: (d) => {
          form.resetFields();
          onClose();
          navigate(`/invoices/${d.id}`);
        },
        onError: fieldErrorsThen(form, problem),
      },
    );
  };
  const items = candidates.data?.items ?? [];
  return (
    <Dialog
      open={open}
      title={t('billing.newInvoice')}
      onCancel={onClose}
      onOk={save}
      confirmLoading={create.isPending}
      okTestId="invoice-save"
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="customerId" label={t('billing.customer')} rules={[{ required: true }]}>
          <CustomerSelect data-testid="invoice-customer" />
        </Form.Item>
        {customerId && !candidates.isLoading && items.length === 0 && <Alert type="info" showIcon message={t('billing.noCandidates')} />}
        {items.length > 0 && (
          <Form.Item name="workOrderIds" label={t('billing.workOrders')} rules={[{ required: true }]}>
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              options={items.map((w) => ({ value: w.id, label: `${w.number} · ${w.balance} ${w.currency}` }))}
              data-testid="invoice-work-orders"
            />
          </Form.Item>
        )}
        <Form.Item name="termsDays" label={t('billing.termsDays')}>
          <InputNumber min={0} max={365} precision={0} placeholder="30" style={{ width: 160 }} data-testid="invoice-terms" />
        </Form.Item>
        <Form.Item name="note" label={t('billing.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

type EntryAction = { kind: 'pay' | 'credit' } | { kind: 'reverse'; entryId: string } | null;

export function InvoicePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useInvoice(id);
  const [action, setAction] = useState<EntryAction>(null);
  const inv = q.data;
  if (!inv) return <Card loading={q.isLoading} />;
  type Entry = InvoiceDetail['entries'][number];
  type Line = InvoiceDetail['lines'][number];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="invoice-detail">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>
          {t('billing.menu.invoices')} · {inv.number} <BucketTag bucket={inv.bucket} />
        </PageTitle>
        <Space wrap>
          {inv.abilities.pay && (
            <Button type="primary" onClick={() => setAction({ kind: 'pay' })} data-testid="invoice-pay">
              {t('billing.pay')}
            </Button>
          )}
          {inv.abilities.credit && (
            <Button onClick={() => setAction({ kind: 'credit' })} data-testid="invoice-credit">
              {t('billing.credit')}
            </Button>
          )}
        </Space>
      </Space>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('billing.customer')}>{inv.customerName}</Descriptions.Item>
          <Descriptions.Item label={t('billing.issueDate')}>{inv.issueDate}</Descriptions.Item>
          <Descriptions.Item label={t('billing.dueDate')}>
            {inv.dueDate}（{inv.termsDays}）
          </Descriptions.Item>
          <Descriptions.Item label={t('billing.total')}>
            {inv.total} {inv.currency}
          </Descriptions.Item>
          <Descriptions.Item label={t('billing.paid')}>{inv.paid}</Descriptions.Item>
          <Descriptions.Item label={t('billing.credited')}>{inv.credited}</Descriptions.Item>
          <Descriptions.Item label={t('billing.open')}>
            <b data-testid="invoice-open">{inv.open}</b>
          </Descriptions.Item>
          {inv.daysOverdue !== null && inv.daysOverdue >= 0 && <Descriptions.Item label={t('billing.daysOverdue')}>{inv.daysOverdue}</Descriptions.Item>}
          {inv.note && <Descriptions.Item label={t('billing.note')}>{inv.note}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={t('billing.lines')}>
        <Table<Line>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={inv.lines}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'wo', title: t('billing.workOrders'), render: (_, l) => <Link to={`/work-orders/${l.workOrderId}`}>{l.workOrderNumber}</Link> },
            { key: 'd', title: t('billing.note'), dataIndex: 'description' },
            { key: 'a', title: t('billing.amount'), dataIndex: 'amount', align: 'right' },
          ]}
        />
      </Card>
      <Card size="small" title={t('billing.entries')}>
        <Table<Entry>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={inv.entries}
          scroll={{ x: 'max-content' }}
          data-testid="invoice-entries"
          columns={[
            { key: 'k', title: t('billing.bucket'), render: (_, e) => t(`billing.kinds.${e.kind}`) },
            { key: 'a', title: t('billing.amount'), align: 'right', render: (_, e) => (e.kind === 'payment_reversal' ? `-${e.amount}` : e.amount) },
            { key: 'n', title: t('billing.reference'), render: (_, e) => e.number ?? e.reference ?? '—' },
            { key: 'r', title: t('billing.reason'), render: (_, e) => e.reason ?? '—' },
            { key: 'at', title: t('billing.at'), render: (_, e) => dayjs(e.at).format('YYYY-MM-DD HH:mm') },
            { key: 'by', title: t('billing.by'), dataIndex: 'recordedByName' },
            {
              key: 'x',
              title: '',
              render: (_, e) =>
                e.reversedById ? (
                  <Tag>{t('billing.reversed')}</Tag>
                ) : e.kind === 'payment' && inv.abilities.reverse ? (
                  <Button size="small" danger onClick={() => setAction({ kind: 'reverse', entryId: e.id })}>
                    {t('billing.reverse')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <EntryDialog inv={inv} action={action} onClose={() => setAction(null)} />
    </Space>
  );
}

function EntryDialog({ inv, action, onClose }: { inv: InvoiceDetail; action: EntryAction; onClose: () => void }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const [form] = Form.useForm();
  const pay = useInvoicePayment();
  const credit = useCreditNote();
  const reverse = useReverseEntry();
  const done = {
    onSuccess: () => {
      form.resetFields();
      onClose();
    },
    onError: fieldErrorsThen(form, problem),
  };
  const save = async () => {
    const v = await validFields(form);
    if (!v || !action) return;
    if (action.kind === 'pay') pay.mutate({ id: inv.id, amount: String(v.amount), reference: v.reference }, done);
    else if (action.kind === 'credit') credit.mutate({ id: inv.id, amount: String(v.amount), reason: v.reason }, done);
    else if (action.kind === 'reverse') reverse.mutate({ id: inv.id, entryId: action.entryId, reason: v.reason }, done);
  };
  const title = action ? t(`billing.${action.kind}`) : '';
  return (
    <Dialog
      open={action !== null}
      title={title}
      onCancel={onClose}
      onOk={save}
      confirmLoading={pay.isPending || credit.isPending || reverse.isPending}
      okTestId="invoice-entry-save"
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ amount: action?.kind === 'pay' ? Number(inv.open) : undefined }}>
        {action?.kind !== 'reverse' && (
          <Form.Item name="amount" label={t('billing.amount')} rules={[{ required: true }]}>
            <InputNumber min={0.01} max={Number(inv.open)} precision={2} style={{ width: '100%' }} data-testid="invoice-entry-amount" />
          </Form.Item>
        )}
        {action?.kind === 'pay' ? (
          <Form.Item name="reference" label={t('billing.reference')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} data-testid="invoice-entry-reference" />
          </Form.Item>
        ) : (
          <Form.Item name="reason" label={t('billing.reason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={2} maxLength={500} data-testid="invoice-entry-reason" />
          </Form.Item>
        )}
        <Typography.Text type="secondary">
          {t('billing.open')}：{inv.open}
        </Typography.Text>
      </Form>
    </Dialog>
  );
}
