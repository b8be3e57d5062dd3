// 现金交接 (seed 002 §5, issue 15 §4): the cash collected on site still on hand (an engineer's own;
// finance sees everyone's), handed to finance in one record; the hand-overs, which finance confirms.
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type CashHandover, useCashOnHand, useConfirmHandover, useHandOver } from '../../api/hooks/billing';
import { ListPage } from '../../components/ListPage';
import { PageTitle } from '../../components/PageTitle';
import { useProblem } from '../care/common';

const fmt = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

export function CashPage() {
  const { t } = useTranslation();
  const problem = useProblem();
  const onHand = useCashOnHand();
  const handOver = useHandOver();
  const confirm = useConfirmHandover();
  const [selected, setSelected] = useState<string[]>([]);
  const items = onHand.data?.items ?? [];
  type Item = (typeof items)[number];
  const total = items.filter((i) => selected.includes(i.id)).reduce((n, i) => n + Math.round(Number(i.amount) * 100), 0) / 100;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <PageTitle>{t('billing.menu.cash')}</PageTitle>
      <Card
        size="small"
        title={t('billing.cash.onHand')}
        loading={onHand.isLoading}
        extra={
          <Button
            type="primary"
            disabled={selected.length === 0}
            loading={handOver.isPending}
            data-testid="cash-handover"
            onClick={() => handOver.mutate({ paymentIds: selected }, { onSuccess: () => setSelected([]), onError: problem })}
          >
            {t('billing.cash.handOver')}
          </Button>
        }
      >
        {items.length === 0 ? (
          <Empty description={t('billing.cash.nothing')} />
        ) : (
          <>
            <Table<Item>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={items}
              scroll={{ x: 'max-content' }}
              rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
              data-testid="cash-on-hand"
              columns={[
                { key: 'wo', title: t('billing.workOrders'), render: (_, i) => <Link to={`/work-orders/${i.workOrderId}`}>{i.workOrderNumber}</Link> },
                { key: 'c', title: t('billing.customer'), dataIndex: 'customerName' },
                { key: 'r', title: t('billing.reference'), dataIndex: 'reference' },
                { key: 'a', title: t('billing.amount'), dataIndex: 'amount', align: 'right' },
                { key: 'at', title: t('billing.at'), render: (_, i) => fmt(i.at) },
                { key: 'by', title: t('billing.by'), dataIndex: 'recordedByName' },
              ]}
            />
            <Typography.Text type="secondary">{t('billing.cash.selected', { n: selected.length, total: total.toFixed(2) })}</Typography.Text>
          </>
        )}
      </Card>
      <ListPage
        testId="cash-handovers"
        title={t('billing.cash.handovers')}
        endpoint="/api/v1/cash-handovers"
        columns={[
          { key: 'number', dataIndex: 'number', title: t('billing.number') },
          { key: 'engineer', dataIndex: 'engineerName', title: t('billing.cash.engineer') },
          { key: 'amount', dataIndex: 'amount', title: t('billing.amount'), align: 'right' },
          { key: 'handedAt', title: t('billing.cash.handedAt'), render: (_, h) => fmt(h.handedAt) },
          { key: 'items', title: t('billing.workOrders'), render: (_, h) => h.items.map((i) => i.workOrderNumber).join('、') },
          { key: 'status', title: t('billing.cash.status'), render: (_, h) => <HandoverTag h={h} /> },
          {
            key: 'x',
            title: '',
            render: (_, h) =>
              h.abilities.confirm ? (
                <Button
                  size="small"
                  type="primary"
                  loading={confirm.isPending}
                  onClick={() => confirm.mutate({ id: h.id, version: h.version }, { onError: problem })}
                  data-testid="cash-confirm"
                >
                  {t('billing.cash.confirm')}
                </Button>
              ) : (
                h.confirmedByName && `${h.confirmedByName} · ${fmt(h.confirmedAt)}`
              ),
          },
        ]}
        card={(h) => ({
          title: `${h.number} · ${h.amount}`,
          tag: <HandoverTag h={h} />,
          lines: [<span key="e">{h.engineerName}</span>, <span key="t">{fmt(h.handedAt)}</span>],
        })}
      />
    </Space>
  );
}

function HandoverTag({ h }: { h: CashHandover }) {
  const { t } = useTranslation();
  return <Tag color={h.status === 'confirmed' ? 'green' : 'gold'}>{t(`billing.cash.statuses.${h.status}`)}</Tag>;
}
