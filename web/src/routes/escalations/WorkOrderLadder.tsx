// The work order's 技术支持升级 section (issue 15 §2, R-ESC-1): the Q/A timeline of escalations with
// the remote guidance given, progress notes (及时向客服人员和售后服务经理汇报进展情况), the temporary
// measure (采取临时应急措施, recorded apart from restored), and the buttons the server allows.
import { Button, Card, Form, Input, InputNumber, Radio, Space, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Escalation, useDegraded, useEscalate, useEscalationStep, useLadder, useProgressNote } from '../../api/hooks/escalations';
import { Dialog } from '../../components/Dialog';
import { useProblem } from '../care/common';
import { DegradedTag, EscalationStatusTag } from './tags';

const fmt = (iso: string | null | undefined) => (iso ? dayjs(iso).format('MM-DD HH:mm') : '—');
type Open = { kind: 'escalate' | 'note' | 'degraded' } | { kind: 'answer' | 'guidance' | 'close'; e: Escalation } | null;

export function WorkOrderLadder({ workOrderId }: { workOrderId: string }) {
  const { t } = useTranslation();
  const q = useLadder(workOrderId);
  const escalate = useEscalate();
  const step = useEscalationStep();
  const note = useProgressNote();
  const degraded = useDegraded();
  const problem = useProblem();
  const [open, setOpen] = useState<Open>(null);
  const [form] = Form.useForm();
  if (!q.data) return null;
  const l = q.data;
  const close = () => {
    setOpen(null);
    form.resetFields();
  };
  const submit = async () => {
    const v = await form.validateFields();
    if (!open) return;
    const done = { onSuccess: close, onError: problem };
    if (open.kind === 'escalate') escalate.mutate({ workOrderId, toTier: v.toTier, question: v.question }, done);
    else if (open.kind === 'note') note.mutate({ workOrderId, note: v.note }, done);
    else if (open.kind === 'degraded') degraded.mutate({ workOrderId, measure: v.measure }, done);
    else if (open.kind === 'answer') step.mutate({ id: open.e.id, step: 'answer', body: { version: open.e.version, answer: v.answer } }, done);
    else if (open.kind === 'guidance')
      step.mutate({ id: open.e.id, step: 'guidance', body: { version: open.e.version, channel: v.channel, minutes: v.minutes, note: v.note || null } }, done);
    else if (open.kind === 'close') step.mutate({ id: open.e.id, step: 'close', body: { version: open.e.version, note: v.note || null } }, done);
  };
  const items = [
    ...l.escalations.map((e) => ({
      at: e.askedAt,
      node: (
        <Space direction="vertical" size={2} data-testid="ladder-escalation" style={{ width: '100%' }}>
          <Space wrap size={4}>
            <strong>
              {t(`escalations.tiers.${e.fromTier}`)} → {t(`escalations.tiers.${e.toTier}`)}
            </strong>
            <EscalationStatusTag status={e.status} overdue={e.overdue} />
            {e.auto && <Typography.Text type="secondary">{t('escalations.auto')}</Typography.Text>}
          </Space>
          <span>
            {t('escalations.question')}：{e.question}（{e.askedByName} {fmt(e.askedAt)}）
          </span>
          {e.answer && (
            <span data-testid="ladder-answer">
              {t('escalations.answer')}：{e.answer}（{e.answeredByName} {fmt(e.answeredAt)}）
            </span>
          )}
          {e.guidanceChannel && (
            <span data-testid="ladder-guidance">
              {t('escalations.guidance')}：{t(`escalations.channels.${e.guidanceChannel}`)} {e.guidanceMinutes} min {e.guidanceNote ?? ''}
            </span>
          )}
          {!e.answer && e.assigneeName && (
            <Typography.Text type="secondary">
              {t('escalations.expert')}：{e.assigneeName}
            </Typography.Text>
          )}
          <Space wrap>
            {e.abilities.answer && (
              <Button size="small" type="primary" onClick={() => setOpen({ kind: 'answer', e })} data-testid="escalation-answer">
                {t('escalations.doAnswer')}
              </Button>
            )}
            {e.abilities.guidance && (
              <Button size="small" onClick={() => setOpen({ kind: 'guidance', e })} data-testid="escalation-guidance">
                {t('escalations.doGuidance')}
              </Button>
            )}
            {e.abilities.close && (
              <Button size="small" onClick={() => setOpen({ kind: 'close', e })}>
                {t('escalations.doClose')}
              </Button>
            )}
          </Space>
        </Space>
      ),
    })),
    ...l.notes.map((n) => ({
      at: n.at,
      node: (
        <span data-testid="ladder-note">
          {t('escalations.progress')}：{n.note}（{n.byName} {fmt(n.at)}）
        </span>
      ),
    })),
    ...(l.degraded
      ? [
          {
            at: l.degraded.degradedAt,
            node: (
              <span>
                <DegradedTag at={l.degraded.degradedAt} /> {l.degraded.measure}（{l.degraded.byName} {fmt(l.degraded.degradedAt)}）
              </span>
            ),
          },
        ]
      : []),
  ].sort((a, b) => a.at.localeCompare(b.at));

  const titles = {
    escalate: t('escalations.escalate'),
    note: t('escalations.progressNote'),
    degraded: t('escalations.recordDegraded'),
    answer: t('escalations.doAnswer'),
    guidance: t('escalations.doGuidance'),
    close: t('escalations.doClose'),
  };
  return (
    <Card
      size="small"
      title={
        <Space size={4}>
          {t('escalations.section')}
          <DegradedTag at={l.degraded?.degradedAt} />
        </Space>
      }
      data-testid="wo-ladder"
    >
      <Space wrap style={{ marginBottom: 8 }}>
        {l.abilities.escalate && (
          <Button onClick={() => setOpen({ kind: 'escalate' })} data-testid="escalate">
            {t('escalations.escalate')}
          </Button>
        )}
        {l.abilities.progressNote && (
          <Button onClick={() => setOpen({ kind: 'note' })} data-testid="progress-note">
            {t('escalations.progressNote')}
          </Button>
        )}
        {l.abilities.degraded && (
          <Button onClick={() => setOpen({ kind: 'degraded' })} data-testid="record-degraded">
            {t('escalations.recordDegraded')}
          </Button>
        )}
      </Space>
      {items.length ? (
        <Timeline items={items.map((x, i) => ({ key: `${x.at}-${i}`, content: x.node }))} />
      ) : (
        <Typography.Text type="secondary">{t('escalations.none')}</Typography.Text>
      )}
      <Dialog
        open={!!open}
        title={open ? titles[open.kind] : ''}
        onCancel={close}
        onOk={submit}
        okTestId="ladder-ok"
        confirmLoading={escalate.isPending || step.isPending || note.isPending || degraded.isPending}
      >
        <Form form={form} layout="vertical" initialValues={{ toTier: 'L2', channel: 'phone', minutes: 15 }}>
          {open?.kind === 'escalate' && (
            <>
              <Form.Item name="toTier" label={t('escalations.to')} rules={[{ required: true }]}>
                <Radio.Group options={(['L2', 'L3'] as const).map((v) => ({ value: v, label: t(`escalations.tiers.${v}`) }))} />
              </Form.Item>
              <Form.Item name="question" label={t('escalations.question')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={3} maxLength={4000} data-testid="escalation-question" />
              </Form.Item>
            </>
          )}
          {open?.kind === 'note' && (
            <Form.Item name="note" label={t('escalations.progressHint')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="progress-text" />
            </Form.Item>
          )}
          {open?.kind === 'degraded' && (
            <Form.Item name="measure" label={t('escalations.measure')} extra={t('escalations.degradedHint')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="degraded-measure" />
            </Form.Item>
          )}
          {open?.kind === 'answer' && (
            <Form.Item name="answer" label={t('escalations.answer')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={4} maxLength={4000} data-testid="escalation-answer-text" />
            </Form.Item>
          )}
          {open?.kind === 'guidance' && (
            <>
              <Form.Item name="channel" label={t('escalations.channel')} rules={[{ required: true }]}>
                <Radio.Group options={(['phone', 'video', 'on_site'] as const).map((v) => ({ value: v, label: t(`escalations.channels.${v}`) }))} />
              </Form.Item>
              <Form.Item name="minutes" label={t('escalations.minutes')} rules={[{ required: true }]}>
                <InputNumber min={0} max={10000} />
              </Form.Item>
            </>
          )}
          {(open?.kind === 'guidance' || open?.kind === 'close') && (
            <Form.Item name="note" label={t('escalations.note')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          )}
        </Form>
      </Dialog>
    </Card>
  );
}
