// All work orders (GET /work-orders): filter by status, urgency, customer; sort by deadline.
import { Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListPage } from '../../../components/ListPage';
import { CustomerSelect, EnumSelect, EnumTag, UnitFilter } from '../../../components/pickers';
import { DegradedTag } from '../../escalations/tags';
import { CategoryTag, Countdown, KindTag, URGENCIES, UrgencyTag, WO_KINDS, WO_STATUSES, WoStatusTag } from '../common';
import { workOrdersList } from './list';

export function WorkOrdersPage() {
  const { t } = useTranslation();
  return (
    <ListPage
      testId="work-orders"
      // Phones: a card per work order — number, status, device, deadline, engineer (issue 10 item 15).
      card={(r) => ({
        title: r.number,
        tag: (
          <>
            <WoStatusTag value={r.status} kind={r.kind} />
            <DegradedTag at={r.degradedAt} />
          </>
        ),
        lines: [
          r.kind !== 'repair' ? <KindTag key="kind" value={r.kind} /> : null,
          `${r.serialNumber} · ${r.modelName}`,
          r.customerName,
          r.nextDeadlineAt ? <Countdown key="due" at={r.nextDeadlineAt} kind={r.nextDeadlineKind} /> : null,
          r.leadName ? `${t('dispatch.lead')}: ${r.leadName}` : null,
        ],
        to: `/work-orders/${r.id}`,
      })}
      title={t('menu.workOrders')}
      endpoint={workOrdersList.endpoint}
      filterKeys={workOrdersList.filterKeys}
      filters={({ bind }) => (
        <>
          <EnumSelect ns="service.woStatuses" values={WO_STATUSES} placeholder={t('service.status')} {...bind('status')} style={{ width: 130 }} />
          <EnumSelect
            ns="service.woKinds"
            values={WO_KINDS}
            placeholder={t('service.kind')}
            {...bind('kind')}
            style={{ width: 130 }}
            data-testid="kind-filter"
          />
          <EnumSelect ns="service.urgencies" values={URGENCIES} placeholder={t('service.urgency')} {...bind('urgency')} style={{ width: 120 }} />
          <CustomerSelect placeholder={t('device.customer')} {...bind('customerId')} style={{ width: 200 }} />
          <UnitFilter placeholder={t('units.unit')} {...bind('unitId')} style={{ width: 170 }} />
          <Select
            allowClear
            placeholder={t('service.assignee')}
            {...bind('mine')}
            style={{ width: 120 }}
            options={[{ value: 'true', label: t('service.mineOnly') }]}
          />
        </>
      )}
      columns={[
        { key: 'number', dataIndex: 'number', title: t('service.workOrder'), fixed: 'left', render: (v, r) => <Link to={`/work-orders/${r.id}`}>{v}</Link> },
        { key: 'kind', dataIndex: 'kind', title: t('service.kind'), render: (v) => <KindTag value={v} always /> },
        {
          key: 'status',
          dataIndex: 'status',
          title: t('service.status'),
          render: (v, r) => (
            <>
              <WoStatusTag value={v} kind={r.kind} />
              <DegradedTag at={r.degradedAt} />
            </>
          ),
        },
        { key: 'urgency', dataIndex: 'urgency', title: t('service.urgency'), render: (v) => <UrgencyTag value={v} /> },
        {
          key: 'deadline',
          dataIndex: 'nextDeadlineAt',
          title: t('service.nextDeadline'),
          sorter: true,
          render: (v, r) => <Countdown at={v} kind={r.nextDeadlineKind} />,
        },
        { key: 'device', title: t('device.title'), render: (_, r) => <Link to={`/devices/${r.deviceId}`}>{`${r.serialNumber} · ${r.modelName}`}</Link> },
        { key: 'customerName', dataIndex: 'customerName', title: t('device.customer') },
        { key: 'regionClass', dataIndex: 'regionClass', title: t('customer.regionClass'), render: (v) => <EnumTag ns="customer.regions" value={v} /> },
        { key: 'serviceCategory', dataIndex: 'serviceCategory', title: t('service.category'), render: (v) => <CategoryTag value={v} /> },
        { key: 'leadName', dataIndex: 'leadName', title: t('dispatch.lead'), render: (v) => v ?? '—' },
        {
          key: 'requestNumber',
          dataIndex: 'requestNumber',
          title: t('service.requestNumber'),
          render: (v, r) => <Link to={`/requests/${r.requestId}`}>{v}</Link>,
        },
        { key: 'createdAt', dataIndex: 'createdAt', title: t('common.createdAt'), sorter: true, render: (v) => dayjs(v).format('YYYY-MM-DD HH:mm') },
      ]}
    />
  );
}
