// The engineers who can own a van warehouse.
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { request } from '../../api';

export function UserSelectForVan(p: SelectProps) {
  const list = useQuery({
    queryKey: ['/api/v1/parts/engineers'],
    queryFn: () => request<{ id: string; displayName: string; username: string }[]>('GET', '/api/v1/parts/engineers'),
  });
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      loading={list.isFetching}
      options={(list.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
      {...p}
    />
  );
}
