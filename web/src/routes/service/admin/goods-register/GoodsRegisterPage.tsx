// 客户商品进出登记簿 (R-WO-3): every unit taken back ("in") and returned ("out"), with the
// receipt, the work order and who handed it over; filters and Excel export of the same filter.

import { DatePicker, Select, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListPage, useListParams } from '../../../../components/ListPage';
import { CustomerSelect } from '../../../../components/pickers';

export function GoodsRegisterPage() {
  const { t } = useTranslation();
  const k = (s: string) => t(`svcAdmin.goods.${s}`);
  const range = useListParams(['from', 'to']);
  return (
    <ListPage
      title={k('title')}
      endpoint="/api/v1/goods-register"
      exportEndpoint="/api/v1/goods-register/export"
      exportName="goods-register.xlsx"
      testId="goods"
      filterKeys={['direction', 'open', 'customerId', 'from', 'to']}
      filters={({ value: v, bind }) => (
        <>
          <Select
            data-testid="goods-direction"
            allowClear
            placeholder={k('direction')}
            style={{ width: 110 }}
            {...bind('direction')}
            options={(['in', 'out'] as const).map((d) => ({ value: d, label: k(`directions.${d}`) }))}
          />
          <Select
            data-testid="goods-open"
            allowClear
            placeholder={k('receiptStatus')}
            style={{ width: 130 }}
            {...bind('open')}
            options={[
              { value: 'true', label: k('openOnly') },
              { value: 'false', label: k('returnedOnly') },
            ]}
          />
          <CustomerSelect placeholder={k('customer')} style={{ width: 220 }} {...bind('customerId')} />
          <DatePicker.RangePicker
            data-testid="goods-range"
            inputReadOnly
            value={v.from && v.to ? [dayjs(v.from), dayjs(v.to)] : null}
            onChange={(r) => range.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
        </>
      )}
      columns={[
        { key: 'at', dataIndex: 'at', title: k('at'), sorter: true, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
        {
          dataIndex: 'direction',
          title: k('direction'),
          render: (v: 'in' | 'out') => <Tag color={v === 'in' ? 'magenta' : 'green'}>{k(`directions.${v}`)}</Tag>,
        },
        { key: 'receiptNumber', dataIndex: 'receiptNumber', title: k('receipt'), sorter: true },
        { dataIndex: 'workOrderNumber', title: k('workOrder'), render: (v: string, r) => <Link to={`/work-orders/${r.workOrderId}`}>{v}</Link> },
        { dataIndex: 'customerName', title: k('customer') },
        {
          key: 'device',
          title: k('device'),
          render: (_: unknown, r) => (
            <Link to={`/devices/${r.deviceId}`}>
              {r.modelName} · {r.serialNumber}
            </Link>
          ),
        },
        {
          key: 'items',
          title: k('items'),
          render: (_: unknown, r) => r.items.map((i) => `${i.description}${i.serialNumber ? ` (${i.serialNumber})` : ''} ×${i.quantity}`).join('；'),
        },
        { key: 'accessories', title: k('accessories'), render: (_: unknown, r) => r.accessories.join('、') || '—' },
        { dataIndex: 'condition', title: k('condition') },
        { dataIndex: 'counterpartName', title: k('counterpart') },
        { dataIndex: 'handledByName', title: k('handledBy') },
        {
          dataIndex: 'receiptStatus',
          title: k('receiptStatus'),
          render: (v: 'open' | 'returned') => <Tag color={v === 'open' ? 'orange' : 'default'}>{t(`svcAdmin.takeBack.statuses.${v}`)}</Tag>,
        },
      ]}
    />
  );
}
