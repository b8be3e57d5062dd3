// The audit trail: every create / update / delete with who and when, a before/after diff per
// entry, and verification of the hash chain (R-AU-1). `/audit?entityId=<id>` shows the history
// of one record, so any detail page can link here.
//
// Not built on ListPage: GET /api/v1/audit takes no `q` or `sort` (strict query, newest first),
// so a search box or sortable columns would only produce 400s.

import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Input, Result, Select, Space, Table, type TableProps, Tag, Tooltip, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api';
import { type AuditEntry, useAuditEntries, useVerifyChain } from '../../../api/hooks/audit';
import { useAbility } from '../../../auth';
import { useListParams } from '../../../components/ListPage';
import { PageTitle } from '../../../components/PageTitle';
import { StaticTable } from '../../../components/StaticTable';
import { term, termValues } from '../../../glossary';

const FILTERS = ['entity', 'entityId', 'action', 'from', 'to'];
const ACTIONS = ['create', 'update', 'delete', 'login', 'sign'];
const ACTION_COLORS: Record<string, string> = { create: 'green', update: 'blue', delete: 'red', login: 'default', sign: 'purple' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

interface DiffRow {
  key: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/** Keys of before ∪ after; changed ones first, each group in the record's own order. */
export function diffOf(before: unknown, after: unknown): DiffRow[] {
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const rows = keys.map((key) => ({ key, before: b[key], after: a[key], changed: JSON.stringify(b[key]) !== JSON.stringify(a[key]) }));
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}

function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const rows = diffOf(entry.before, entry.after);
  if (!rows.length) return <Typography.Text type="secondary">{t('audit.noDiff')}</Typography.Text>;
  const cell = (v: unknown) => <code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{show(v)}</code>;
  return (
    <StaticTable<DiffRow>
      data-testid={`audit-diff-${entry.seq}`}
      rowKey="key"
      dataSource={rows}
      onRow={(r) => ({ 'data-changed': r.changed ? 'true' : 'false', style: r.changed ? { background: token.colorWarningBg } : undefined }) as never}
      columns={[
        { key: 'key', dataIndex: 'key', title: t('audit.field'), render: (v: string, r) => (r.changed ? <Typography.Text strong>{v}</Typography.Text> : v) },
        { key: 'before', dataIndex: 'before', title: t('audit.before'), render: cell, width: '40%' },
        { key: 'after', dataIndex: 'after', title: t('audit.after'), render: cell, width: '40%' },
      ]}
    />
  );
}

function AuditTrail() {
  const { t, i18n } = useTranslation();
  const { value, set } = useListParams(FILTERS);
  // The URL's filters and paging (the audit API takes neither `q` nor `sort`).
  const num = (v: string | undefined) => (v ? Number(v) : undefined);
  const { entity, entityId, action, from, to } = value;
  const list = useAuditEntries({ entity, entityId, action, from, to, page: num(value.page), pageSize: num(value.pageSize) });
  const verify = useVerifyChain();
  const check = verify.data;
  const chain: { type: 'success' | 'error'; text: string } | null = verify.error
    ? { type: 'error', text: verify.error instanceof ApiError ? verify.error.problem.detail : String(verify.error) }
    : check
      ? check.ok
        ? { type: 'success', text: t('audit.verifyOk', { checked: check.checked, batches: check.batches, unsealed: check.unsealed }) }
        : { type: 'error', text: t('audit.verifyBroken', { seq: check.brokenAt, reason: check.reason ? t(`audit.reasons.${check.reason}`) : '' }) }
      : null;
  const actionLabel = (a: string) => t(`audit.actions.${a}`, { defaultValue: a });
  const entityWord = (e: string) => term('entityType', e, i18n.language === 'en-US' ? 'en-US' : 'zh-CN');
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null = value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null;

  const onChange: TableProps<AuditEntry>['onChange'] = (pagination, _f, _s, extra) => {
    if (extra.action === 'paginate') set({ page: String(pagination.current ?? 1), pageSize: String(pagination.pageSize ?? 50) });
  };

  return (
    <Card
      data-testid="audit"
      title={<PageTitle>{value.entityId ? `${t('audit.history')} · ${list.data?.items[0]?.recordLabel ?? value.entityId}` : t('audit.title')}</PageTitle>}
      extra={
        <Button data-testid="audit-verify" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
          {t('audit.verify')}
        </Button>
      }
      styles={{ body: { paddingTop: 12 } }}
    >
      {chain && (
        <Alert
          data-testid="audit-verify-result"
          type={chain.type}
          showIcon
          closable={{ onClose: verify.reset }}
          title={chain.text}
          style={{ marginBottom: 12 }}
        />
      )}
      <Space wrap style={{ marginBottom: 12, width: '100%' }}>
        <Select
          data-testid="audit-filter-entity"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.entity')}
          value={value.entity}
          onChange={(v) => set({ entity: v })}
          options={termValues('entityType').map((e) => ({ value: e, label: entityWord(e) }))}
          style={{ width: 170 }}
        />
        <Input.Search
          key={`entityId:${value.entityId ?? ''}`}
          data-testid="audit-filter-entityId"
          allowClear
          placeholder={t('audit.entityId')}
          defaultValue={value.entityId}
          onSearch={(v) => set({ entityId: v.trim() || undefined })}
          style={{ width: 320, maxWidth: '100%' }}
          maxLength={100}
        />
        <Select
          data-testid="audit-filter-action"
          allowClear
          placeholder={t('audit.action')}
          value={value.action}
          onChange={(v) => set({ action: v })}
          options={ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))}
          style={{ width: 120 }}
        />
        <DatePicker.RangePicker
          id={{ start: 'audit-from', end: 'audit-to' }}
          value={range}
          onChange={(v) =>
            set({
              from: v?.[0] ? v[0].startOf('day').toISOString() : undefined,
              to: v?.[1] ? v[1].endOf('day').toISOString() : undefined,
            })
          }
          style={{ maxWidth: '100%' }}
        />
        <Button icon={<ReloadOutlined />} onClick={() => list.refetch()} aria-label="reload" />
      </Space>
      {list.error && <Typography.Text type="danger">{list.error instanceof ApiError ? list.error.problem.detail : String(list.error)}</Typography.Text>}
      <Table<AuditEntry>
        data-testid="audit-table"
        rowKey="seq"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        onChange={onChange}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (r) => <AuditDiff entry={r} /> }}
        pagination={{
          current: list.data?.page ?? Number(value.page ?? 1),
          pageSize: list.data?.pageSize ?? Number(value.pageSize ?? 50),
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => t('common.total', { total }),
        }}
        columns={[
          { key: 'seq', dataIndex: 'seq', title: t('audit.seq'), align: 'right' },
          {
            key: 'at',
            dataIndex: 'at',
            title: t('audit.at'),
            render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{dayjs(v).format('YYYY-MM-DD HH:mm:ss')}</span>,
          },
          { key: 'actorName', dataIndex: 'actorName', title: t('audit.actor') },
          {
            key: 'entity',
            dataIndex: 'entity',
            title: t('audit.entity'),
            // Entity types in the glossary's words; the code stays the filter value.
            render: (v: string) => (
              <Typography.Link onClick={() => set({ entity: v })} data-testid={`audit-entity-${v}`}>
                {entityWord(v)}
              </Typography.Link>
            ),
          },
          {
            key: 'entityId',
            dataIndex: 'entityId',
            title: t('ux.auditRecord'),
            // The record by its business number or name; the UUID only as a tooltip.
            render: (v: string, r) => (
              <Tooltip title={v}>
                <Typography.Link onClick={() => set({ entityId: v })} style={{ whiteSpace: 'nowrap' }} data-testid={`audit-record-${r.seq}`}>
                  {r.recordLabel ?? <span style={{ fontFamily: 'monospace' }}>{v.slice(0, 8)}…</span>}
                </Typography.Link>
              </Tooltip>
            ),
          },
          {
            key: 'action',
            dataIndex: 'action',
            title: t('audit.action'),
            render: (v: string) => <Tag color={ACTION_COLORS[v]}>{actionLabel(v)}</Tag>,
          },
        ]}
      />
    </Card>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const allowed = useAbility('audit.read');
  if (!allowed) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return <AuditTrail />;
}
