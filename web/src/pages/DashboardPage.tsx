// The first screen: the registry's headline figures, each a link to the filtered list.
// (Service KPIs join here as the service loop lands.)
import { useQueries } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Page, request } from '../api';
import { useMe } from '../auth';

const TILES = [
  { key: 'customers', url: '/api/v1/customers?pageSize=1', to: '/customers', staffOnly: true },
  { key: 'devices', url: '/api/v1/devices?pageSize=1', to: '/devices' },
  { key: 'down', url: '/api/v1/devices?pageSize=1&status=down', to: '/devices?status=down', danger: true },
  { key: 'contracts', url: '/api/v1/contracts?pageSize=1&state=active', to: '/contracts?state=active' },
  { key: 'expiring', url: '/api/v1/contracts?pageSize=1&expiringWithinDays=90', to: '/contracts?expiringWithinDays=90', warn: true },
] as const;

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const hospital = me.roles.includes('customer_user');
  const tiles = TILES.filter((x) => !(hospital && 'staffOnly' in x));
  const counts = useQueries({
    queries: tiles.map((x) => ({ queryKey: ['count', x.url], queryFn: () => request<Page<unknown>>('GET', x.url) })),
  });
  return (
    <>
      <Typography.Title level={4}>{t('dashboard.welcome', { name: me.displayName })}</Typography.Title>
      <Row gutter={[16, 16]} data-testid="dashboard">
        {tiles.map((x, i) => (
          <Col key={x.key} xs={12} md={8} xl={4}>
            <Link to={x.to}>
              <Card hoverable>
                <Statistic
                  data-testid={`tile-${x.key}`}
                  title={t(`dashboard.${x.key}`)}
                  value={counts[i].data?.total ?? '—'}
                  loading={counts[i].isLoading}
                  styles={{ content: { color: 'danger' in x ? '#cf1322' : 'warn' in x ? '#d48806' : undefined } }}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
