// The repair register (叫修登记簿, R-REQ-1): every request with its kind of job (issue 12), urgency, status, next
// deadline and work order. Hospital users see their own hospital's requests (server scope).
import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAbility, useMe } from '../../../auth';
import { ListPage } from '../../../components/ListPage';
import { CustomerSelect, EnumSelect, UnitFilter } from '../../../components/pickers';
import { CategoryTag, Countdown, KindTag, REQUEST_STATUSES, RequestStatusTag, URGENCIES, UrgencyTag, WO_KINDS, WoStatusTag } from '../common';

export function RequestsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const hospital = !!useMe().customerId;
  const canRegister = useAbility('requests.register');
  return (
    <ListPage
      testId="requests"
      // Phones: a card per request — number, status, device, deadline, work order (issue 10 item 15).
      card={(r) => ({
        title: r.number,
        tag: <RequestStatusTag value={r.status} />,
        lines: [
          r.kind !== 'repair' ? <KindTag key="kind" value={r.kind} /> : null,
          `${r.serialNumber} · ${r.modelName}`,
          <Typography.Text key="fault" type="secondary" ellipsis>
            {r.faultDescription}
          </Typography.Text>,
          r.nextDueAt ? <Countdown key="due" at={r.nextDueAt} /> : null,
          r.workOrderId ? (
            <Space key="wo" size={4}>
              {r.workOrderNumber}
              <WoStatusTag value={r.workOrderStatus} kind={r.kind} />
            </Space>
          ) : null,
        ],
        to: `/requests/${r.id}`,
      })}
      title={hospital ? t('menu.myRequests') : t('menu.requests')}
      endpoint="/api/v1/requests"
      filterKeys={['status', 'open', 'urgency', 'kind', 'customerId', 'deviceId', 'unitId']}
      filters={({ bind }) => (
        <>
          <Select
            data-testid="requests-open"
            allowClear
            placeholder={t('service.openFilter')}
            {...bind('open')}
            style={{ width: 120 }}
            options={[
              { value: 'true', label: t('service.openOnly') },
              { value: 'false', label: t('service.finishedOnly') },
            ]}
          />
          <EnumSelect ns="service.requestStatuses" values={REQUEST_STATUSES} placeholder={t('service.status')} {...bind('status')} style={{ width: 130 }} />
          <EnumSelect ns="service.urgencies" values={URGENCIES} placeholder={t('service.urgency')} {...bind('urgency')} style={{ width: 120 }} />
          <EnumSelect
            ns="service.woKinds"
            values={WO_KINDS}
            placeholder={t('service.kind')}
            {...bind('kind')}
            style={{ width: 130 }}
            data-testid="requests-kind"
          />
          {!hospital && <CustomerSelect placeholder={t('device.customer')} {...bind('customerId')} style={{ width: 200 }} />}
          {!hospital && <UnitFilter placeholder={t('units.unit')} {...bind('unitId')} style={{ width: 170 }} />}
        </>
      )}
      extra={
        canRegister && (
          <Button data-testid="request-create" type="primary" icon={<PlusOutlined />} onClick={() => navigate('/requests/new')}>
            {hospital ? t('menu.reportFault') : t('service.newRequest')}
          </Button>
        )
      }
      onRow={(r) => ({ onDoubleClick: () => navigate(`/requests/${r.id}`) })}
      columns={[
        {
          key: 'number',
          dataIndex: 'number',
          title: t('service.requestNumber'),
          sorter: true,
          fixed: 'left',
          render: (v, r) => (
            <Space size={4}>
              <Link to={`/requests/${r.id}`}>{v}</Link>
              {r.priorityDispatch && <Tag color="volcano">{t('service.flaggedForMorning')}</Tag>}
            </Space>
          ),
        },
        { key: 'kind', dataIndex: 'kind', title: t('service.kind'), render: (v) => <KindTag value={v} always /> },
        { key: 'receivedAt', dataIndex: 'receivedAt', title: t('service.receivedAt'), sorter: true, render: (v) => dayjs(v).format('YYYY-MM-DD HH:mm') },
        { key: 'urgency', dataIndex: 'urgency', title: t('service.urgency'), sorter: true, render: (v) => <UrgencyTag value={v} /> },
        { key: 'status', dataIndex: 'status', title: t('service.status'), sorter: true, render: (v) => <RequestStatusTag value={v} /> },
        {
          key: 'device',
          title: t('device.title'),
          render: (_, r) => (
            <Space direction="vertical" size={0}>
              <Link to={`/devices/${r.deviceId}`}>{r.serialNumber}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.modelName}
              </Typography.Text>
            </Space>
          ),
        },
        ...(hospital ? [] : [{ key: 'customerName', dataIndex: 'customerName', title: t('device.customer') }]),
        {
          key: 'faultDescription',
          dataIndex: 'faultDescription',
          title: t('service.fault'),
          ellipsis: true,
          width: 240,
        },
        { key: 'category', dataIndex: 'category', title: t('service.category'), render: (v) => <CategoryTag value={v} /> },
        { key: 'nextDueAt', dataIndex: 'nextDueAt', title: t('service.nextDeadline'), render: (v) => <Countdown at={v} /> },
        {
          key: 'workOrder',
          title: t('service.workOrder'),
          render: (_, r) =>
            r.workOrderId ? (
              <Space size={4}>
                <Link to={`/work-orders/${r.workOrderId}`}>{r.workOrderNumber}</Link>
                <WoStatusTag value={r.workOrderStatus} kind={r.kind} />
              </Space>
            ) : (
              '—'
            ),
        },
        ...(hospital ? [] : [{ key: 'ownerName', dataIndex: 'ownerName', title: t('service.owner') }]),
      ]}
    />
  );
}
