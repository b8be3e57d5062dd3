// The engineers who can own a van warehouse.
import { Select, type SelectProps } from 'antd';
import { useEngineers } from '../../../../api/hooks/parts';

export function UserSelectForVan(p: SelectProps) {
  const list = useEngineers();
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
