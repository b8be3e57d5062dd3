// Finding the unit a caller reports: one box searching serial number, UDI, model and
// customer (GET /devices?q=), each option showing model, customer, coverage and status.
import { Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device } from '../../../api/hooks/devices';
import { useDeviceSearch } from '../../../api/hooks/requests';
import { EnumTag } from '../../../components/pickers';

export function DevicePicker({
  value,
  onChange,
  initial,
  testId = 'request-device',
}: {
  value?: string;
  onChange?: (id: string | undefined, device: Device | undefined) => void;
  initial?: Device | null;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useDeviceSearch(q);
  const items = list.data?.items ?? [];
  const all = initial && !items.some((d) => d.id === initial.id) ? [initial, ...items] : items;
  return (
    <Select
      data-testid={testId}
      value={value}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      loading={list.isFetching}
      placeholder={t('service.devicePlaceholder')}
      notFoundContent={list.isFetching ? t('common.loading') : t('common.none')}
      onChange={(id) =>
        onChange?.(
          id as string | undefined,
          all.find((d) => d.id === id),
        )
      }
      optionLabelProp="label"
      options={all.map((d) => ({
        value: d.id,
        label: `${d.serialNumber} · ${d.modelName} · ${d.customerName}`,
        title: d.serialNumber,
        device: d,
      }))}
      optionRender={(o) => {
        const d = (o.data as { device: Device }).device;
        return (
          <Space direction="vertical" size={0} style={{ whiteSpace: 'normal' }}>
            <Space wrap size={4}>
              <strong>{d.serialNumber}</strong>
              <span>{d.modelName}</span>
              <EnumTag ns="device.coverages" value={d.coverage?.category} />
              {d.status !== 'in_service' && <EnumTag ns="device.statuses" value={d.status} />}
              {d.criticality !== 'standard' && <EnumTag ns="model.criticalities" value={d.criticality} />}
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {d.customerName}
              {d.departmentName ? ` · ${d.departmentName}` : ''}
              {d.siteName ? ` · ${d.siteName}` : ''}
              {d.udi ? <Tag style={{ marginInlineStart: 6, fontSize: 11 }}>{d.udi}</Tag> : null}
            </Typography.Text>
          </Space>
        );
      }}
      style={{ width: '100%' }}
    />
  );
}
