// Remote-search selects for references (customer, model, device, department, site), and
// enum selects whose labels come from the translations.
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getPage, type ItemOf, type ListPath, type Page } from '../api';
import { useMyUnits } from '../api/hooks/units';
import { keysFor, rootOf } from '../api/keys';

/** A select searching a list path of the contract: `label` gets that path's rows. */
function RemoteSelect<P extends ListPath>({
  endpoint,
  label,
  params,
  ...rest
}: SelectProps & { endpoint: P; label: (r: ItemOf<P>) => string; params?: Record<string, string | undefined> }) {
  const [q, setQ] = useState('');
  const query: Record<string, string | number> = { pageSize: 50 };
  if (q) query.q = q;
  for (const [k, v] of Object.entries(params ?? {})) if (v) query[k] = v;
  const list = useQuery({
    // The resource's list key, so a write to it (keysFor(root).lists()) refreshes the options.
    queryKey: keysFor(rootOf(endpoint)).list(endpoint, query),
    queryFn: () => getPage(endpoint, query),
    enabled: !params || Object.values(params).every((v) => v !== undefined),
  });
  // The page of this path's rows; TypeScript cannot resolve GetData<P> while P is still generic.
  const rows = (list.data as Page<ItemOf<P> & { id: string }> | undefined)?.items ?? [];
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      options={rows.map((r) => ({ value: r.id, label: label(r) }))}
      loading={list.isFetching}
      {...rest}
    />
  );
}

export const CustomerSelect = (p: SelectProps) => <RemoteSelect endpoint="/api/v1/customers" label={(r) => `${r.name} (${r.code})`} {...p} />;
/** R-ORG-1: a branch / service centre / team. */
export const UnitSelect = (p: SelectProps) => <RemoteSelect endpoint="/api/v1/units" label={(r) => `${r.name} (${r.code})`} {...p} />;
/**
 * R-ORG-1: the unit filter of the work-order, request, device and daily-report screens. A branch
 * manager (the manager of a unit) sees his unit preselected once, when the URL names none.
 */
export function UnitFilter({
  value,
  onChange,
  ...p
}: Omit<SelectProps, 'value' | 'onChange'> & { value: string | undefined; onChange: (v: string | undefined) => void }) {
  const mine = useMyUnits();
  const done = useRef(false);
  useEffect(() => {
    if (done.current || !mine.data) return;
    done.current = true;
    const first = mine.data.items[0];
    if (!value && first) onChange(first.id);
  }, [mine.data, value, onChange]);
  return <UnitSelect value={value} onChange={(v) => onChange(v ?? undefined)} data-testid="filter-unit" {...p} />;
}
/** Staff who can manage a unit (service managers). */
export const ManagerSelect = (p: SelectProps) => (
  <RemoteSelect endpoint="/api/v1/users" params={{ role: 'service_manager' }} label={(r) => `${r.displayName} (${r.username})`} {...p} />
);
export const ModelSelect = (p: SelectProps) => <RemoteSelect endpoint="/api/v1/device-models" label={(r) => `${r.name} (${r.code})`} {...p} />;
export const DeviceSelect = (p: SelectProps & { customerId?: string }) => (
  <RemoteSelect
    endpoint="/api/v1/devices"
    label={(r) => `${r.serialNumber} · ${r.modelName ?? ''}`}
    params={p.customerId ? { customerId: p.customerId } : undefined}
    {...p}
  />
);
export const DepartmentSelect = ({ customerId, ...p }: SelectProps & { customerId?: string }) =>
  customerId ? <RemoteSelect endpoint="/api/v1/departments" label={(r) => r.name} params={{ customerId }} {...p} /> : <Select disabled {...p} />;
export const SiteSelect = ({ customerId, ...p }: SelectProps & { customerId?: string }) =>
  customerId ? <RemoteSelect endpoint="/api/v1/sites" label={(r) => r.name} params={{ customerId }} {...p} /> : <Select disabled {...p} />;

/** A select over a translated enum, e.g. <EnumSelect ns="device.statuses" values={[...]} />. */
export function EnumSelect({ ns, values, ...rest }: SelectProps & { ns: string; values: readonly string[] }) {
  const { t } = useTranslation();
  return <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={values.map((v) => ({ value: v, label: t(`${ns}.${v}`) }))} {...rest} />;
}

const COLORS: Record<string, string> = {
  in_service: 'green',
  down: 'red',
  safety_hold: 'red',
  retired: 'default',
  warranty: 'blue',
  contract: 'geekblue',
  paid: 'gold',
  active: 'green',
  upcoming: 'blue',
  expired: 'default',
  life_support: 'red',
  critical_diagnostic: 'orange',
  standard: 'default',
  urban: 'default',
  suburban: 'cyan',
  remote: 'purple',
};

export function EnumTag({ ns, value }: { ns: string; value: string | null | undefined }) {
  const { t } = useTranslation();
  if (!value) return null;
  return <Tag color={COLORS[value]}>{t(`${ns}.${value}`)}</Tag>;
}

export const ENUMS = {
  customerKinds: ['hospital', 'clinic', 'distributor', 'other'],
  regions: ['urban', 'suburban', 'remote'],
  deviceStatuses: ['in_service', 'down', 'safety_hold', 'retired'],
  categories: [
    'pathology_stainer',
    'tissue_processor',
    'microtome',
    'ct',
    'mri',
    'xray',
    'ultrasound',
    'ventilator',
    'anesthesia',
    'patient_monitor',
    'infusion_pump',
    'linac',
    'laboratory',
    'other',
  ],
  criticalities: ['life_support', 'critical_diagnostic', 'standard'],
  regulatoryClasses: ['I', 'II', 'III'],
  contractKinds: ['warranty', 'maintenance', 'paid'],
  contractStates: ['active', 'upcoming', 'expired'],
  coverages: ['warranty', 'contract', 'paid'],
} as const;
