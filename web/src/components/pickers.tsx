// Remote-search selects for references (customer, model, device, department, site), and
// enum selects whose labels come from the translations.
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Page, qs, request } from '../api';

interface Named {
  id: string;
  name?: string;
  code?: string;
  serialNumber?: string;
  modelName?: string;
  customerName?: string;
}

function RemoteSelect({
  endpoint,
  label,
  params,
  ...rest
}: SelectProps & { endpoint: string; label: (r: Named) => string; params?: Record<string, string | undefined> }) {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: [endpoint, 'pick', q, params],
    queryFn: () => request<Page<Named>>('GET', endpoint + qs({ q, pageSize: 50, ...params })),
    enabled: !params || Object.values(params).every((v) => v !== undefined),
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

export const CustomerSelect = (p: SelectProps) => <RemoteSelect endpoint="/api/v1/customers" label={(r) => `${r.name} (${r.code})`} {...p} />;
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
  customerId ? <RemoteSelect endpoint="/api/v1/departments" label={(r) => r.name ?? ''} params={{ customerId }} {...p} /> : <Select disabled {...p} />;
export const SiteSelect = ({ customerId, ...p }: SelectProps & { customerId?: string }) =>
  customerId ? <RemoteSelect endpoint="/api/v1/sites" label={(r) => r.name ?? ''} params={{ customerId }} {...p} /> : <Select disabled {...p} />;

/** A select over a translated enum, e.g. <EnumSelect ns="device.statuses" values={[...]} />. */
export function EnumSelect({ ns, values, ...rest }: SelectProps & { ns: string; values: readonly string[] }) {
  const { t } = useTranslation();
  return <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={values.map((v) => ({ value: v, label: t(`${ns}.${v}`) }))} {...rest} />;
}

const COLORS: Record<string, string> = {
  in_service: 'green',
  down: 'red',
  safety_hold: 'orange',
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
