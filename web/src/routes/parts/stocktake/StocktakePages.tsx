// Stocktaking (R-PT-4): count sheets per warehouse; counted vs booked, a reason for every
// variance, submitted by the parts administrator and approved by the service manager, whose
// approval posts the variances as ledger adjustments.

import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api';
import {
  type StocktakeLine as Line,
  type Stocktake as Sheet,
  useCountStocktake,
  useCreateStocktake,
  useDecideStocktake,
  useStocktake,
  useSubmitStocktake,
} from '../../../api/hooks/stocktakes';
import { useAbility } from '../../../auth';
import { Dialog } from '../../../components/Dialog';
import { ListPage } from '../../../components/ListPage';
import { StaticTable } from '../../../components/StaticTable';
import { PartSelect, PartsTag, WarehouseSelect } from '../partsPickers';

const problemText = (e: unknown) => (e instanceof ApiError ? e.problem.detail : String(e));

export function StocktakesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const canCount = useAbility('parts.stocktake');
  const [open, setOpen] = useState(false);
  const [warehouseId, setWarehouseId] = useState<string | undefined>();
  const add = useCreateStocktake();
  const create = () => {
    if (!warehouseId) return;
    add.mutate(
      { warehouseId },
      {
        onSuccess: (s) => {
          setOpen(false);
          navigate(`/parts/stocktakes/${s.id}`);
        },
        onError: (e) => message.error(problemText(e)),
      },
    );
  };
  return (
    <>
      <ListPage
        testId="stocktakes"
        title={t('parts.menu.stocktakes')}
        endpoint="/api/v1/parts/stocktakes"
        extra={
          canCount && (
            <Button data-testid="stocktake-create" type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {t('parts.stocktake.create')}
            </Button>
          )
        }
        columns={[
          { key: 'number', dataIndex: 'number', title: t('parts.stocktake.number'), render: (v, r) => <Link to={`/parts/stocktakes/${r.id}`}>{v}</Link> },
          { key: 'warehouse', dataIndex: 'warehouseName', title: t('parts.warehouse') },
          { key: 'status', dataIndex: 'status', title: t('parts.status'), render: (v) => <PartsTag ns="statuses" value={v} /> },
          { key: 'by', dataIndex: 'createdByName', title: t('parts.stocktake.by') },
          { key: 'createdAt', dataIndex: 'createdAt', title: t('common.createdAt'), render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { key: 'approvedByName', dataIndex: 'approvedByName', title: t('parts.approvedBy') },
        ]}
      />
      <Dialog
        open={open}
        title={t('parts.stocktake.create')}
        onCancel={() => setOpen(false)}
        onOk={create}
        confirmLoading={add.isPending}
        okText={t('common.create')}
        okTestId="stocktake-create-ok"
        okButtonProps={{ disabled: !warehouseId }}
        destroyOnHidden={false}
      >
        <Typography.Paragraph type="secondary">{t('parts.stocktake.createHint')}</Typography.Paragraph>
        <WarehouseSelect
          data-testid="stocktake-warehouse"
          value={warehouseId}
          onChange={setWarehouseId}
          style={{ width: '100%' }}
          placeholder={t('parts.warehouse')}
        />
      </Dialog>
    </>
  );
}

/** A part on the shelf that the books do not show: added to the sheet with its count. */
function FoundPart({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [partId, setPartId] = useState<string | undefined>();
  const [lot, setLot] = useState('');
  const [qty, setQty] = useState<number | null>(1);
  const [reason, setReason] = useState('');
  const count = useCountStocktake();
  const add = () => {
    if (!partId || qty === null) return;
    count.mutate(
      { id: sheet.id, version: sheet.version, lines: [{ partId, lot: lot.trim() || null, countedQty: qty, reason: reason.trim() || null }] },
      {
        onSuccess: () => {
          setPartId(undefined);
          setLot('');
          setReason('');
        },
        onError: (e) => message.error(problemText(e)),
      },
    );
  };
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary">{t('parts.stocktake.found')}</Typography.Text>
      <PartSelect value={partId} onChange={setPartId} placeholder={t('parts.part')} style={{ width: 220 }} />
      <Input value={lot} onChange={(e) => setLot(e.target.value)} placeholder={t('parts.lot')} style={{ width: 140 }} maxLength={100} />
      <InputNumber min={0} precision={0} value={qty} onChange={setQty} style={{ width: 90 }} />
      <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('parts.stocktake.reason')} style={{ width: 200 }} maxLength={500} />
      <Button onClick={add} disabled={!partId || qty === null} loading={count.isPending}>
        {t('parts.stocktake.addFound')}
      </Button>
    </Space>
  );
}

export function StocktakeDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const sheet = useStocktake(id);
  const count = useCountStocktake();
  const submitSheet = useSubmitStocktake();
  const decideSheet = useDecideStocktake();
  const busy = count.isPending || submitSheet.isPending || decideSheet.isPending;
  const [counts, setCounts] = useState<Record<string, { countedQty: number | null; reason: string }>>({});
  const s = sheet.data;
  useEffect(() => {
    if (!s) return;
    setCounts(Object.fromEntries(s.lines.map((l) => [l.id, { countedQty: l.countedQty, reason: l.reason ?? '' }])));
  }, [s]);
  if (!s) return <Card loading />;
  // What this sheet allows the caller comes from the server (issue 11 item 3).
  const editable = s.abilities.count;

  const outcome = (done: string) => ({ onSuccess: () => message.success(done), onError: (e: Error) => message.error(problemText(e)) });
  const save = () => {
    const lines = s.lines
      .filter((l) => counts[l.id]?.countedQty !== null && counts[l.id]?.countedQty !== undefined)
      .map((l) => ({ lineId: l.id, countedQty: counts[l.id].countedQty as number, reason: counts[l.id].reason.trim() || null }));
    if (lines.length) count.mutate({ id: s.id, version: s.version, lines }, outcome(t('common.saved')));
    else message.success(t('common.saved'));
  };
  const submit = () => submitSheet.mutate(s, outcome(t('parts.stocktake.submitted')));
  const decide = (approve: boolean) =>
    decideSheet.mutate({ id: s.id, version: s.version, approve }, outcome(approve ? t('parts.stocktake.approved') : t('parts.stocktake.rejected')));
  const dirty = s.lines.some((l) => (counts[l.id]?.countedQty ?? null) !== l.countedQty || (counts[l.id]?.reason ?? '') !== (l.reason ?? ''));

  return (
    <Card
      title={
        <Space>
          {`${t('parts.stocktake.title')} ${s.number}`}
          <PartsTag ns="statuses" value={s.status} />
        </Space>
      }
      extra={
        <Space wrap>
          {editable && (
            <>
              <Button data-testid="stocktake-save" onClick={save} loading={busy} disabled={!dirty}>
                {t('common.save')}
              </Button>
              {s.abilities.submit && (
                <Button data-testid="stocktake-submit" type="primary" onClick={submit} loading={busy} disabled={dirty}>
                  {t('parts.stocktake.submit')}
                </Button>
              )}
            </>
          )}
          {s.abilities.decide && (
            <>
              <Button data-testid="stocktake-reject" onClick={() => decide(false)} loading={busy}>
                {t('parts.stocktake.reject')}
              </Button>
              <Button data-testid="stocktake-approve" type="primary" onClick={() => decide(true)} loading={busy}>
                {t('parts.stocktake.approve')}
              </Button>
            </>
          )}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('parts.warehouse')}>{s.warehouseName}</Descriptions.Item>
        <Descriptions.Item label={t('parts.stocktake.by')}>{s.createdByName}</Descriptions.Item>
        <Descriptions.Item label={t('parts.approvedBy')}>{s.approvedByName ?? '—'}</Descriptions.Item>
      </Descriptions>
      {s.status === 'submitted' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('parts.stocktake.waiting')} />}
      {editable && <FoundPart sheet={s} />}
      <Form component={false}>
        <StaticTable<Line>
          data-testid="stocktake-lines"
          dataSource={s.lines}
          columns={[
            { key: 'code', dataIndex: 'partCode', title: t('parts.code') },
            { key: 'name', dataIndex: 'partName', title: t('parts.name') },
            { key: 'lot', dataIndex: 'lot', title: t('parts.lot') },
            { key: 'cond', dataIndex: 'condition', title: t('parts.condition'), render: (v) => <PartsTag ns="conditions" value={v} /> },
            { key: 'booked', dataIndex: 'bookedQty', title: t('parts.stocktake.booked'), align: 'right' },
            {
              key: 'counted',
              title: t('parts.stocktake.counted'),
              render: (_, l) =>
                editable ? (
                  <InputNumber
                    data-testid={`count-${l.partCode}-${l.lot || 'x'}-${l.condition}`}
                    min={0}
                    precision={0}
                    value={counts[l.id]?.countedQty ?? null}
                    onChange={(v) => setCounts((c) => ({ ...c, [l.id]: { countedQty: v ?? null, reason: c[l.id]?.reason ?? '' } }))}
                    style={{ width: 90 }}
                  />
                ) : (
                  (l.countedQty ?? '—')
                ),
            },
            {
              key: 'variance',
              title: t('parts.stocktake.variance'),
              align: 'right',
              render: (_, l) => {
                const c = counts[l.id]?.countedQty;
                const v = c === null || c === undefined ? null : c - l.bookedQty;
                return v === null ? '—' : <Typography.Text type={v === 0 ? undefined : 'danger'}>{v > 0 ? `+${v}` : v}</Typography.Text>;
              },
            },
            {
              key: 'reason',
              title: t('parts.stocktake.reason'),
              render: (_, l) =>
                editable ? (
                  <Input
                    data-testid={`reason-${l.partCode}-${l.lot || 'x'}-${l.condition}`}
                    maxLength={500}
                    value={counts[l.id]?.reason ?? ''}
                    onChange={(e) => setCounts((c) => ({ ...c, [l.id]: { countedQty: c[l.id]?.countedQty ?? null, reason: e.target.value } }))}
                    style={{ width: 240 }}
                  />
                ) : (
                  l.reason
                ),
            },
          ]}
        />
      </Form>
    </Card>
  );
}
