// 续约跟进 (issue 13 §3, R-CT-1; seed 002 §15 销售跟进续约): the renewal pipeline as a kanban, one
// column per stage. Drag a card to another column (or pick "move to" on a phone) to move it; a
// quote, a lost reason or the won confirmation opens a dialog. Filters: salesperson and expiry
// month. The notice days setting sits behind a button for those allowed to change it.
import { Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { download } from '../../../api';
import {
  type Renewal,
  type RenewalStage,
  useAssignRenewal,
  useMoveRenewal,
  useRenewalOwners,
  useRenewalPriceListQuote,
  useRenewalSettings,
  useRenewals,
  useSaveRenewalSettings,
} from '../../../api/hooks/renewals';
import { useAbility } from '../../../auth';
import { Dialog } from '../../../components/Dialog';
import { PageTitle } from '../../../components/PageTitle';
import { fieldErrorsThen } from '../../../components/RecordForm';
import { termValues } from '../../../glossary';
import { useProblem } from '../../care/common';

const STAGES = termValues('renewalStage') as RenewalStage[];
const COLOR: Record<RenewalStage, string> = { notice_sent: 'blue', visited: 'cyan', quoted: 'gold', won: 'green', lost: 'default' };

type Pending = { renewal: Renewal; to: RenewalStage } | null;

function MoveDialog({ pending, onClose }: { pending: Pending; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const move = useMoveRenewal();
  const problem = useProblem();
  const [years, setYears] = useState(1);
  const [fromList, setFromList] = useState(true);
  const quoting = pending !== null && (pending.to === 'quoted' || pending.to === 'won');
  const priced = useRenewalPriceListQuote(quoting ? pending.renewal.id : null, years);
  const amount = Form.useWatch('quoteAmount', form);
  if (!pending) return null;
  const { renewal: r, to } = pending;
  const list = priced.data && Number(priced.data.total) > 0 ? priced.data : null;
  const useList = quoting && fromList && list !== null;
  const overridden = useList && amount != null && Number(amount) !== Number(list.total);
  const title = to === 'quoted' ? t('renewals.quoteTitle') : to === 'lost' ? t('renewals.lostTitle') : t('renewals.wonTitle');
  return (
    <Dialog
      open
      title={`${title} · ${r.contractNumber ?? r.deviceLabel ?? ''}`}
      okTestId="renewal-move-ok"
      confirmLoading={move.isPending}
      onCancel={onClose}
      onOk={() =>
        form.validateFields().then((v) =>
          move.mutate(
            {
              id: r.id,
              version: r.version,
              stage: to,
              ...(v.quoteAmount !== undefined && v.quoteAmount !== null ? { quoteAmount: String(v.quoteAmount) } : {}),
              ...(useList ? { fromPriceList: true, years } : {}),
              ...(overridden ? { quoteOverrideReason: v.quoteOverrideReason } : {}),
              ...(v.lostReason ? { lostReason: v.lostReason } : {}),
              ...(v.endDate ? { endDate: (v.endDate as Dayjs).format('YYYY-MM-DD') } : {}),
            },
            { onSuccess: onClose, onError: fieldErrorsThen(form, problem) },
          ),
        )
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ quoteAmount: r.quoteAmount ? Number(r.quoteAmount) : r.contractPrice ? Number(r.contractPrice) : undefined }}
      >
        {to === 'won' && <Typography.Paragraph type="secondary">{t('renewals.wonHint')}</Typography.Paragraph>}
        {quoting && list && (
          <Space direction="vertical" size={4} style={{ width: '100%', marginBottom: 12 }} data-testid="renewal-price-list">
            <Space wrap>
              <Checkbox checked={fromList} onChange={(e) => setFromList(e.target.checked)} data-testid="renewal-from-price-list">
                {t('renewals.fromPriceList')}
              </Checkbox>
              <InputNumber min={1} max={10} value={years} onChange={(n) => n && setYears(n)} addonAfter={t('renewals.years')} style={{ width: 130 }} />
            </Space>
            {list.lines.map((l) => (
              <Typography.Text key={l.deviceId} type={l.basis === 'none' ? 'danger' : 'secondary'}>
                {l.modelName} {l.serialNumber}：{l.annualPrice ?? t('renewals.unpriced')} × {l.years} = {l.amount}
              </Typography.Text>
            ))}
            <Space>
              <Typography.Text strong>
                {t('renewals.computed')} {list.total} {list.currency}
              </Typography.Text>
              {useList && (
                <Button size="small" onClick={() => form.setFieldValue('quoteAmount', Number(list.total))}>
                  {t('renewals.useComputed')}
                </Button>
              )}
            </Space>
          </Space>
        )}
        {(to === 'quoted' || to === 'won') && (
          <Form.Item name="quoteAmount" label={`${t('renewals.f.quote')} (${r.quoteCurrency})`} rules={[{ required: to === 'quoted' }]}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="renewal-quote" />
          </Form.Item>
        )}
        {overridden && (
          <Form.Item name="quoteOverrideReason" label={t('renewals.overrideReason')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={500} data-testid="renewal-override-reason" />
          </Form.Item>
        )}
        {to === 'won' && (
          <Form.Item name="endDate" label={t('renewals.f.endDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        {to === 'lost' && (
          <Form.Item name="lostReason" label={t('renewals.f.lostReason')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="renewal-lost-reason" />
          </Form.Item>
        )}
      </Form>
    </Dialog>
  );
}

function SettingsButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const s = useRenewalSettings();
  const save = useSaveRenewalSettings();
  const problem = useProblem();
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="renewal-settings">
        {t('renewals.settings.title')}
      </Button>
      {open && s.data && (
        <Dialog
          open
          title={t('renewals.settings.title')}
          onCancel={() => setOpen(false)}
          confirmLoading={save.isPending}
          onOk={() =>
            form
              .validateFields()
              .then((v) => save.mutate({ version: s.data.version, ...v }, { onSuccess: () => setOpen(false), onError: fieldErrorsThen(form, problem) }))
          }
        >
          <Form form={form} layout="vertical" initialValues={{ customerNoticeDays: s.data.customerNoticeDays, salesNoticeDays: s.data.salesNoticeDays }}>
            <Form.Item name="customerNoticeDays" label={t('renewals.settings.customerDays')} rules={[{ required: true }]}>
              <InputNumber min={1} max={365} />
            </Form.Item>
            <Form.Item name="salesNoticeDays" label={t('renewals.settings.salesDays')} rules={[{ required: true }]}>
              <InputNumber min={1} max={365} />
            </Form.Item>
          </Form>
        </Dialog>
      )}
    </>
  );
}

function RenewalCard({ r, onMove, canManage }: { r: Renewal; onMove: (to: RenewalStage) => void; canManage: boolean }) {
  const { t } = useTranslation();
  const owners = useRenewalOwners(canManage);
  const assign = useAssignRenewal();
  const problem = useProblem();
  const closed = r.stage === 'won' || r.stage === 'lost';
  return (
    <Card
      size="small"
      draggable={canManage && !closed}
      onDragStart={(e: DragEvent) => e.dataTransfer.setData('text/plain', r.id)}
      style={{ marginBottom: 8, cursor: canManage && !closed ? 'grab' : 'default' }}
      data-testid={`renewal-card-${r.contractNumber ?? r.deviceLabel}`}
    >
      <Space direction="vertical" size={2} style={{ width: '100%' }}>
        <Typography.Text strong>{r.customerName}</Typography.Text>
        {r.contractNumber ? (
          <Link to={`/contracts?q=${encodeURIComponent(r.contractNumber)}`}>{r.contractNumber}</Link>
        ) : (
          r.deviceId && <Link to={`/devices/${r.deviceId}`}>{r.deviceLabel}</Link>
        )}
        <Space size={4} wrap>
          <Tag>{t(`renewals.sources.${r.source}`)}</Tag>
          <Typography.Text type="secondary">
            {t('renewals.f.expiresOn')} {r.expiresOn}
          </Typography.Text>
        </Space>
        <Typography.Text type="secondary">
          {t('renewals.f.devices')} {r.deviceCount}
          {r.quoteAmount && ` · ${t('renewals.f.quote')} ${r.quoteAmount} ${r.quoteCurrency}`}
        </Typography.Text>
        {r.quoteLines && r.quoteLines.length > 0 && (
          <div data-testid="renewal-quote-lines" style={{ fontSize: 12 }}>
            {r.quoteLines.map((l) => (
              <div key={l.deviceId}>
                {l.serialNumber}：{l.annualPrice ?? '—'} × {l.years} = {l.amount}
              </div>
            ))}
            <Typography.Text type="secondary">
              {t('renewals.computed')} {r.quoteComputed}
              {r.quoteOverrideReason && ` · ${t('renewals.overrideReason')}：${r.quoteOverrideReason}`}
            </Typography.Text>
          </div>
        )}
        {r.lostReason && <Typography.Text type="secondary">{r.lostReason}</Typography.Text>}
        {r.newContractNumber && (
          <Typography.Text>
            {t('renewals.f.newContract')}: <Link to={`/contracts?q=${encodeURIComponent(r.newContractNumber)}`}>{r.newContractNumber}</Link>
          </Typography.Text>
        )}
        {canManage && !closed ? (
          <Space size={4} wrap>
            <Select
              size="small"
              style={{ minWidth: 120 }}
              value={r.ownerId ?? undefined}
              placeholder={t('renewals.unassigned')}
              options={(owners.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              onChange={(ownerId) => assign.mutate({ id: r.id, version: r.version, ownerId }, { onError: problem })}
              data-testid={`renewal-owner-${r.contractNumber ?? r.deviceLabel}`}
            />
            <Select
              size="small"
              style={{ minWidth: 100 }}
              placeholder={t('renewals.moveTo')}
              value={null}
              options={STAGES.filter((s) => s !== r.stage || s === 'quoted').map((s) => ({ value: s, label: t(`renewals.stages.${s}`) }))}
              onChange={(s) => s && onMove(s)}
              data-testid={`renewal-move-to-${r.contractNumber ?? r.deviceLabel}`}
            />
          </Space>
        ) : (
          <Typography.Text type="secondary">
            {t('renewals.f.owner')}: {r.ownerName ?? t('renewals.unassigned')}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}

export function RenewalsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const ownerId = params.get('owner') ?? undefined;
  const month = params.get('month') ?? undefined;
  const contractId = params.get('contract') ?? undefined;
  const canManage = useAbility('renewals.manage');
  const canSettings = useAbility('renewals.settings');
  const owners = useRenewalOwners();
  const list = useRenewals({
    pageSize: 200,
    sort: 'expiresOn',
    ...(ownerId ? { ownerId } : {}),
    ...(month ? { month } : {}),
    ...(contractId ? { contractId } : {}),
  });
  const move = useMoveRenewal();
  const problem = useProblem();
  const [pending, setPending] = useState<Pending>(null);
  const [over, setOver] = useState<RenewalStage | null>(null);
  const items = list.data?.items ?? [];
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const requestMove = (r: Renewal, to: RenewalStage) => {
    if (to === r.stage && to !== 'quoted') return;
    if (to === 'quoted' || to === 'lost' || to === 'won') setPending({ renewal: r, to });
    else move.mutate({ id: r.id, version: r.version, stage: to }, { onError: problem });
  };
  const drop = (to: RenewalStage) => (e: DragEvent) => {
    e.preventDefault();
    setOver(null);
    const r = items.find((x) => x.id === e.dataTransfer.getData('text/plain'));
    if (r) requestMove(r, to);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="renewals-pipeline">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('renewals.menu.pipeline')}</PageTitle>
        <Space wrap>
          <Select
            allowClear
            style={{ minWidth: 160 }}
            placeholder={t('renewals.f.owner')}
            value={ownerId}
            options={(owners.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
            onChange={(v) => set('owner', v)}
            data-testid="renewals-filter-owner"
          />
          <DatePicker picker="month" placeholder={t('renewals.f.month')} onChange={(v) => set('month', v ? v.format('YYYY-MM') : undefined)} />
          {contractId && <Button onClick={() => set('contract', undefined)}>{t('renewals.all')}</Button>}
          <Button
            onClick={() => {
              const q = new URLSearchParams({ ...(ownerId ? { ownerId } : {}), ...(month ? { month } : {}), ...(contractId ? { contractId } : {}) });
              void download(`/api/v1/renewals/export?${q}`, 'renewals.xlsx');
            }}
            data-testid="renewals-export"
          >
            {t('common.export')}
          </Button>
          {canSettings && <SettingsButton />}
        </Space>
      </Space>
      {canManage && <Typography.Text type="secondary">{t('renewals.dragHint')}</Typography.Text>}
      <div style={{ display: 'flex', gap: 12, overflowX: 'auto', alignItems: 'flex-start', paddingBottom: 8 }}>
        {STAGES.map((stage) => {
          const cards = items.filter((r) => r.stage === stage);
          return (
            <div
              key={stage}
              role="listbox"
              aria-label={t(`renewals.stages.${stage}`)}
              tabIndex={-1}
              onDragOver={(e) => {
                e.preventDefault();
                setOver(stage);
              }}
              onDragLeave={() => setOver(null)}
              onDrop={drop(stage)}
              data-testid={`renewal-column-${stage}`}
              style={{
                flex: '0 0 260px',
                minHeight: 200,
                background: over === stage ? '#e6f4ff' : '#fafafa',
                border: '1px solid #f0f0f0',
                borderRadius: 8,
                padding: 8,
              }}
            >
              <Space style={{ marginBottom: 8 }}>
                <Tag color={COLOR[stage]}>{t(`renewals.stages.${stage}`)}</Tag>
                <Typography.Text type="secondary">{cards.length}</Typography.Text>
              </Space>
              {cards.map((r) => (
                <RenewalCard key={r.id} r={r} canManage={canManage} onMove={(to) => requestMove(r, to)} />
              ))}
            </div>
          );
        })}
      </div>
      <MoveDialog pending={pending} onClose={() => setPending(null)} />
    </Space>
  );
}
