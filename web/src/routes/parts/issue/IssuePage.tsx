// Parts for my jobs: draw a part from my van onto a work order, bring back the faulty unit,
// and see what my van holds.

import { Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { type StockRow, useMyVan, useWarehouseStock } from '../../../api/hooks/parts';
import { StaticTable } from '../../../components/StaticTable';
import { PartsTag } from '../partsPickers';
import { IssuePartForm, ReturnFaultyForm } from './components/IssuePartForm';

export function IssuePage() {
  const { t } = useTranslation();
  const van = useMyVan();
  const stock = useWarehouseStock(van?.id);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card title={t('parts.issue.title')} style={{ marginBottom: 16 }}>
          <IssuePartForm />
        </Card>
        <Card title={t('parts.returnFaulty.title')}>
          <ReturnFaultyForm />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={van ? `${t('parts.myVan')} · ${van.name}` : t('parts.myVan')}>
          <StaticTable<StockRow>
            data-testid="van-stock"
            rowKey="key"
            loading={stock.isFetching}
            dataSource={stock.data?.items ?? []}
            columns={[
              { key: 'code', dataIndex: 'partCode', title: t('parts.code') },
              { key: 'name', dataIndex: 'partName', title: t('parts.name') },
              { key: 'lot', dataIndex: 'lot', title: t('parts.lot') },
              { key: 'cond', dataIndex: 'condition', title: t('parts.condition'), render: (v) => <PartsTag ns="conditions" value={v} /> },
              { key: 'qty', dataIndex: 'qty', title: t('parts.qty'), align: 'right', render: (v, r) => `${v} ${r.unit}` },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
