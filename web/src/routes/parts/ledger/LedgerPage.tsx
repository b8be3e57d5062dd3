// The parts ledger (R-PT-2): every movement with time, quantity, reference, supplier or work
// order and who signed; and the check that every balance equals its ledger sum.

import { SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../api';
import { useVerifyLedger } from '../../../api/hooks/parts';
import { useAbility } from '../../../auth';
import { ListPage } from '../../../components/ListPage';
import { PartSelect, PartsTag, WarehouseSelect } from '../partsPickers';

const KINDS = ['receipt', 'issue', 'return_faulty', 'transfer_out', 'transfer_in', 'adjustment'];

export function LedgerPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const canVerify = useAbility('parts.verify');
  const check = useVerifyLedger();
  const verify = () =>
    check.mutate(undefined, {
      onSuccess: (r) => {
        if (r.ok) modal.success({ title: t('parts.verifyOk', { entries: r.entries, balances: r.balances }) });
        else modal.error({ title: t('parts.verifyBroken', { count: r.mismatches.length }) });
      },
      onError: (e) => message.error(e instanceof ApiError ? e.problem.detail : String(e)),
    });
  return (
    <ListPage
      testId="ledger"
      title={t('parts.menu.ledger')}
      endpoint="/api/v1/parts/ledger"
      exportEndpoint="/api/v1/parts/ledger/export"
      exportName="movements.xlsx"
      filterKeys={['kind', 'warehouseId', 'partId', 'from', 'to']}
      filters={({ value: v, set, bind }) => (
        <>
          <Select
            allowClear
            data-testid="ledger-filter-kind"
            placeholder={t('parts.movement')}
            {...bind('kind')}
            options={KINDS.map((k) => ({ value: k, label: t(`parts.kinds.${k}`) }))}
            style={{ width: 140 }}
          />
          <WarehouseSelect placeholder={t('parts.warehouse')} {...bind('warehouseId')} style={{ width: 200 }} />
          <PartSelect placeholder={t('parts.part')} {...bind('partId')} style={{ width: 200 }} />
          <DatePicker placeholder={t('parts.from')} value={v.from ? dayjs(v.from) : null} onChange={(d) => set('from', d?.format('YYYY-MM-DD'))} />
          <DatePicker placeholder={t('parts.to')} value={v.to ? dayjs(v.to) : null} onChange={(d) => set('to', d?.format('YYYY-MM-DD'))} />
        </>
      )}
      extra={
        canVerify && (
          <Button data-testid="ledger-verify" icon={<SafetyCertificateOutlined />} onClick={verify} loading={check.isPending}>
            {t('parts.verify')}
          </Button>
        )
      }
      columns={[
        { key: 'at', dataIndex: 'at', title: t('parts.time'), render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
        { key: 'kind', dataIndex: 'kind', title: t('parts.movement'), render: (v) => <PartsTag ns="kinds" value={v} /> },
        { key: 'warehouse', dataIndex: 'warehouseName', title: t('parts.warehouse') },
        { key: 'part', dataIndex: 'partCode', title: t('parts.part'), render: (v, r) => `${v} · ${r.partName}` },
        { key: 'lot', dataIndex: 'lot', title: t('parts.lot'), render: (v, r) => (r.condition === 'faulty' ? `${v} (${t('parts.conditions.faulty')})` : v) },
        { key: 'qty', dataIndex: 'qty', title: t('parts.qty'), align: 'right', render: (v: number) => (v > 0 ? `+${v}` : v) },
        {
          key: 'ref',
          title: t('parts.reference'),
          render: (_, r) => (r.workOrderId ? <Link to={`/work-orders/${r.workOrderId}`}>{r.workOrderNumber}</Link> : (r.reference ?? '')),
        },
        { key: 'supplier', dataIndex: 'supplierName', title: t('parts.supplier') },
        { key: 'counterpart', dataIndex: 'counterpartName', title: t('parts.receiver') },
        { key: 'by', dataIndex: 'signedByName', title: t('parts.signedBy') },
        { key: 'note', dataIndex: 'note', title: t('common.notes') },
      ]}
    />
  );
}
