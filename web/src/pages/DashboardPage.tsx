// The first screen: the registry's headline figures and the service loop's queues, each a
// link to the filtered list. Service tiles follow the user's roles.
import { useQueries } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Page, request } from '../api';
import { type Ability, useMe } from '../auth';

interface Tile {
  key: string;
  url: string;
  to: string;
  staffOnly?: boolean;
  hospitalOnly?: boolean;
  /** Shown only to users with this ability (the server's policy). */
  ability?: Ability;
  danger?: boolean;
  warn?: boolean;
}

const SERVICE_TILES: Tile[] = [
  {
    key: 'myWork',
    url: '/api/v1/work-orders?pageSize=1&mine=true&status=dispatched,accepted,on_the_way,on_site,waiting_parts,taken_back,resolved',
    to: '/my-work',
    ability: 'workorders.myWork',
  },
  { key: 'unassigned', url: '/api/v1/requests?pageSize=1&status=open', to: '/dispatch', ability: 'workorders.dispatch', warn: true },
  {
    key: 'emergencies',
    url: '/api/v1/requests?pageSize=1&open=true&urgency=emergency',
    to: '/requests?open=true&urgency=emergency',
    staffOnly: true,
    danger: true,
  },
  { key: 'openRequests', url: '/api/v1/requests?pageSize=1&open=true', to: '/requests?open=true', staffOnly: true },
  { key: 'toReview', url: '/api/v1/work-orders?pageSize=1&status=signed_off', to: '/reviews', ability: 'workorders.review', warn: true },
  { key: 'myOpenRequests', url: '/api/v1/requests?pageSize=1&open=true', to: '/requests?open=true', hospitalOnly: true },
];

const REGISTRY_TILES: Tile[] = [
  { key: 'customers', url: '/api/v1/customers?pageSize=1', to: '/customers', staffOnly: true },
  { key: 'devices', url: '/api/v1/devices?pageSize=1', to: '/devices' },
  { key: 'down', url: '/api/v1/devices?pageSize=1&status=down', to: '/devices?status=down', danger: true },
  { key: 'contracts', url: '/api/v1/contracts?pageSize=1&state=active', to: '/contracts?state=active' },
  { key: 'expiring', url: '/api/v1/contracts?pageSize=1&expiringWithinDays=90', to: '/contracts?expiringWithinDays=90', warn: true },
];

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const hospital = me.roles.includes('customer_user');
  const visible = (x: Tile) => !(hospital && x.staffOnly) && !(!hospital && x.hospitalOnly) && (!x.ability || me.abilities[x.ability]);
  const tiles = [...SERVICE_TILES, ...REGISTRY_TILES].filter(visible);
  const counts = useQueries({
    queries: tiles.map((x) => ({ queryKey: ['count', x.url], queryFn: () => request<Page<unknown>>('GET', x.url), retry: false })),
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
                  suffix={counts[i].data?.totalExact === false ? '+' : undefined}
                  loading={counts[i].isLoading}
                  styles={{ content: { color: x.danger ? '#cf1322' : x.warn ? '#d48806' : undefined } }}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
