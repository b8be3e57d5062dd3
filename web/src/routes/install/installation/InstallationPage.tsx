// One installation (R-IN-1, issue 12 item 2), phone-first: the site check as a checklist (pass /
// fail + note; a manager waives a failed item with a reason), start, the commissioning items with
// the customer's consent signature (seed 003), the three acceptance signatures each with its
// meaning, the acceptance-date correction, the handover checklist (seed 002), a defect decision
// (seed 003 包修、包换、包退) and the PDFs. Buttons follow the server's `abilities`.
import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Input, List, Modal, Radio, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { download } from '../../../api';
import { type Installation, useInstallation, useInstallationCommand } from '../../../api/hooks/installations';
import { useAbility } from '../../../auth';
import { AttachmentsPanel } from '../../../components/attachments/AttachmentsPanel';
import { PageTitle } from '../../../components/PageTitle';
import { ESignatureList } from '../../../components/signatures/ESignatureList';
import { useProblem } from '../../care/common';
import { WoStatusTag } from '../../service/common';
import { SignaturePad } from '../../service/work-order/components/SignaturePad';
import { InstallationStatusTag } from '../notices/InstallationsPage';

const fmt = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString('sv-SE', { hour12: false }).slice(0, 16) : '—');

export function InstallationPage() {
  const { id = '' } = useParams();
  const q = useInstallation(id);
  const { t } = useTranslation();
  if (q.isLoading || !q.data) return <Spin />;
  const i = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="installation">
      <Space wrap>
        <PageTitle>{i.number}</PageTitle>
        <span data-testid="installation-status">
          <InstallationStatusTag value={i.status} />
        </span>
        {i.handoverOverdue && <Tag color="red">{t('install.overdue')}</Tag>}
      </Space>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t('install.customer')}>{i.customerName}</Descriptions.Item>
        <Descriptions.Item label={t('install.model')}>{i.modelName}</Descriptions.Item>
        <Descriptions.Item label={t('install.serial')}>{i.serialNumber}</Descriptions.Item>
        <Descriptions.Item label={t('install.site')}>{i.siteAddress}</Descriptions.Item>
        <Descriptions.Item label={t('install.planned')}>{i.plannedDate}</Descriptions.Item>
        <Descriptions.Item label={t('install.sales')}>{i.salesContact}</Descriptions.Item>
        <Descriptions.Item label={t('install.engineer')}>{i.engineerName ?? '—'}</Descriptions.Item>
        {/* Issue 12 item 2: the installation work order the notice opened, on the dispatch board. */}
        <Descriptions.Item label={t('install.workOrder')}>
          {i.workOrder ? (
            <Space wrap size={4} data-testid="installation-work-order">
              <Link to={`/work-orders/${i.workOrder.id}`}>{i.workOrder.number}</Link>
              <WoStatusTag value={i.workOrder.status} kind="installation" />
              {i.workOrder.leadName && <Typography.Text type="secondary">{i.workOrder.leadName}</Typography.Text>}
            </Space>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('install.acceptanceDate')}>{i.acceptanceDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('install.trainingDue')}>
          {fmt(i.trainingDueAt)}
          {i.trainingSessionId && (
            <>
              {' · '}
              <Link to={`/training/sessions/${i.trainingSessionId}`} data-testid="installation-training">
                {t('install.openTraining')}
              </Link>
            </>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('install.handoverDue')}>{i.handoverDueOn ?? '—'}</Descriptions.Item>
        {i.notes && <Descriptions.Item label={t('install.notes')}>{i.notes}</Descriptions.Item>}
      </Descriptions>
      {i.workOrder?.status === 'new' && ['notified', 'site_check_failed', 'site_checked', 'installing'].includes(i.status) && (
        <Alert type="info" showIcon message={t('install.notDispatched')} data-testid="installation-not-dispatched" />
      )}
      {(i.status === 'accepted' || i.status === 'handed_over') && (
        <Space wrap>
          <Button onClick={() => download(`/api/v1/installations/${i.id}/acceptance.pdf`, `${i.number}.pdf`)}>{t('install.acceptancePdf')}</Button>
          <Button onClick={() => download(`/api/v1/installations/${i.id}/handover.pdf`, `${i.number}-handover.pdf`)}>{t('install.handoverPdf')}</Button>
        </Space>
      )}
      <SiteCheck i={i} />
      {(i.abilities.commission || i.commissioning.length > 0) && <Commissioning i={i} />}
      {(i.status === 'commissioned' || i.status === 'accepted' || i.status === 'handed_over') && <Acceptance i={i} />}
      {/* Issue 14 §6 (R-AU-1): the staff parties' electronic signatures. */}
      <ESignatureList items={i.eSignatures} testId="installation-e-signatures" />
      {(i.status === 'accepted' || i.status === 'handed_over') && <Handover i={i} />}
      <Defect i={i} />
      <InstallationAttachments i={i} />
    </Space>
  );
}

function SiteCheck({ i }: { i: Installation }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const save = useInstallationCommand('/api/v1/installations/{id}/site-check');
  const waive = useInstallationCommand('/api/v1/installations/{id}/site-check/waive');
  const start = useInstallationCommand('/api/v1/installations/{id}/start');
  const earlier = new Map(i.siteCheck.map((c) => [c.key, c]));
  const [answers, setAnswers] = useState<Record<string, { result?: 'pass' | 'fail'; note?: string }>>(() =>
    Object.fromEntries(i.siteCheck.map((c) => [c.key, { result: c.result, note: c.note ?? undefined }])),
  );
  const [waiving, setWaiving] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const complete = i.siteCheckTemplate.every((x) => answers[x.key]?.result);
  return (
    <Card size="small" title={t('install.siteCheck')} data-testid="site-check">
      <List
        dataSource={i.siteCheckTemplate}
        renderItem={(item) => {
          const a = answers[item.key] ?? {};
          const stored = earlier.get(item.key);
          return (
            <List.Item>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong>{item.label}</Typography.Text>
                  {stored?.waiver && <Tag color="orange">{`${t('install.waived')}：${stored.waiver.reason}`}</Tag>}
                </Space>
                <Radio.Group
                  disabled={!i.abilities.siteCheck}
                  value={a.result}
                  optionType="button"
                  buttonStyle="solid"
                  data-testid={`check-${item.key}`}
                  onChange={(e) => setAnswers({ ...answers, [item.key]: { ...a, result: e.target.value } })}
                  options={[
                    { value: 'pass', label: t('install.pass') },
                    { value: 'fail', label: t('install.fail') },
                  ]}
                />
                {(a.result === 'fail' || a.note) && (
                  <Input
                    disabled={!i.abilities.siteCheck}
                    data-testid={`note-${item.key}`}
                    placeholder={t('install.failNote')}
                    value={a.note}
                    onChange={(e) => setAnswers({ ...answers, [item.key]: { ...a, note: e.target.value } })}
                  />
                )}
                <ItemPhotos i={i} part={`site_check:${item.key}`} />
                {i.abilities.waive && stored?.result === 'fail' && !stored.waiver && (
                  <Button size="small" onClick={() => setWaiving(item.key)}>
                    {t('install.waive')}
                  </Button>
                )}
              </Space>
            </List.Item>
          );
        }}
      />
      <Space wrap>
        {i.abilities.siteCheck && (
          <Button
            type="primary"
            data-testid="site-check-save"
            disabled={!complete}
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                {
                  id: i.id,
                  body: {
                    version: i.version,
                    items: i.siteCheckTemplate.map((x) => ({ key: x.key, result: answers[x.key]?.result ?? 'fail', note: answers[x.key]?.note ?? null })),
                  },
                },
                { onError: problem },
              )
            }
          >
            {t('install.saveCheck')}
          </Button>
        )}
        {i.abilities.start && (
          <Button
            type="primary"
            data-testid="install-start"
            loading={start.isPending}
            onClick={() => start.mutate({ id: i.id, body: { version: i.version } }, { onError: problem })}
          >
            {t('install.start')}
          </Button>
        )}
      </Space>
      <Modal
        open={waiving !== null}
        title={t('install.waive')}
        onCancel={() => setWaiving(null)}
        confirmLoading={waive.isPending}
        onOk={() =>
          waive.mutate(
            { id: i.id, body: { version: i.version, key: waiving ?? '', reason } },
            {
              onSuccess: () => {
                setWaiving(null);
                setReason('');
              },
              onError: problem,
            },
          )
        }
      >
        <Input.TextArea rows={3} placeholder={t('install.waiveReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Card>
  );
}

function Commissioning({ i }: { i: Installation }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const done = useInstallationCommand('/api/v1/installations/{id}/commissioning');
  const [rows, setRows] = useState<Record<string, { measured?: string; passed?: boolean }>>({});
  const [name, setName] = useState('');
  const [png, setPng] = useState<string | null>(null);
  if (!i.abilities.commission)
    return (
      <Card size="small" title={t('install.commissioning')}>
        <List
          dataSource={i.commissioning}
          renderItem={(c) => (
            <List.Item>
              <Space wrap>
                <Typography.Text strong>{c.label}</Typography.Text>
                <span>{`${t('install.expected')}：${c.expected ?? '—'}`}</span>
                <span>{`${t('install.measured')}：${c.measured}`}</span>
                <Tag color={c.passed ? 'green' : 'red'}>{c.passed ? t('install.passed') : t('install.fail')}</Tag>
              </Space>
              <ItemPhotos i={i} part={`commissioning:${c.key}`} />
            </List.Item>
          )}
        />
        {i.consentName && <Typography.Text>{`${t('install.consentName')}：${i.consentName} ${fmt(i.consentAt)}`}</Typography.Text>}
      </Card>
    );
  return (
    <Card size="small" title={t('install.commissioning')} data-testid="commissioning">
      <List
        dataSource={i.commissioningTemplate}
        renderItem={(c) => {
          const r = rows[c.key] ?? {};
          return (
            <List.Item>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text strong>{c.label}</Typography.Text>
                <Typography.Text type="secondary">{`${t('install.expected')}：${c.expected ?? '—'}`}</Typography.Text>
                <Input
                  data-testid={`measured-${c.key}`}
                  placeholder={t('install.measured')}
                  value={r.measured}
                  onChange={(e) => setRows({ ...rows, [c.key]: { ...r, measured: e.target.value } })}
                />
                <Checkbox
                  data-testid={`passed-${c.key}`}
                  checked={r.passed ?? false}
                  onChange={(e) => setRows({ ...rows, [c.key]: { ...r, passed: e.target.checked } })}
                >
                  {t('install.passed')}
                </Checkbox>
                <ItemPhotos i={i} part={`commissioning:${c.key}`} />
              </Space>
            </List.Item>
          );
        }}
      />
      <Typography.Paragraph strong>{t('install.consent')}</Typography.Paragraph>
      <Input
        data-testid="consent-name"
        placeholder={t('install.consentName')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      <SignaturePad onChange={setPng} height={160} />
      <Button
        type="primary"
        data-testid="commission-submit"
        style={{ marginTop: 8 }}
        loading={done.isPending}
        onClick={() =>
          done.mutate(
            {
              id: i.id,
              body: {
                version: i.version,
                items: i.commissioningTemplate.map((c) => ({ key: c.key, measured: rows[c.key]?.measured || '—', passed: rows[c.key]?.passed ?? false })),
                consent: { name, signaturePng: png },
              },
            },
            { onError: problem },
          )
        }
      >
        {t('install.finishCommissioning')}
      </Button>
    </Card>
  );
}

const PARTIES = ['service', 'customer', 'quality'] as const;

function Acceptance({ i }: { i: Installation }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const sign = useInstallationCommand('/api/v1/installations/{id}/sign');
  const correct = useInstallationCommand('/api/v1/installations/{id}/acceptance-date');
  const [names, setNames] = useState<Record<string, string>>({});
  const [pngs, setPngs] = useState<Record<string, string | null>>({});
  const [passwords, setPasswords] = useState<Record<string, string>>({});
  const [fixing, setFixing] = useState(false);
  const [date, setDate] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const can = { service: i.abilities.signService, customer: i.abilities.signCustomer, quality: i.abilities.signQuality };
  return (
    <Card
      size="small"
      title={t('install.acceptance')}
      data-testid="acceptance"
      extra={
        i.abilities.correctAcceptance && (
          <Button size="small" onClick={() => setFixing(true)}>
            {t('install.correctDate')}
          </Button>
        )
      }
    >
      <List
        dataSource={[...PARTIES]}
        renderItem={(p) => {
          const s = i.signatures.find((x) => x.party === p);
          return (
            <List.Item>
              <Space direction="vertical" style={{ width: '100%' }} data-testid={`sign-${p}`}>
                <Typography.Text strong>{`${t(`install.party.${p}`)}（${t(`install.meaning.${p}`)}）`}</Typography.Text>
                {s ? (
                  <Space wrap>
                    <Tag color="green" data-testid={`signed-${p}`}>{`${t('install.signed')}：${s.signerName} ${fmt(s.signedAt)}`}</Tag>
                    {s.contentHash && (
                      <Typography.Text code copyable={{ text: s.contentHash }} data-testid={`signed-hash-${p}`}>
                        SHA-256 {s.contentHash.slice(0, 16)}…
                      </Typography.Text>
                    )}
                  </Space>
                ) : can[p] ? (
                  <>
                    <Input
                      data-testid={`signer-${p}`}
                      placeholder={t('install.signerName')}
                      value={names[p] ?? ''}
                      onChange={(e) => setNames({ ...names, [p]: e.target.value })}
                    />
                    <SignaturePad onChange={(v) => setPngs((x) => ({ ...x, [p]: v }))} height={140} />
                    {/* R-AU-1 (issue 14 §6): staff sign as themselves — their own password again; the customer has no account. */}
                    {p !== 'customer' && (
                      <Input.Password
                        data-testid={`sign-password-${p}`}
                        autoComplete="current-password"
                        placeholder={t('install.password')}
                        value={passwords[p] ?? ''}
                        onChange={(e) => setPasswords({ ...passwords, [p]: e.target.value })}
                      />
                    )}
                    <Button
                      type="primary"
                      data-testid={`sign-submit-${p}`}
                      loading={sign.isPending}
                      onClick={() =>
                        sign.mutate(
                          {
                            id: i.id,
                            body: {
                              version: i.version,
                              party: p,
                              signerName: names[p] ?? '',
                              signaturePng: pngs[p] ?? null,
                              ...(p !== 'customer' ? { password: passwords[p] ?? '' } : {}),
                            },
                          },
                          { onSuccess: () => setPasswords((x) => ({ ...x, [p]: '' })), onError: problem },
                        )
                      }
                    >
                      {t('install.sign')}
                    </Button>
                  </>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                )}
              </Space>
            </List.Item>
          );
        }}
      />
      <Modal
        open={fixing}
        title={t('install.correctDate')}
        onCancel={() => setFixing(false)}
        confirmLoading={correct.isPending}
        onOk={() =>
          correct.mutate(
            { id: i.id, body: { version: i.version, acceptanceDate: date ?? '', reason } },
            { onSuccess: () => setFixing(false), onError: problem },
          )
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <DatePicker style={{ width: '100%' }} onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : null)} />
          <Input.TextArea rows={2} placeholder={t('install.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Space>
      </Modal>
    </Card>
  );
}

function Handover({ i }: { i: Installation }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const save = useInstallationCommand('/api/v1/installations/{id}/handover');
  const [rows, setRows] = useState(() => Object.fromEntries(i.handover.map((h) => [h.key, { done: h.done, note: h.note ?? '' }])));
  const editable = i.abilities.handover;
  return (
    <Card size="small" title={`${t('install.handover')}（${t('install.handoverDue')} ${i.handoverDueOn ?? '—'}）`} data-testid="handover">
      {i.handoverOverdue && <Alert type="error" showIcon message={t('install.overdue')} style={{ marginBottom: 8 }} />}
      <List
        dataSource={i.handover}
        renderItem={(h) => (
          <List.Item>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Checkbox
                disabled={!editable}
                checked={rows[h.key]?.done}
                onChange={(e) => setRows({ ...rows, [h.key]: { ...rows[h.key], done: e.target.checked } })}
              >
                {h.label}
              </Checkbox>
              <Input
                disabled={!editable}
                placeholder={t('install.note')}
                value={rows[h.key]?.note}
                onChange={(e) => setRows({ ...rows, [h.key]: { ...rows[h.key], note: e.target.value } })}
              />
            </Space>
          </List.Item>
        )}
      />
      {editable && (
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              { id: i.id, body: { version: i.version, items: Object.entries(rows).map(([key, r]) => ({ key, done: r.done, note: r.note || null })) } },
              { onError: problem },
            )
          }
        >
          {t('install.saveHandover')}
        </Button>
      )}
    </Card>
  );
}

function Defect({ i }: { i: Installation }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const record = useInstallationCommand('/api/v1/installations/{id}/defect');
  const cancel = useInstallationCommand('/api/v1/installations/{id}/cancel');
  const [text, setText] = useState('');
  const [decision, setDecision] = useState<'repair' | 'exchange' | 'return'>('repair');
  const [reason, setReason] = useState('');
  if (!i.defect && !i.abilities.defect && !i.abilities.cancel && !i.cancelReason) return null;
  return (
    <Card size="small" title={t('install.defect')}>
      {i.defect && (
        <Alert
          type="warning"
          showIcon
          message={`${t(`install.decision.${i.defectDecision ?? 'repair'}`)}：${i.defect}`}
          description={t('install.defectHint')}
        />
      )}
      {i.defectWorkOrder && (
        <Space wrap size={4} style={{ marginTop: 8 }} data-testid="installation-defect-work-order">
          {t('install.defectWorkOrder')}：<Link to={`/work-orders/${i.defectWorkOrder.id}`}>{i.defectWorkOrder.number}</Link>
          <WoStatusTag value={i.defectWorkOrder.status} kind="return_exchange" />
        </Space>
      )}
      {i.cancelReason && <Alert type="info" message={`${t('install.status.cancelled')}：${i.cancelReason}`} />}
      {i.abilities.defect && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Input.TextArea rows={2} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('install.defect')} />
          <Select
            value={decision}
            onChange={setDecision}
            style={{ width: 160 }}
            options={(['repair', 'exchange', 'return'] as const).map((d) => ({ value: d, label: t(`install.decision.${d}`) }))}
          />
          <Button onClick={() => record.mutate({ id: i.id, body: { version: i.version, defect: text, decision } }, { onError: problem })}>
            {t('install.recordDefect')}
          </Button>
        </Space>
      )}
      {i.abilities.cancel && (
        <Space wrap style={{ marginTop: 8 }}>
          <Input placeholder={t('install.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <Button danger onClick={() => cancel.mutate({ id: i.id, body: { version: i.version, reason } }, { onError: problem })}>
            {t('install.cancel')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

// Photos and documents (issue 12 items 0 and 2): one per site-check and commissioning item (ownerPart
// site_check:<key> / commissioning:<key>), the acceptance and handover papers, and the record's own. Who may add follows
// the server's installation owner (attachments.owners): those who notify, work or manage.
function useMayAttach() {
  const work = useAbility('installations.work');
  const notify = useAbility('installations.notify');
  const manage = useAbility('installations.manage');
  return work || notify || manage;
}

function ItemPhotos({ i, part }: { i: Installation; part: string }) {
  const may = useMayAttach();
  return <AttachmentsPanel compact ownerKind="installation" ownerId={i.id} ownerPart={part} canUpload={may && i.status !== 'cancelled'} />;
}

function InstallationAttachments({ i }: { i: Installation }) {
  const { t } = useTranslation();
  const may = useMayAttach() && i.status !== 'cancelled';
  const accepted = i.status === 'accepted' || i.status === 'handed_over';
  return (
    <>
      {accepted && (
        <Card size="small" title={t('install.papers')} data-testid="installation-papers">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong>{t('install.acceptance')}</Typography.Text>
              <AttachmentsPanel compact ownerKind="installation" ownerId={i.id} ownerPart="acceptance" canUpload={may} />
            </Space>
            <Space wrap>
              <Typography.Text strong>{t('install.handover')}</Typography.Text>
              <AttachmentsPanel compact ownerKind="installation" ownerId={i.id} ownerPart="handover" canUpload={may} />
            </Space>
          </Space>
        </Card>
      )}
      <AttachmentsPanel ownerKind="installation" ownerId={i.id} ownerPart="" canUpload={may} />
    </>
  );
}
