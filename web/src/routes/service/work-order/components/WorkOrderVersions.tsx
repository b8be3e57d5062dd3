// Work-order page additions (R-WO-5, R-FE-1): the content versions of the report, each viewable
// exactly as signed or corrected with its hash and reviews; the 更正 action on a reviewed or
// closed report posting a correction (a new version, reviewed again); and the payments with
// the 冲销 action for finance, which posts a negative line naming the original.

import { EditOutlined, EyeOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Payment, useReversePayment } from '../../../../api/hooks/fees';
import {
  type Correction,
  useCorrectWorkOrder,
  useWorkOrderVersion,
  useWorkOrderVersions,
  type WorkOrderVersion as Version,
} from '../../../../api/hooks/workOrderVersions';
import { useAbility } from '../../../../auth';
import { Dialog } from '../../../../components/Dialog';
import { applyFieldErrors } from '../../../../components/RecordForm';
import { StaticTable } from '../../../../components/StaticTable';
import { fmtTime, saveErrorText, type WorkOrder } from '../../common';

const TEXT_FIELDS = ['phenomenon', 'cause', 'actions', 'testResults', 'explanation'] as const;
const NUM_FIELDS = ['labourMinutes', 'travelMinutes'] as const;
const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function fieldLabel(t: (k: string, o?: Record<string, unknown>) => string, f: string) {
  return t(`workOrder.fields.${f}`, { defaultValue: f });
}

export function VersionsSection({ wo, onSaved }: { wo: WorkOrder; onSaved: (w: WorkOrder) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [viewing, setViewing] = useState<number | null>(null);
  const [correcting, setCorrecting] = useState(false);
  // What the form finds before posting (nothing changed); the server's refusals are the mutation's error.
  const [nothing, setNothing] = useState(false);
  const [form] = Form.useForm();
  const versions = useWorkOrderVersions(wo);
  const detail = useWorkOrderVersion(wo.id, viewing);
  const correct = useCorrectWorkOrder();
  const error = nothing ? t('svcLoans.correct.nothing') : correct.error ? saveErrorText(correct.error, t) : null;
  // The server's rule for this order and caller (issue 11 item 3): the office corrects a reviewed or closed report.
  const correctable = wo.abilities.correct;
  const items = versions.data?.items ?? [];
  if (items.length === 0 && !correctable) return null;

  const openCorrection = () => {
    setNothing(false);
    correct.reset();
    form.resetFields();
    form.setFieldsValue({
      reason: '',
      ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, wo[f] ?? ''])),
      labourMinutes: wo.labourMinutes,
      travelMinutes: wo.travelMinutes,
    });
    setCorrecting(true);
  };

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const changes: Correction['changes'] = {};
    for (const f of TEXT_FIELDS) if ((v[f] ?? '') !== (wo[f] ?? '')) changes[f] = v[f] === '' ? null : v[f];
    for (const f of NUM_FIELDS) if (v[f] !== null && v[f] !== undefined && v[f] !== wo[f]) changes[f] = v[f];
    setNothing(Object.keys(changes).length === 0);
    correct.reset();
    if (Object.keys(changes).length === 0) return;
    correct.mutate(
      { id: wo.id, version: wo.version, reason: v.reason.trim(), changes },
      {
        onSuccess: (next) => {
          onSaved(next);
          message.success(t('svcLoans.correct.done'));
          setCorrecting(false);
        },
        onError: (e) => applyFieldErrors(form, e),
      },
    );
  };

  return (
    <Card
      size="small"
      title={t('svcLoans.versions.title')}
      data-testid="wo-versions"
      extra={
        correctable && (
          <Button icon={<EditOutlined />} data-testid="wo-correct" onClick={openCorrection}>
            {t('svcLoans.correct.action')}
          </Button>
        )
      }
    >
      <StaticTable<Version>
        rowKey="n"
        loading={versions.isLoading}
        dataSource={items}
        locale={{ emptyText: t('svcLoans.versions.none') }}
        columns={[
          {
            title: t('svcLoans.versions.n'),
            dataIndex: 'n',
            render: (n: number, v) => (
              <Space size={4}>
                v{n}
                {v.current && <Tag color="blue">{t('svcLoans.versions.current')}</Tag>}
              </Space>
            ),
          },
          { title: t('svcLoans.versions.source'), dataIndex: 'source', render: (s: Version['source']) => (s ? t(`svcLoans.versions.sources.${s}`) : '—') },
          {
            title: t('svcLoans.versions.signed'),
            key: 'sig',
            render: (_, v) =>
              v.signature
                ? `${v.signature.signerName} · ${fmtTime(v.signature.signedAt)}`
                : v.correction
                  ? `${v.correction.byName} · ${fmtTime(v.correction.at)}`
                  : '—',
          },
          {
            title: t('svcLoans.versions.reviews'),
            key: 'reviews',
            render: (_, v) =>
              v.reviews.length === 0
                ? '—'
                : v.reviews.map((r) => (
                    <Tag key={r.at} color={r.verdict === 'approved' ? 'green' : 'orange'}>
                      {t(`workOrder.verdicts.${r.verdict}`)} · {r.reviewerName}
                    </Tag>
                  )),
          },
          {
            title: t('svcLoans.versions.hash'),
            dataIndex: 'contentHash',
            responsive: ['md'],
            render: (h: string | null) => (h ? <Typography.Text code>{h.slice(0, 12)}…</Typography.Text> : '—'),
          },
          {
            title: '',
            key: 'view',
            render: (_, v) => (
              <Button size="small" icon={<EyeOutlined />} data-testid={`wo-version-view-${v.n}`} onClick={() => setViewing(v.n)}>
                {t('svcLoans.versions.view')}
              </Button>
            ),
          },
        ]}
      />

      <Modal
        open={viewing !== null}
        title={t('svcLoans.versions.viewTitle', { n: viewing })}
        onCancel={() => setViewing(null)}
        footer={null}
        width={720}
        destroyOnHidden
      >
        {detail.error && <Alert type="error" showIcon title={saveErrorText(detail.error, t)} />}
        {detail.data && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="wo-version-detail">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('svcLoans.versions.source')}>
                {detail.data.source ? t(`svcLoans.versions.sources.${detail.data.source}`) : '—'}
              </Descriptions.Item>
              {detail.data.signature && (
                <Descriptions.Item label={t('svcLoans.versions.signed')}>
                  {detail.data.signature.signerName} · {fmtTime(detail.data.signature.signedAt)} · {detail.data.signature.meaning}
                </Descriptions.Item>
              )}
              {detail.data.correction && (
                <Descriptions.Item label={t('svcLoans.versions.correction')}>
                  {detail.data.correction.reason} · {detail.data.correction.byName} · {fmtTime(detail.data.correction.at)}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('svcLoans.versions.hash')}>
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                  {detail.data.contentHash}
                </Typography.Text>
              </Descriptions.Item>
              {detail.data.reviews.map((r) => (
                <Descriptions.Item key={r.at} label={t('svcLoans.versions.reviews')}>
                  {t(`workOrder.verdicts.${r.verdict}`)} · {r.reviewerName} · {fmtTime(r.at)}
                  {r.comments ? ` · ${r.comments}` : ''}
                </Descriptions.Item>
              ))}
            </Descriptions>
            {detail.data.correction && Object.keys(detail.data.correction.changes).length > 0 && (
              <Table
                size="small"
                rowKey="field"
                pagination={false}
                title={() => t('svcLoans.versions.changes')}
                dataSource={Object.entries(detail.data.correction.changes).map(([field, c]) => ({ field, ...c }))}
                columns={[
                  { title: '', dataIndex: 'field', render: (f: string) => fieldLabel(t, f) },
                  { title: t('svcLoans.versions.before'), dataIndex: 'before', render: show },
                  { title: t('svcLoans.versions.after'), dataIndex: 'after', render: show },
                ]}
              />
            )}
            <Descriptions size="small" column={1} bordered title={t('svcLoans.versions.snapshot')}>
              {Object.entries(detail.data.snapshot)
                .filter(([, v]) => typeof v !== 'object' || v === null)
                .map(([k, v]) => (
                  <Descriptions.Item key={k} label={fieldLabel(t, k)}>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{show(v)}</span>
                  </Descriptions.Item>
                ))}
            </Descriptions>
          </Space>
        )}
      </Modal>

      <Dialog
        open={correcting}
        title={t('svcLoans.correct.title')}
        onCancel={() => setCorrecting(false)}
        okText={t('svcLoans.correct.action')}
        confirmLoading={correct.isPending}
        okTestId="wo-correct-ok"
        width={720}
        onOk={submit}
      >
        <Typography.Paragraph type="secondary">{t('svcLoans.correct.intro')}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('svcLoans.correct.reason')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
            <Input.TextArea rows={2} data-testid="wo-correct-reason" />
          </Form.Item>
          {TEXT_FIELDS.map((f) => (
            <Form.Item key={f} name={f} label={fieldLabel(t, f)} rules={[{ max: f === 'actions' ? 8000 : 4000 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} data-testid={`wo-correct-${f}`} />
            </Form.Item>
          ))}
          <Space wrap>
            {NUM_FIELDS.map((f) => (
              <Form.Item key={f} name={f} label={fieldLabel(t, f)}>
                <InputNumber min={0} precision={0} data-testid={`wo-correct-${f}`} />
              </Form.Item>
            ))}
          </Space>
        </Form>
        {error && <Alert type="error" showIcon title={error} data-testid="wo-correct-error" />}
      </Dialog>
    </Card>
  );
}

export function PaymentsReversalCard({ wo, onSaved }: { wo: WorkOrder; onSaved: (w: WorkOrder) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canReverse = useAbility('workorders.pay');
  const [target, setTarget] = useState<Payment | null>(null);
  const [form] = Form.useForm<{ reason: string; reference?: string }>();
  const reverse = useReversePayment();
  const payments = wo.fee?.payments ?? [];
  if (payments.length === 0) return null;

  return (
    <Card size="small" title={t('svcLoans.payments.title')} data-testid="wo-payments">
      <StaticTable<Payment>
        dataSource={payments}
        columns={[
          { title: t('svcLoans.payments.method'), dataIndex: 'method', render: (m: Payment['method']) => t(`svcLoans.payments.methods.${m}`) },
          { title: t('svcLoans.payments.reference2'), dataIndex: 'reference' },
          {
            title: t('svcLoans.payments.amount'),
            dataIndex: 'amount',
            align: 'right',
            render: (a: string) => <Typography.Text type={Number(a) < 0 ? 'danger' : undefined}>{a}</Typography.Text>,
          },
          { title: t('svcLoans.payments.at'), dataIndex: 'at', render: fmtTime, responsive: ['md'] },
          { title: t('svcLoans.payments.by'), dataIndex: 'recordedByName', responsive: ['md'] },
          { title: t('svcLoans.payments.reason'), dataIndex: 'reason', render: (r: string | null | undefined) => r ?? '' },
          {
            title: '',
            key: 'act',
            render: (_, p) =>
              p.reversedById ? (
                <Tag>{t('svcLoans.payments.reversed')}</Tag>
              ) : p.method !== 'reversal' && canReverse ? (
                <Button
                  size="small"
                  danger
                  icon={<UndoOutlined />}
                  data-testid={`wo-reverse-${p.reference}`}
                  onClick={() => {
                    reverse.reset();
                    form.resetFields();
                    setTarget(p);
                  }}
                >
                  {t('svcLoans.payments.reverse')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Dialog
        open={!!target}
        title={t('svcLoans.payments.reverseTitle')}
        onCancel={() => setTarget(null)}
        okText={t('svcLoans.payments.reverse')}
        okTestId="wo-reverse-ok"
        okButtonProps={{ danger: true }}
        confirmLoading={reverse.isPending}
        onOk={async () => {
          if (!target) return;
          const v = await form.validateFields().catch(() => null);
          if (!v) return;
          reverse.mutate(
            { id: wo.id, paymentId: target.id, reason: v.reason.trim(), ...(v.reference?.trim() ? { reference: v.reference.trim() } : {}) },
            {
              onSuccess: (next) => {
                onSaved(next);
                message.success(t('svcLoans.payments.done'));
                setTarget(null);
              },
              onError: (e) => applyFieldErrors(form, e),
            },
          );
        }}
      >
        {target && (
          <Typography.Paragraph>
            {t(`svcLoans.payments.methods.${target.method}`)} · {target.reference} · {target.amount}
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('svcLoans.payments.reason')} rules={[{ required: true, whitespace: true, max: 500 }]}>
            <Input.TextArea rows={2} data-testid="wo-reverse-reason" />
          </Form.Item>
          <Form.Item name="reference" label={t('svcLoans.payments.reference')} rules={[{ max: 100 }]}>
            <Input data-testid="wo-reverse-reference" />
          </Form.Item>
        </Form>
        {reverse.error && <Alert type="error" showIcon title={saveErrorText(reverse.error, t)} data-testid="wo-reverse-error" />}
      </Dialog>
    </Card>
  );
}
