// A table of rows already at hand (a record's lines, a report's rows): small, no paging, scrolling
// sideways on a narrow screen, rows keyed by `id` unless told otherwise. Any Table prop overrides.
import { Table, type TableProps } from 'antd';

export function StaticTable<T extends object>(props: TableProps<T>) {
  return <Table<T> rowKey="id" size="small" pagination={false} scroll={{ x: 'max-content' }} {...props} />;
}
