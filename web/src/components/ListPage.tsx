// A list screen over any `GET /api/v1/<resource>` endpoint: search box, filters, column sort
// and paging, all kept in the URL so a list can be bookmarked, shared and survives reload.
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Grid, Input, List, Space, Table, type TableColumnsType, type TableProps, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, download, type ItemOf, type ListPath, type Page, qs } from '../api';
import { listParams, listQuery, takeEarly } from '../api/early';
import { PageTitle } from './PageTitle';

export interface ListPageProps<P extends ListPath, T = ItemOf<P> & object> {
  title: ReactNode;
  /** A list path of the contract (e.g. /api/v1/customers): the rows are typed from it. */
  endpoint: P;
  exportEndpoint?: string;
  exportName?: string;
  columns: TableColumnsType<T>;
  filters?: (f: Filters) => ReactNode;
  filterKeys?: string[];
  extra?: ReactNode;
  testId: string;
  rowKey?: string;
  fixedParams?: Record<string, string>;
  onRow?: TableProps<T>['onRow'];
  compact?: boolean;
  /** Phones (< md): render each row as a card instead of a squeezed table (issue 10 item 15). */
  card?: (row: T) => ListCard;
}

/** What the filter controls get: the URL's values, a setter, and `bind(key)` = value + onChange for a control. */
export interface Filters {
  value: Record<string, string>;
  set: (key: string, v: string | undefined) => void;
  bind: (key: string) => { value: string | undefined; onChange: (v: string | undefined) => void };
}

/** A row as a card on a phone: number, status tag, a few lines (device, deadline, next step), a link. */
export interface ListCard {
  title: ReactNode;
  tag?: ReactNode;
  lines: ReactNode[];
  to?: string;
}

export function useListParams(keys: string[]) {
  const [params, setParams] = useSearchParams();
  const value = listParams(params, keys);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  return { value, set };
}

export function ListPage<P extends ListPath>(props: ListPageProps<P>) {
  type T = ItemOf<P> & object;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { value, set } = useListParams(props.filterKeys ?? []);
  const screens = Grid.useBreakpoint();
  const asCards = !!props.card && screens.md === false;
  const query = { ...value, ...props.fixedParams };
  const { key, load } = listQuery(props.endpoint, query);
  const list = useQuery({
    // The resource's list key, so a mutation in a hook (keysFor(root).lists()) refreshes this list;
    // the first page may already be on its way, asked for at start-up (api/early.ts).
    queryKey: key,
    queryFn: () => takeEarly(key, load),
    placeholderData: keepPreviousData,
  });
  // The page of this path's rows; TypeScript cannot resolve GetData<P> while P is still generic.
  const data = list.data as Page<T> | undefined;
  const sort = value.sort;
  const columns: TableColumnsType<T> = props.columns.map((c) => {
    const key = (c as { key?: string }).key;
    if (!(c as { sorter?: unknown }).sorter || !key) return c;
    const order: SortOrder = sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null;
    return { ...c, sortOrder: order, sorter: true } as (typeof props.columns)[number];
  });
  const onChange: TableProps<T>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = s?.columnKey ? String(s.columnKey) : undefined;
      set({ sort: s?.order && key ? (s.order === 'descend' ? `-${key}` : key) : undefined });
    } else if (extra.action === 'paginate') {
      set({ page: String(pagination.current ?? 1), pageSize: String(pagination.pageSize ?? 20) });
    }
  };
  // The page shown, as the server answered it (or as the URL asks while it loads).
  const paging = { current: data?.page ?? Number(value.page ?? 1), pageSize: data?.pageSize ?? Number(value.pageSize ?? 20), total: data?.total ?? 0 };
  const doExport = async () => {
    if (!props.exportEndpoint) return;
    const { page: _p, pageSize: _s, ...rest } = query;
    try {
      await download(props.exportEndpoint + qs(rest), props.exportName ?? 'export.xlsx');
    } catch (e) {
      message.error(e instanceof ApiError ? e.problem.detail : String(e));
    }
  };

  return (
    <Card
      title={props.compact ? undefined : <PageTitle>{props.title}</PageTitle>}
      size={props.compact ? 'small' : undefined}
      extra={
        props.compact ? undefined : (
          <Space wrap>
            {props.extra}
            {props.exportEndpoint && (
              <Button data-testid={`${props.testId}-export`} icon={<DownloadOutlined />} onClick={doExport}>
                {t('common.export')}
              </Button>
            )}
          </Space>
        )
      }
      styles={{ body: { paddingTop: 12 } }}
    >
      <Space wrap style={{ marginBottom: 12, width: '100%' }}>
        <Input.Search
          data-testid={`${props.testId}-search`}
          allowClear
          placeholder={t('common.searchPlaceholder')}
          defaultValue={value.q}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          style={{ width: 260, maxWidth: '100%' }}
          maxLength={100}
        />
        {props.filters?.({
          value,
          set: (k, v) => set({ [k]: v }),
          bind: (k) => ({ value: value[k], onChange: (v) => set({ [k]: v }) }),
        })}
        <Button icon={<ReloadOutlined />} onClick={() => list.refetch()} aria-label="reload" />
      </Space>
      {list.error && <Typography.Text type="danger">{list.error instanceof ApiError ? list.error.problem.detail : String(list.error)}</Typography.Text>}
      {asCards && props.card ? (
        <List<T>
          data-testid={`${props.testId}-cards`}
          loading={list.isFetching}
          dataSource={data?.items ?? []}
          rowKey={(r) => String((r as Record<string, unknown>)[props.rowKey ?? 'id'])}
          pagination={{
            ...paging,
            size: 'small',
            onChange: (page, pageSize) => set({ page: String(page), pageSize: String(pageSize) }),
          }}
          renderItem={(row) => {
            const c = props.card?.(row) as ListCard;
            const body = (
              <Card size="small" data-testid={`${props.testId}-card`} hoverable={!!c.to} styles={{ body: { padding: 12 } }}>
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Space wrap size={6} style={{ justifyContent: 'space-between', width: '100%' }}>
                    <Typography.Text strong>{c.title}</Typography.Text>
                    {c.tag}
                  </Space>
                  {c.lines.filter(Boolean).map((l, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one card are fixed in number and order
                    <div key={i}>{l}</div>
                  ))}
                </Space>
              </Card>
            );
            return (
              <List.Item style={{ padding: '4px 0', border: 0 }}>
                <div style={{ width: '100%' }}>{c.to ? <Link to={c.to}>{body}</Link> : body}</div>
              </List.Item>
            );
          }}
        />
      ) : (
        <Table<T>
          data-testid={`${props.testId}-table`}
          rowKey={props.rowKey ?? 'id'}
          size="middle"
          loading={list.isFetching}
          columns={columns}
          dataSource={data?.items ?? []}
          onChange={onChange}
          onRow={props.onRow}
          scroll={{ x: 'max-content' }}
          pagination={{
            ...paging,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            // The big lists stop counting at 10,000 (`totalExact: false`): "10000+".
            showTotal: (total) => t('common.total', { total: data?.totalExact === false ? `${total}+` : total }),
          }}
        />
      )}
    </Card>
  );
}
