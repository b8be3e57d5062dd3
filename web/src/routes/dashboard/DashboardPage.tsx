// The first screen: the registry's headline figures and the service loop's queues, each a
// link to the filtered list. Service tiles follow the user's abilities.
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type CountOf, useCounts } from '../../api/hooks/dashboard';
import { type Ability, useMe } from '../../auth';

interface Tile {
  key: string;
  /** The list counted (its total), and the screen the tile opens. */
  count: CountOf;
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
    count: {
      path: '/api/v1/work-orders',
      query: { mine: 'true', status: 'dispatched,accepted,on_the_way,on_site,waiting_parts,taken_back,resolved' },
    },
    to: '/my-work',
    ability: 'workorders.myWork',
  },
  { key: 'unassigned', count: { path: '/api/v1/requests', query: { status: 'open' } }, to: '/dispatch', ability: 'workorders.dispatch', warn: true },
  {
    key: 'emergencies',
    count: { path: '/api/v1/requests', query: { open: 'true', urgency: 'emergency' } },
    to: '/requests?open=true&urgency=emergency',
    staffOnly: true,
    danger: true,
  },
  { key: 'openRequests', count: { path: '/api/v1/requests', query: { open: 'true' } }, to: '/requests?open=true', staffOnly: true },
  { key: 'toReview', count: { path: '/api/v1/work-orders', query: { status: 'signed_off' } }, to: '/reviews', ability: 'workorders.review', warn: true },
  { key: 'myOpenRequests', count: { path: '/api/v1/requests', query: { open: 'true' } }, to: '/requests?open=true', hospitalOnly: true },
];

const REGISTRY_TILES: Tile[] = [
  { key: 'customers', count: { path: '/api/v1/customers', query: {} }, to: '/customers', staffOnly: true },
  { key: 'devices', count: { path: '/api/v1/devices', query: {} }, to: '/devices' },
  { key: 'down', count: { path: '/api/v1/devices', query: { status: 'down' } }, to: '/devices?status=down', danger: true },
  { key: 'contracts', count: { path: '/api/v1/contracts', query: { state: 'active' } }, to: '/contracts?state=active' },
  { key: 'expiring', count: { path: '/api/v1/contracts', query: { expiringWithinDays: '90' } }, to: '/contracts?expiringWithinDays=90', warn: true },
];

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const hospital = !!me.customerId; // a hospital user belongs to one customer
  const visible = (x: Tile) => !(hospital && x.staffOnly) && !(!hospital && x.hospitalOnly) && (!x.ability || me.abilities[x.ability]);
  const tiles = [...SERVICE_TILES, ...REGISTRY_TILES].filter(visible);
  const counts = useCounts(tiles.map((x) => x.count));
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
                  suffix={counts[i].data?.capped ? '+' : undefined}
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
