// The maintenance visit on the work-order page (issue 13 §1 recording, §2; R-PM-1, R-PM-2), laid out
// for a phone (390 px): arrival / departure buttons, the task checklist, readings with the range
// hint, an instrument picker and the out-of-range flag, photos taken with the camera, findings (not
// fixed on the spot → a repair request), and what evidence is still missing before the job can be
// resolved, signed or closed (the same rule the server applies; the work-order buttons follow it).
import { CameraOutlined, CheckOutlined, CloseOutlined, EnvironmentOutlined, LogoutOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Empty, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, must } from '../../../api';
import { type MaintenanceVisit, useMaintenanceVisit, useVisitStep } from '../../../api/hooks/maintenanceVisits';
import { AttachmentsPanel } from '../../../components/attachments/AttachmentsPanel';
import { RecordVersionsPanel } from './RecordVersionsPanel';

type Check = NonNullable<MaintenanceVisit['record']>['checks'][number];
const fmt = (at: string | null | undefined) => (at ? dayjs(at).format('MM-DD HH:mm') : '—');
/** The range a check expects, for the hint beside its input. */
export const rangeHint = (c: Pick<Check, 'min' | 'max' | 'unit' | 'expected'>) => {
  const u = c.unit ?? '';
  if (c.min != null && c.max != null) return `${c.min} ~ ${c.max} ${u}`.trim();
  if (c.min != null) return `≥ ${c.min} ${u}`.trim();
  if (c.max != null) return `≤ ${c.max} ${u}`.trim();
  return c.expected ?? '';
};

export function MaintenanceVisitSection({ workOrderId, canAct }: { workOrderId: string; canAct: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useMaintenanceVisit(workOrderId);
  const step = useVisitStep(workOrderId);
  const instruments = useQuery({
    queryKey: ['instruments', 'list', 'visit-picker'],
    queryFn: () => must(api.GET('/api/v1/instruments', { params: { query: { page: 1, pageSize: 100, sort: 'code' } } })),
    enabled: canAct,
  });
  const [values, setValues] = useState<Record<string, string>>({});
  const [instrumentId, setInstrumentId] = useState<string | undefined>();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [finding, setFinding] = useState({ description: '', fixedOnSpot: true });

  const fail = (e: unknown) => {
    const p = e instanceof ApiError ? e.problem : null;
    message.error(p ? [p.detail, ...(p.fields ?? []).map((f) => f.message)].join('；') : String(e));
  };
  const run = (s: Parameters<typeof step.mutateAsync>[0]) => step.mutateAsync(s).catch(fail);

  if (!q.data) return <Card size="small" loading title={t('maintenanceVisit.title')} />;
  const v = q.data;
  const r = v.record;
  const editable = canAct && !['signed_off', 'reviewed', 'closed', 'cancelled'].includes(v.workOrderStatus);
  const readingOf = (key: string) => v.readings.find((x) => x.checkKey === key);
  const usable = (instruments.data?.items ?? []).filter((i) => i.usable);

  return (
    <Card size="small" title={t('maintenanceVisit.title')} data-testid="maintenance-visit" styles={{ body: { padding: 12 } }}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {v.missing.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            data-testid="visit-missing"
            title={t('maintenanceVisit.missingTitle', { n: v.missing.length })}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {v.missing.map((m) => (
                  <li key={`${m.code}-${m.key ?? ''}`}>
                    {t(`maintenanceVisit.missing.${m.code}`, { label: m.label ?? '', required: m.required ?? 0, inWindow: m.inWindow ?? 0 })}
                  </li>
                ))}
              </ul>
            }
          />
        ) : (
          <Alert type="success" showIcon title={t('maintenanceVisit.complete')} data-testid="visit-complete" />
        )}

        {!r ? (
          editable ? (
            <Button type="primary" block size="large" onClick={() => run({ kind: 'open' })} loading={step.isPending} data-testid="visit-open">
              {t('maintenanceVisit.open')}
            </Button>
          ) : (
            <Empty description={t('maintenanceVisit.notOpened')} />
          )
        ) : (
          <>
            <Typography.Text type="secondary">
              {r.templateName ?? t('maintenanceVisit.noTemplate')} · {t('maintenanceVisit.minOnSite', { n: r.minOnSiteMinutes })} ·{' '}
              {t('maintenanceVisit.photosRequired', { n: r.photosRequired })}
            </Typography.Text>
            <Space wrap style={{ width: '100%' }}>
              <Button
                icon={<EnvironmentOutlined />}
                size="large"
                disabled={!editable || !!r.arrivedAt}
                onClick={() => run({ kind: 'arrival', body: { version: r.version } })}
                data-testid="visit-arrive"
              >
                {r.arrivedAt ? t('maintenanceVisit.arrivedAt', { at: fmt(r.arrivedAt) }) : t('maintenanceVisit.arrive')}
              </Button>
              <Button
                icon={<LogoutOutlined />}
                size="large"
                disabled={!editable || !r.arrivedAt || !!r.departedAt}
                onClick={() => run({ kind: 'departure', body: { version: r.version } })}
                data-testid="visit-depart"
              >
                {r.departedAt ? t('maintenanceVisit.departedAt', { at: fmt(r.departedAt) }) : t('maintenanceVisit.depart')}
              </Button>
              {r.onSiteMinutes != null && (
                <Tag color={r.onSiteMinutes < r.minOnSiteMinutes ? 'red' : 'green'}>{t('maintenanceVisit.onSite', { n: r.onSiteMinutes })}</Tag>
              )}
            </Space>

            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('maintenanceVisit.tasks')}
            </Typography.Title>
            <List
              size="small"
              dataSource={r.tasks}
              data-testid="visit-tasks"
              renderItem={(task) => (
                <List.Item style={{ flexWrap: 'wrap', gap: 8 }}>
                  <div style={{ flex: '1 1 180px' }}>
                    {task.label}
                    {task.done === true && (
                      <Tag color="green" style={{ marginInlineStart: 8 }}>
                        {t('maintenanceVisit.done')}
                      </Tag>
                    )}
                    {task.done === false && (
                      <Tag color="orange" style={{ marginInlineStart: 8 }}>
                        {t('maintenanceVisit.notDone')}：{task.note}
                      </Tag>
                    )}
                  </div>
                  {editable && (
                    <Space.Compact style={{ flex: '1 1 200px' }}>
                      <Input
                        placeholder={t('maintenanceVisit.notDoneNote')}
                        value={notes[task.key] ?? ''}
                        onChange={(e) => setNotes({ ...notes, [task.key]: e.target.value })}
                      />
                      <Button
                        icon={<CheckOutlined />}
                        aria-label={t('maintenanceVisit.done')}
                        onClick={() => run({ kind: 'task', key: task.key, body: { version: r.version, done: true, note: notes[task.key] || null } })}
                        data-testid={`task-done-${task.key}`}
                      />
                      <Button
                        icon={<CloseOutlined />}
                        aria-label={t('maintenanceVisit.notDone')}
                        onClick={() => run({ kind: 'task', key: task.key, body: { version: r.version, done: false, note: notes[task.key] || null } })}
                      />
                    </Space.Compact>
                  )}
                </List.Item>
              )}
            />

            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('maintenanceVisit.readings')}
            </Typography.Title>
            {editable && r.checks.length > 0 && (
              <Select
                showSearch
                optionFilterProp="label"
                style={{ width: '100%' }}
                placeholder={t('maintenanceVisit.instrument')}
                value={instrumentId}
                onChange={setInstrumentId}
                options={usable.map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))}
                data-testid="visit-instrument"
              />
            )}
            <List
              size="small"
              dataSource={r.checks}
              data-testid="visit-readings"
              renderItem={(c) => {
                const got = readingOf(c.key);
                return (
                  <List.Item style={{ flexWrap: 'wrap', gap: 8 }}>
                    <div style={{ flex: '1 1 180px' }}>
                      <div>{c.label}</div>
                      <Typography.Text type="secondary">{rangeHint(c)}</Typography.Text>
                      {got && (
                        <div>
                          <Tag
                            color={got.outOfRange ? 'red' : 'green'}
                            icon={got.outOfRange ? <WarningOutlined /> : undefined}
                            data-testid={`reading-${c.key}`}
                          >
                            {got.value} {c.unit ?? ''} {got.outOfRange ? t('maintenanceVisit.outOfRange') : ''}
                          </Tag>
                          <Typography.Text type="secondary">{got.instrumentCode}</Typography.Text>
                        </div>
                      )}
                    </div>
                    {editable && (
                      <Space.Compact style={{ flex: '1 1 160px' }}>
                        <Input
                          inputMode={c.expected ? 'text' : 'decimal'}
                          placeholder={c.expected ?? c.unit ?? ''}
                          value={values[c.key] ?? ''}
                          onChange={(e) => setValues({ ...values, [c.key]: e.target.value })}
                          data-testid={`reading-input-${c.key}`}
                        />
                        <Button
                          type="primary"
                          disabled={!instrumentId || !(values[c.key] ?? '').trim()}
                          onClick={() => run({ kind: 'reading', body: { checkKey: c.key, value: values[c.key], instrumentId: instrumentId as string } })}
                        >
                          {t('maintenanceVisit.record')}
                        </Button>
                      </Space.Compact>
                    )}
                  </List.Item>
                );
              }}
            />

            <Typography.Title level={5} style={{ margin: 0 }}>
              <CameraOutlined /> {t('maintenanceVisit.photos')}
            </Typography.Title>
            <AttachmentsPanel ownerKind="work_order" ownerId={workOrderId} ownerPart="maintenance:photo" compact canUpload={editable} />
            {v.photos.length > 0 && (
              <Space wrap>
                {v.photos.map((p) => (
                  <Tag key={p.id} color={p.inWindow ? 'green' : 'red'}>
                    {fmt(p.capturedAt)} {p.fromExif ? 'EXIF' : t('maintenanceVisit.uploadTime')} {p.inWindow ? '' : t('maintenanceVisit.outsideWindow')}
                  </Tag>
                ))}
              </Space>
            )}

            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('maintenanceVisit.findings')}
            </Typography.Title>
            {v.findings.map((f) => (
              <div key={f.id}>
                {f.description}{' '}
                {f.fixedOnSpot ? (
                  <Tag color="green">{t('maintenanceVisit.fixedOnSpot')}</Tag>
                ) : (
                  <Tag color="orange">{t('maintenanceVisit.repairOpened', { number: f.requestNumber ?? '' })}</Tag>
                )}
              </div>
            ))}
            {editable && (
              <Form layout="vertical" onFinish={() => run({ kind: 'finding', body: finding }).then(() => setFinding({ description: '', fixedOnSpot: true }))}>
                <Input.TextArea
                  rows={2}
                  value={finding.description}
                  placeholder={t('maintenanceVisit.findingPlaceholder')}
                  onChange={(e) => setFinding({ ...finding, description: e.target.value })}
                  data-testid="finding-text"
                />
                <Space wrap style={{ marginTop: 8 }}>
                  <Checkbox checked={finding.fixedOnSpot} onChange={(e) => setFinding({ ...finding, fixedOnSpot: e.target.checked })}>
                    {t('maintenanceVisit.fixedOnSpot')}
                  </Checkbox>
                  <Button htmlType="submit" disabled={!finding.description.trim()} data-testid="finding-add">
                    {t('maintenanceVisit.addFinding')}
                  </Button>
                </Space>
                {!finding.fixedOnSpot && <Typography.Text type="secondary">{t('maintenanceVisit.repairHint')}</Typography.Text>}
              </Form>
            )}
            {['signed_off', 'reviewed', 'closed'].includes(v.workOrderStatus) && <RecordVersionsPanel visit={v} />}
          </>
        )}
      </Space>
    </Card>
  );
}
