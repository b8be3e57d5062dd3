// Versions of a signed maintenance record (issue 13 §2; R-PM-2 "corrections after sign-off are new
// versions, like service reports"): the list of versions (as signed, then each correction with its
// reason, who and when), each one's content readable, and — for the service manager, quality or
// the engineer who did the visit (the server's `canCorrect`) — a 更正 button: a reason and the
// changed readings, tasks or findings make the next version. Phone-usable (a full-width modal).
import { HistoryOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Collapse, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api';
import { type MaintenanceVisit, useCorrectMaintenanceRecord, useMaintenanceRecordVersions } from '../../../api/hooks/maintenanceVisits';

type Draft = {
  reason: string;
  readings: Record<string, string>;
  tasks: Record<string, { done: boolean; note: string }>;
  findings: Record<string, string>;
};

export function RecordVersionsPanel({ visit }: { visit: MaintenanceVisit }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useMaintenanceRecordVersions(visit.workOrderId);
  const correct = useCorrectMaintenanceRecord(visit.workOrderId);
  const [draft, setDraft] = useState<Draft | null>(null);
  const r = visit.record;
  if (!r || !q.data) return null;

  const start = () =>
    setDraft({
      reason: '',
      readings: Object.fromEntries(visit.readings.map((x) => [x.checkKey, x.value])),
      tasks: Object.fromEntries(r.tasks.map((x) => [x.key, { done: x.done ?? false, note: x.note ?? '' }])),
      findings: Object.fromEntries(visit.findings.map((f) => [f.id, f.description])),
    });

  const submit = async () => {
    if (!draft) return;
    const readings = visit.readings
      .filter((x) => (draft.readings[x.checkKey] ?? '').trim() !== x.value)
      .map((x) => ({ checkKey: x.checkKey, value: draft.readings[x.checkKey] }));
    const tasks = r.tasks
      .filter((x) => draft.tasks[x.key].done !== (x.done ?? false) || draft.tasks[x.key].note.trim() !== (x.note ?? ''))
      .map((x) => ({ key: x.key, done: draft.tasks[x.key].done, note: draft.tasks[x.key].note || null }));
    const findings = visit.findings.filter((f) => draft.findings[f.id].trim() !== f.description).map((f) => ({ id: f.id, description: draft.findings[f.id] }));
    try {
      await correct.mutateAsync({ version: r.version, reason: draft.reason, readings, tasks, findings });
      message.success(t('maintenanceVisit.versions.saved'));
      setDraft(null);
    } catch (e) {
      const p = e instanceof ApiError ? e.problem : null;
      message.error(p ? [p.detail, ...(p.fields ?? []).map((f) => f.message)].join('；') : String(e));
    }
  };

  const v = q.data;
  return (
    <div data-testid="record-versions">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          <HistoryOutlined /> {t('maintenanceVisit.versions.title')}{' '}
          {v.corrected && (
            <Tag color="orange" data-testid="record-corrected">
              {t('maintenanceVisit.versions.corrected', { n: v.contentVersion })}
            </Tag>
          )}
        </Typography.Title>
        {v.canCorrect && (
          <Button onClick={start} data-testid="record-correct">
            {t('maintenanceVisit.versions.correct')}
          </Button>
        )}
      </Space>
      <Collapse
        size="small"
        style={{ marginTop: 8 }}
        items={v.items.map((x) => ({
          key: String(x.n),
          label: (
            <span data-testid={`record-version-${x.n}`}>
              v{x.n} {x.current && <Tag color="blue">{t('maintenanceVisit.versions.current')}</Tag>}
              {x.n === 1 ? t('maintenanceVisit.versions.asSigned') : `${x.byName} · ${x.reason ?? ''}`}{' '}
              <Typography.Text type="secondary">{dayjs(x.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>
            </span>
          ),
          children: (
            <Space direction="vertical" size={4}>
              {x.content.tasks.map((task) => (
                <div key={task.key}>
                  {task.label}：{task.done ? t('maintenanceVisit.done') : t('maintenanceVisit.notDone')}
                  {task.note ? `（${task.note}）` : ''}
                </div>
              ))}
              {x.content.readings.map((rd) => (
                <div key={rd.checkKey}>
                  {rd.label}：
                  <Tag color={rd.outOfRange ? 'red' : 'green'}>
                    {rd.value} {rd.unit ?? ''}
                  </Tag>
                </div>
              ))}
              {x.content.findings.map((f) => (
                <div key={f.id}>· {f.description}</div>
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                sha256 {x.contentHash.slice(0, 16)}…
              </Typography.Text>
            </Space>
          ),
        }))}
      />
      <Modal
        open={draft !== null}
        title={t('maintenanceVisit.versions.correctTitle', { n: v.contentVersion + 1 })}
        onCancel={() => setDraft(null)}
        onOk={submit}
        okText={t('maintenanceVisit.versions.save')}
        okButtonProps={{ disabled: !draft?.reason.trim(), loading: correct.isPending, 'data-testid': 'record-correct-save' }}
        width="min(640px, 100vw)"
        destroyOnHidden
      >
        {draft && (
          <Form layout="vertical">
            <Form.Item label={t('maintenanceVisit.versions.reason')} required>
              <Input.TextArea
                rows={2}
                value={draft.reason}
                onChange={(e) => setDraft({ ...draft, reason: e.target.value })}
                data-testid="record-correct-reason"
              />
            </Form.Item>
            {visit.readings.map((x) => (
              <Form.Item key={x.checkKey} label={`${x.label}${x.unit ? ` (${x.unit})` : ''}`} style={{ marginBottom: 8 }}>
                <Input
                  value={draft.readings[x.checkKey]}
                  onChange={(e) => setDraft({ ...draft, readings: { ...draft.readings, [x.checkKey]: e.target.value } })}
                  data-testid={`record-correct-reading-${x.checkKey}`}
                />
              </Form.Item>
            ))}
            {r.tasks.map((x) => (
              <Space key={x.key} wrap style={{ display: 'flex', marginBottom: 8 }}>
                <Checkbox
                  checked={draft.tasks[x.key].done}
                  onChange={(e) => setDraft({ ...draft, tasks: { ...draft.tasks, [x.key]: { ...draft.tasks[x.key], done: e.target.checked } } })}
                >
                  {x.label}
                </Checkbox>
                <Input
                  placeholder={t('maintenanceVisit.notDoneNote')}
                  value={draft.tasks[x.key].note}
                  onChange={(e) => setDraft({ ...draft, tasks: { ...draft.tasks, [x.key]: { ...draft.tasks[x.key], note: e.target.value } } })}
                />
              </Space>
            ))}
            {visit.findings.map((f) => (
              <Form.Item key={f.id} label={t('maintenanceVisit.findings')} style={{ marginBottom: 8 }}>
                <Input.TextArea
                  rows={2}
                  value={draft.findings[f.id]}
                  onChange={(e) => setDraft({ ...draft, findings: { ...draft.findings, [f.id]: e.target.value } })}
                />
              </Form.Item>
            ))}
          </Form>
        )}
      </Modal>
    </div>
  );
}
