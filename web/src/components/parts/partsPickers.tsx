// Selects for the parts screens: parts, warehouses, suppliers and the caller's open work
// orders, searched on the server; and the shared types of the parts API.

import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../../api/schema';
import { type Page, qs, request } from '../../api';

export type Part = components['schemas']['Part'];
export type Warehouse = components['schemas']['Warehouse'];
export type Supplier = components['schemas']['Supplier'];

function Remote<T extends { id: string }>({
  endpoint,
  label,
  params,
  ...rest
}: SelectProps & { endpoint: string; label: (r: T) => string; params?: Record<string, string | undefined> }) {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: [endpoint, 'pick', q, params],
    queryFn: () => request<Page<T>>('GET', endpoint + qs({ q, pageSize: 50, ...params })),
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      options={(list.data?.items ?? []).map((r) => ({ value: r.id, label: label(r) }))}
      loading={list.isFetching}
      {...rest}
    />
  );
}

export const PartSelect = (p: SelectProps) => <Remote<Part> endpoint="/api/v1/parts/catalog" label={(r) => `${r.code} · ${r.name}`} {...p} />;
export const SupplierSelect = (p: SelectProps) => <Remote<Supplier> endpoint="/api/v1/parts/suppliers" label={(r) => `${r.name} (${r.code})`} {...p} />;
export const WarehouseSelect = ({ kind, ...p }: SelectProps & { kind?: string }) => (
  <Remote<Warehouse> endpoint="/api/v1/parts/warehouses" label={(r) => `${r.name} (${r.code})`} params={kind ? { kind } : undefined} {...p} />
);

interface WorkOrderItem {
  id: string;
  number: string;
  serialNumber: string;
  modelName: string;
  urgency: string;
  customerName?: string;
}
const OPEN = 'dispatched,accepted,on_the_way,on_site,waiting_parts,taken_back';
export const WorkOrderSelect = ({ mine, ...p }: SelectProps & { mine?: boolean }) => (
  <Remote<WorkOrderItem>
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
