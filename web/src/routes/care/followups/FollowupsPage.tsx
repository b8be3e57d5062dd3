// 我的回访 (R-FU-2..4): follow-ups by due date with overdue ones on top; a drawer with the
// questionnaire of the device's category and the flow of seed 000 — no problem / solved by
// phone → record; otherwise escalate for the manager's approval, tell the customer (optionally
// opening a repair request), and the department head's review of the 跟踪回访单.
import { Alert, Button, Card, Checkbox, Descriptions, Drawer, Empty, Form, Input, List, Radio, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type FollowupStep, useFollowup, useFollowupStep, useFollowups } from '../../../api/hooks/followups';
import { useRegisterRequest } from '../../../api/hooks/requests';
import { type Ability, useMe } from '../../../auth';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { FuStatusTag, fmt, useLabel, useProblem } from '../common';

export function FollowupsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [scope, setScope] = useState<'mine' | 'all'>(me.abilities['followups.approve'] ? 'all' : 'mine');
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const [openId, setOpenId] = useState<string | null>(null);
  const q = useFollowups({ scope, status, pageSize: 100 });

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="followups">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{scope === 'mine' ? t('care.menu.followups') : t('care.menu.followupsAll')}</PageTitle>
        <Space wrap>
          <Segmented
            value={scope}
            onChange={(v) => setScope(v as 'mine' | 'all')}
            options={[
              { value: 'mine', label: t('care.scopeMine') },
              { value: 'all', label: t('care.scopeAll') },
            ]}
          />
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as 'open' | 'done')}
            options={[
              { value: 'open', label: t('care.open') },
              { value: 'done', label: t('care.done') },
            ]}
          />
        </Space>
      </Space>
      {q.isLoading && <Spin />}
      {q.data && q.data.items.length === 0 && <Empty description={t('care.noFollowups')} />}
      <List
        dataSource={q.data?.items ?? []}
        renderItem={(f) => (
          <Card key={f.id} hoverable size="small" style={{ marginBottom: 8 }} onClick={() => setOpenId(f.id)} data-testid={`fu-${f.serialNumber}-${f.key}`}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
              <Space direction="vertical" size={2}>
                <Space wrap size={6}>
                  <strong>{f.customerName}</strong>
                  <FuStatusTag value={f.status} overdue={f.overdue} />
                  <Tag>{t(`care.serviceTypes.${f.serviceType}`)}</Tag>
                  <Tag>{t(`care.tracks.${f.track}`)}</Tag>
                </Space>
                <span>
                  {f.serialNumber} · {f.modelName}
                </span>
              </Space>
              <Typography.Text type={f.overdue ? 'danger' : 'secondary'}>
                {t('care.due')}: {fmt(f.dueAt)}
              </Typography.Text>
            </Space>
          </Card>
        )}
      />
      {openId && <FollowupDrawer id={openId} onClose={() => setOpenId(null)} />}
    </Space>
  );
}

function FollowupDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const me = useMe();
  const problem = useProblem();
  const [form] = Form.useForm();
  const q = useFollowup(id);
  const step = useFollowupStep(id);
  const openRequest = useRegisterRequest();
  const busy = step.isPending || openRequest.isPending;
  const outcome = Form.useWatch('outcome', form);
  const has = (ability: Ability) => me.abilities[ability];
  const navigate = useNavigate();
  const f = q.data;

  const act = (s: FollowupStep) => step.mutate(s, { onError: problem });

  const submitAnswer = async () => {
    const v = await validFields(form);
    if (!v || !f) return; // the form shows what is missing
    const answers: Record<string, string> = {};
    for (const item of f.questionnaire?.items ?? []) if (v[`q_${item.key}`]) answers[item.key] = String(v[`q_${item.key}`]);
    act({
      step: 'answer',
      body: {
        version: f.version,
        questionnaireId: f.questionnaire?.id ?? null,
        answers,
        outcome: v.outcome,
        record: v.record,
        remarks: v.remarks ?? null,
        contactName: v.contactName ?? null,
        problem: v.outcome === 'escalated' ? v.problem : null,
        proposedPlan: v.outcome === 'escalated' ? (v.proposedPlan ?? null) : null,
      },
    });
  };

  const informCustomer = async () => {
    const v = await form.validateFields(['informNote', 'openRequest']);
    if (!f) return;
    let requestId: string | null = null;
    if (v.openRequest) {
      try {
        const r = await openRequest.mutateAsync({
          deviceId: f.deviceId,
          faultDescription: `${t('care.sheet')} ${f.number ?? ''}: ${f.problem ?? ''}`.slice(0, 1000),
          deviceDown: false,
          reporterName: f.contactName ?? f.customerName,
          reporterPhone: '-',
          channel: 'phone',
        });
        requestId = r.id;
      } catch (e) {
        problem(e);
        return;
      }
    }
    act({ step: 'inform', body: { version: f.version, requestId, note: v.informNote ?? null } });
  };

  return (
    <Drawer open onClose={onClose} width={Math.min(720, window.innerWidth)} title={t('care.sheet')} destroyOnHidden>
      {!f ? (
        <Spin />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="fu-drawer">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('care.customer')}>{f.customerName}</Descriptions.Item>
            <Descriptions.Item label={t('care.device')}>
              {f.serialNumber} · {f.modelName}
            </Descriptions.Item>
            <Descriptions.Item label={t('care.key')}>
              {t(`care.serviceTypes.${f.serviceType}`)} · {t(`care.tracks.${f.track}`)} {f.key} · {t('care.ruleVersion', { v: f.ruleVersionNo })}
            </Descriptions.Item>
            <Descriptions.Item label={t('care.window')}>
              {fmt(f.earliestAt)} — {fmt(f.dueAt)} <FuStatusTag value={f.status} overdue={f.overdue} />
            </Descriptions.Item>
            {f.number && <Descriptions.Item label={t('care.number')}>{f.number}</Descriptions.Item>}
          </Descriptions>

          {f.abilities.answer && (
            <Form form={form} layout="vertical" initialValues={{ outcome: 'no_problem' }} data-testid="fu-form">
              {f.questionnaire && (
                <Card size="small" title={`${t('care.questionnaire')} · ${f.questionnaire.name}`}>
                  {f.questionnaire.items.map((item) => (
                    <Form.Item key={item.key} name={`q_${item.key}`} label={label(item.label)} rules={item.required ? [{ required: true }] : []}>
                      {item.options ? (
                        <Radio.Group data-testid={`q-${item.key}`}>
                          {item.options.map((o) => (
                            <Radio key={o.value} value={o.value}>
                              {label(o.label)}
                            </Radio>
                          ))}
                        </Radio.Group>
                      ) : (
                        <Input.TextArea rows={1} autoSize data-testid={`q-${item.key}`} />
                      )}
                    </Form.Item>
                  ))}
                </Card>
              )}
              <Form.Item name="contactName" label={t('care.contactName')}>
                <Input data-testid="fu-contact" />
              </Form.Item>
              <Form.Item name="record" label={t('care.record')} rules={[{ required: true }]}>
                <Input.TextArea rows={2} data-testid="fu-record" />
              </Form.Item>
              <Form.Item name="outcome" label={t('care.outcome')} rules={[{ required: true }]}>
                <Radio.Group data-testid="fu-outcome">
                  <Space direction="vertical">
                    {(['no_problem', 'solved_by_phone', 'escalated'] as const).map((o) => (
                      <Radio key={o} value={o} data-testid={`fu-outcome-${o}`}>
                        {t(`care.outcomes.${o}`)}
                      </Radio>
                    ))}
                  </Space>
                </Radio.Group>
              </Form.Item>
              {outcome === 'escalated' && (
                <>
                  <Form.Item name="problem" label={t('care.problem')} rules={[{ required: true }]}>
                    <Input.TextArea rows={2} data-testid="fu-problem" />
                  </Form.Item>
                  <Form.Item name="proposedPlan" label={t('care.proposedPlan')}>
                    <Input.TextArea rows={2} data-testid="fu-plan" />
                  </Form.Item>
                </>
              )}
              <Form.Item name="remarks" label={t('care.remarks')}>
                <Input data-testid="fu-remarks" />
              </Form.Item>
              <Button type="primary" loading={busy} onClick={submitAnswer} data-testid="fu-submit">
                {t('care.submit')}
              </Button>
            </Form>
          )}

          {f.status !== 'pending' && (
            <Descriptions size="small" column={1} bordered data-testid="fu-record-view">
              <Descriptions.Item label={t('care.time')}>{fmt(f.doneAt)}</Descriptions.Item>
              <Descriptions.Item label={t('care.visitor')}>{f.visitorName}</Descriptions.Item>
              <Descriptions.Item label={t('care.record')}>{f.record}</Descriptions.Item>
              {f.questionnaire?.items
                .filter((i) => f.answers?.[i.key])
                .map((i) => (
                  <Descriptions.Item key={i.key} label={label(i.label)}>
                    {i.options ? label(i.options.find((o) => o.value === f.answers?.[i.key])?.label ?? { 'zh-CN': '', 'en-US': '' }) : f.answers?.[i.key]}
                  </Descriptions.Item>
                ))}
              {f.outcome && <Descriptions.Item label={t('care.outcome')}>{t(`care.outcomes.${f.outcome}`)}</Descriptions.Item>}
              {f.problem && <Descriptions.Item label={t('care.problem')}>{f.problem}</Descriptions.Item>}
              {f.proposedPlan && <Descriptions.Item label={t('care.proposedPlan')}>{f.proposedPlan}</Descriptions.Item>}
              {f.approvedPlan && (
                <Descriptions.Item label={t('care.approvedPlan')}>
                  {f.approvedPlan}（{f.approvedByName} {fmt(f.approvedAt)}）
                </Descriptions.Item>
              )}
              {f.remarks && <Descriptions.Item label={t('care.remarks')}>{f.remarks}</Descriptions.Item>}
              {f.guidance && (
                <Descriptions.Item label={t('care.guidance')}>
                  {f.guidance}（{f.reviewedByName}）
                </Descriptions.Item>
              )}
            </Descriptions>
          )}

          {f.status !== 'pending' && has('complaints.register') && (
            <Button
              data-testid="fu-complaint"
              onClick={() =>
                navigate(
                  `/complaints?${new URLSearchParams({ new: '1', channel: 'followup', followupId: f.id, customerId: f.customerId, deviceId: f.deviceId, matter: f.problem ?? f.record ?? '', complainantName: f.contactName ?? '' })}`,
                )
              }
            >
              {t('care.complaint.new')}
            </Button>
          )}
          {f.status === 'escalated' && !f.abilities.approve && <Alert type="info" showIcon title={t('care.fuStatus.escalated')} />}
          {f.abilities.approve && (
            <Form form={form} layout="vertical">
              <Form.Item name="approvedPlan" label={t('care.approvedPlan')} rules={[{ required: true }]} initialValue={f.proposedPlan ?? ''}>
                <Input.TextArea rows={2} data-testid="fu-approved-plan" />
              </Form.Item>
              <Button
                type="primary"
                loading={busy}
                data-testid="fu-approve"
                onClick={async () =>
                  act({ step: 'approve', body: { version: f.version, approvedPlan: (await form.validateFields(['approvedPlan'])).approvedPlan } })
                }
              >
                {t('care.approve')}
              </Button>
            </Form>
          )}
          {f.abilities.inform && (
            <Form form={form} layout="vertical">
              <Form.Item name="informNote" label={t('care.informNote')}>
                <Input data-testid="fu-inform-note" />
              </Form.Item>
              <Form.Item name="openRequest" valuePropName="checked">
                <Checkbox data-testid="fu-open-request">{t('care.openRequest')}</Checkbox>
              </Form.Item>
              <Button type="primary" loading={busy} onClick={informCustomer} data-testid="fu-inform">
                {t('care.inform')}
              </Button>
            </Form>
          )}
          {f.abilities.review && !f.reviewedAt && (
            <Form form={form} layout="vertical">
              <Form.Item name="guidance" label={`${t('care.review')} · ${t('care.guidance')}`} rules={[{ required: true }]}>
                <Input.TextArea rows={2} data-testid="fu-guidance" />
              </Form.Item>
              <Button
                loading={busy}
                data-testid="fu-review"
                onClick={async () => act({ step: 'review', body: { version: f.version, guidance: (await form.validateFields(['guidance'])).guidance } })}
              >
                {t('care.review')}
              </Button>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}
