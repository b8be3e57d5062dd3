// The work order's charges section (issue 15 §4; R-WX-1, R-FE-1): the warranty exclusion — proposed
// by the engineer with its cause, reason and evidence (photos go to the work order's attachments),
// confirmed or rejected by the service manager — and the job's quotes, with the dialog that draws one
// up (estimated labour, travel, parts at cost). While a confirmed exclusion has no accepted quote the
// job cannot be resolved; the banner says so.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type WorkOrderQuotes as Section, useCreateQuote, useDecideExclusion, useProposeExclusion, useWorkOrderQuotes } from '../../api/hooks/quotes';
import { businessToday } from '../../businessDay';
import { Dialog } from '../../components/Dialog';
import { validFields } from '../../components/forms';
import { fieldErrorsThen } from '../../components/RecordForm';
import { useProblem } from '../care/common';
import { PartSelect } from '../parts/partsPickers';
import { QuoteStatusTag } from './QuotesPage';

const CATEGORIES = ['human_damage', 'misuse', 'natural_disaster', 'earthquake', 'lightning', 'pests'] as const;
const FORCE = new Set(['natural_disaster', 'earthquake', 'lightning', 'pests']);

function ProposeDialog({ workOrderId, open, onClose }: { workOrderId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const propose = useProposeExclusion(workOrderId);
  const problem = useProblem();
  const [form] = Form.useForm();
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    propose.mutate({ category: v.category, reason: v.reason, evidence: v.evidence }, { onSuccess: onClose, onError: fieldErrorsThen(form, problem) });
  };
  return (
    <Dialog open={open} title={t('quotes.exclusion.propose')} onCancel={onClose} onOk={save} confirmLoading={propose.isPending} okTestId="exclusion-ok">
      <Typography.Paragraph type="secondary">{t('quotes.exclusion.rule')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="category" label={t('quotes.exclusion.category')} rules={[{ required: true }]}>
          <Select
            data-testid="exclusion-category"
            options={[
              {
                label: t('quotes.exclusion.human'),
                options: ['human_damage', 'misuse'].map((c) => ({ value: c, label: t(`quotes.exclusion.categories.${c}`) })),
              },
              {
                label: t('quotes.exclusion.forceMajeure'),
                options: CATEGORIES.filter((c) => FORCE.has(c)).map((c) => ({ value: c, label: t(`quotes.exclusion.categories.${c}`) })),
              },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('quotes.exclusion.reason')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="exclusion-reason" />
        </Form.Item>
        <Form.Item name="evidence" label={t('quotes.exclusion.evidence')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={2} data-testid="exclusion-evidence" />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

function QuoteDialog({ workOrderId, open, onClose }: { workOrderId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateQuote();
  const problem = useProblem();
  const [form] = Form.useForm();
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    create.mutate(
      {
        workOrderId,
        validUntil: (v.validUntil as dayjs.Dayjs).format('YYYY-MM-DD'),
        labourMinutes: v.labourMinutes ?? 0,
        travelKm: v.travelKm == null ? null : String(v.travelKm),
        parts: ((v.parts ?? []) as { partId: string; quantity: number }[])
          .filter((p) => p?.partId)
          .map((p) => ({ partId: p.partId, quantity: String(p.quantity ?? 1) })),
        note: v.note || null,
      },
      { onSuccess: onClose, onError: fieldErrorsThen(form, problem) },
    );
  };
  return (
    <Dialog open={open} title={t('quotes.newQuote')} onCancel={onClose} onOk={save} confirmLoading={create.isPending} okTestId="quote-create-ok">
      <Form form={form} layout="vertical" initialValues={{ validUntil: businessToday().add(7, 'day'), labourMinutes: 60, parts: [] }}>
        <Form.Item name="validUntil" label={t('quotes.validUntil')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(businessToday(), 'day')} />
        </Form.Item>
        <Form.Item name="labourMinutes" label={t('quotes.labourMinutes')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100000} style={{ width: '100%' }} data-testid="quote-labour" />
        </Form.Item>
        <Form.Item name="travelKm" label={t('quotes.travelKm')}>
          <InputNumber min={0} max={100000} step={0.1} style={{ width: '100%' }} />
        </Form.Item>
        <Typography.Text strong>{t('quotes.partLines')}</Typography.Text>
        <Form.List name="parts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'partId']} rules={[{ required: true }]} style={{ minWidth: 220 }}>
                    <PartSelect placeholder={t('quotes.part')} data-testid={`quote-part-${f.name}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'quantity']} initialValue={1} rules={[{ required: true }]}>
                    <InputNumber min={0.001} max={1000000} placeholder={t('quotes.quantity')} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} block style={{ marginBottom: 12 }} data-testid="quote-add-part">
                {t('quotes.addPart')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('quotes.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

function ExclusionBlock({ s }: { s: Section }) {
  const { t } = useTranslation();
  const decide = useDecideExclusion();
  const problem = useProblem();
  const x = s.exclusion;
  if (!x) return null;
  const color = x.status === 'confirmed' ? 'red' : x.status === 'proposed' ? 'gold' : 'default';
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2 }} title={t('quotes.exclusion.title')} data-testid="exclusion">
      <Descriptions.Item label={t('quotes.exclusion.category')}>
        {t(`quotes.exclusion.categories.${x.category}`)}（{t(x.forceMajeure ? 'quotes.exclusion.forceMajeure' : 'quotes.exclusion.human')}）
      </Descriptions.Item>
      <Descriptions.Item label={t('quotes.exclusion.status')}>
        <Tag color={color} data-testid="exclusion-status">
          {t(`quotes.exclusion.statuses.${x.status}`)}
        </Tag>
        {s.abilities.decideExclusion && (
          <Space>
            <Button
              size="small"
              type="primary"
              loading={decide.isPending}
              onClick={() => decide.mutate({ id: x.id, version: x.version, verdict: 'confirmed' }, { onError: problem })}
              data-testid="exclusion-confirm"
            >
              {t('quotes.exclusion.confirm')}
            </Button>
            <Button size="small" danger onClick={() => decide.mutate({ id: x.id, version: x.version, verdict: 'rejected' }, { onError: problem })}>
              {t('quotes.exclusion.rejectIt')}
            </Button>
          </Space>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('quotes.exclusion.reason')}>{x.reason}</Descriptions.Item>
      <Descriptions.Item label={t('quotes.exclusion.evidence')}>{x.evidence}</Descriptions.Item>
      <Descriptions.Item label={t('quotes.exclusion.proposedBy')}>{x.proposedByName}</Descriptions.Item>
      {x.decidedByName && (
        <Descriptions.Item label={t('quotes.exclusion.decidedBy')}>
          {x.decidedByName}
          {x.decisionNote ? `：${x.decisionNote}` : ''}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

export function WorkOrderQuotes({ workOrderId }: { workOrderId: string }) {
  const { t } = useTranslation();
  const q = useWorkOrderQuotes(workOrderId);
  const [dialog, setDialog] = useState<'propose' | 'quote' | null>(null);
  const s = q.data;
  if (!s) return null;
  const any = s.exclusion || s.quotes.length > 0 || s.abilities.proposeExclusion || s.abilities.createQuote;
  if (!any) return null;
  return (
    <Card
      size="small"
      title={t('quotes.section')}
      data-testid="wo-quotes"
      extra={
        <Space wrap>
          {s.abilities.proposeExclusion && (
            <Button onClick={() => setDialog('propose')} data-testid="exclusion-propose">
              {t('quotes.exclusion.propose')}
            </Button>
          )}
          {s.abilities.createQuote && (
            <Button type="primary" onClick={() => setDialog('quote')} data-testid="quote-new">
              {t('quotes.newQuote')}
            </Button>
          )}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {s.awaitingQuote && <Alert type="warning" showIcon title={t('quotes.awaiting')} data-testid="wo-awaiting-quote" />}
        <ExclusionBlock s={s} />
        {s.quotes.length > 0 && (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={s.quotes}
            scroll={{ x: true }}
            columns={[
              { key: 'number', title: t('quotes.number'), render: (_, r) => <Link to={`/quotes/${r.id}`}>{r.number}</Link> },
              { key: 'status', title: t('quotes.status'), render: (_, r) => <QuoteStatusTag status={r.status} /> },
              { key: 'total', dataIndex: 'total', title: t('quotes.total'), align: 'right' },
              { key: 'validUntil', dataIndex: 'validUntil', title: t('quotes.validUntil') },
            ]}
          />
        )}
      </Space>
      <ProposeDialog workOrderId={workOrderId} open={dialog === 'propose'} onClose={() => setDialog(null)} />
      <QuoteDialog workOrderId={workOrderId} open={dialog === 'quote'} onClose={() => setDialog(null)} />
    </Card>
  );
}
