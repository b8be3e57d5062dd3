// Selects for the parts screens: parts, warehouses, suppliers and the caller's open work
// orders, searched on the server (types of the parts API: api/hooks/parts).

import { Select, type SelectProps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemOf, Page } from '../../api';
import { usePick } from '../../api/hooks/parts';

type PickPath = '/api/v1/parts/catalog' | '/api/v1/parts/suppliers' | '/api/v1/parts/warehouses' | '/api/v1/work-orders';

function Remote<P extends PickPath>({
  endpoint,
  label,
  params,
  ...rest
}: SelectProps & { endpoint: P; label: (r: ItemOf<P>) => string; params?: Record<string, string | undefined> }) {
  const [q, setQ] = useState('');
  const list = usePick(endpoint, { q: q || undefined, pageSize: 50, ...params });
  // The page of this path's rows; TypeScript cannot resolve GetData<P> while P is still generic.
  const items = (list.data as Page<ItemOf<P> & { id: string }> | undefined)?.items ?? [];
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      options={items.map((r) => ({ value: r.id, label: label(r) }))}
      loading={list.isFetching}
      {...rest}
    />
  );
}

export const PartSelect = (p: SelectProps) => <Remote endpoint="/api/v1/parts/catalog" label={(r) => `${r.code} · ${r.name}`} {...p} />;
export const SupplierSelect = (p: SelectProps) => <Remote endpoint="/api/v1/parts/suppliers" label={(r) => `${r.name} (${r.code})`} {...p} />;
export const WarehouseSelect = ({ kind, ...p }: SelectProps & { kind?: string }) => (
  <Remote endpoint="/api/v1/parts/warehouses" label={(r) => `${r.name} (${r.code})`} params={kind ? { kind } : undefined} {...p} />
);

const OPEN = 'dispatched,accepted,on_the_way,on_site,waiting_parts,taken_back';
export const WorkOrderSelect = ({ mine, ...p }: SelectProps & { mine?: boolean }) => (
  <Remote
    endpoint="/api/v1/work-orders"
    label={(r) => `${r.number} · ${r.serialNumber} · ${r.modelName}${r.urgency === 'emergency' ? ' ⚠' : ''}`}
    params={{ status: OPEN, ...(mine ? { mine: 'true' } : {}) }}
    {...p}
  />
);

const COLORS: Record<string, string> = {
  central: 'blue',
  emergency: 'red',
  van: 'cyan',
  receipt: 'green',
  issue: 'orange',
  return_faulty: 'volcano',
  transfer_out: 'purple',
  transfer_in: 'geekblue',
  adjustment: 'gold',
  good: 'green',
  faulty: 'red',
  draft: 'default',
  submitted: 'processing',
  approved: 'green',
  rejected: 'red',
  counting: 'processing',
  open: 'processing',
  received: 'green',
  cancelled: 'default',
};

/** A translated tag for a parts enum value, e.g. <PartsTag ns="kinds" value="issue" />. */
export function PartsTag({ ns, value }: { ns: string; value: string | null | undefined }) {
  const { t } = useTranslation();
  if (!value) return null;
  return <Tag color={COLORS[value]}>{t(`parts.${ns}.${value}`)}</Tag>;
}

/** "12800.5" → "12,800.50" without floating point. */
export function money(v: string | null | undefined): string {
  if (v === null || v === undefined) return '';
  const [int, frac = ''] = v.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0').slice(0, 2)}`;
}
