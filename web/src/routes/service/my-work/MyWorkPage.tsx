// 我的工单: an engineer's own open work orders, soonest deadline first, as big cards to tap
// on a phone. A switch shows finished ones too.
import { CalendarOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, List, Segmented, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useWorkOrders } from '../../../api/hooks/workOrders';
import { PageTitle } from '../../../components/PageTitle';
import { EnumTag } from '../../../components/pickers';
import { Countdown, KindTag, problemText, UrgencyTag, WoStatusTag } from '../common';

const OPEN = ['dispatched', 'accepted', 'on_the_way', 'on_site', 'waiting_parts', 'taken_back', 'resolved'];

export function MyWorkPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [scope, setScope] = useState<'open' | 'all'>('open');
  const q = useWorkOrders({ mine: 'true', sort: 'deadline', pageSize: 100 });
  const items = (q.data?.items ?? []).filter((w) => scope === 'all' || OPEN.includes(w.status));

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="my-work">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('menu.myWork')}</PageTitle>
        <Segmented
          value={scope}
          onChange={(v) => setScope(v as 'open' | 'all')}
          options={[
            { value: 'open', label: t('service.openOnly') },
            { value: 'all', label: t('common.all') },
          ]}
        />
      </Space>
      {q.isLoading && <Spin />}
      {q.error && <Alert type="error" showIcon title={problemText(q.error)} />}
      {q.data && items.length === 0 && <Empty description={t('service.noWork')} />}
      <List
        dataSource={items}
        renderItem={(w) => (
          // Issue 16 §3 (Lighthouse, list): the card sits inside its <li>, not straight under the <ul>.
          <List.Item key={w.id} style={{ display: 'block', padding: 0, borderBlockEnd: 'none' }}>
            <Card
              key={w.id}
              hoverable
              size="small"
              style={{ marginBottom: 12 }}
              onClick={() => navigate(`/work-orders/${w.id}`)}
              data-testid={`my-wo-${w.number}`}
              styles={{ body: { padding: 16 } }}
            >
              <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
                <Space direction="vertical" size={4}>
                  <Space wrap size={6}>
                    <strong style={{ fontSize: 16 }}>{w.number}</strong>
                    <UrgencyTag value={w.urgency} />
                    <WoStatusTag value={w.status} kind={w.kind} />
                    <KindTag value={w.kind} />
                  </Space>
                  <Countdown at={w.nextDeadlineAt} kind={w.nextDeadlineKind} />
                  {w.appointmentAt && (
                    <Typography.Text strong data-testid="my-wo-appointment">
                      <CalendarOutlined /> {t('dispatchBoard.appointment')} {dayjs(w.appointmentAt).format('MM-DD HH:mm')}
                    </Typography.Text>
                  )}
                  <span>
                    {w.serialNumber} · {w.modelName}
                  </span>
                  <Typography.Text type="secondary">
                    {w.customerName}
                    {w.siteName ? ` · ${w.siteName}` : ''} <EnumTag ns="customer.regions" value={w.regionClass} />
                  </Typography.Text>
                </Space>
                <RightOutlined style={{ fontSize: 20, color: '#999', marginTop: 8 }} />
              </Space>
            </Card>
          </List.Item>
        )}
      />
    </Space>
  );
}
