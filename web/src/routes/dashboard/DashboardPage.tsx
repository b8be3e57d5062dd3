// The first screen: the registry's headline figures and the service loop's queues, each a
// link to the filtered list. One call (GET /home) brings the tiles the user may see; which
// ones is the server's decision (abilities, hospital or staff).
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type HomeTileKey, useHome } from '../../api/hooks/home';
import { useMe } from '../../auth';
import { HoldsOpenTile } from '../holds/HoldsOpenTile';
import { HandoverOverdueTile } from '../install/device/HandoverOverdueTile';
import { InstrumentsOverdueTile } from '../instruments/InstrumentsOverdueTile';

interface TileLook {
  /** The screen the tile opens (its figure is that list's total). */
  to: string;
  danger?: boolean;
  warn?: boolean;
}

const LOOK: Record<HomeTileKey, TileLook> = {
  myWork: { to: '/my-work' },
  unassigned: { to: '/dispatch', warn: true },
  emergencies: { to: '/requests?open=true&urgency=emergency', danger: true },
  openRequests: { to: '/requests?open=true' },
  toReview: { to: '/reviews', warn: true },
  myOpenRequests: { to: '/requests?open=true' },
  customers: { to: '/customers' },
  devices: { to: '/devices' },
  down: { to: '/devices?status=down', danger: true },
  contracts: { to: '/contracts?state=active' },
  expiring: { to: '/contracts?expiringWithinDays=90', warn: true },
};

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const home = useHome();
  return (
    <>
      <Typography.Title level={4}>{t('dashboard.welcome', { name: me.displayName })}</Typography.Title>
      <Row gutter={[16, 16]} data-testid="dashboard">
        {(home.data?.tiles ?? []).map((x) => {
          const look = LOOK[x.key];
          return (
            <Col key={x.key} xs={12} md={8} xl={4}>
              <Link to={look.to}>
                <Card hoverable>
                  <Statistic
                    data-testid={`tile-${x.key}`}
                    title={t(`dashboard.${x.key}`)}
                    value={x.total}
                    // The big lists stop counting at 10,000 (`totalExact: false`): "10000+".
                    suffix={x.totalExact ? undefined : '+'}
                    styles={{ content: { color: look.danger ? '#cf1322' : look.warn ? '#d48806' : undefined } }}
                  />
                </Card>
              </Link>
            </Col>
          );
        })}
        {me.abilities['installations.manage'] && <HandoverOverdueTile />}
        {me.abilities['instruments.manage'] && <InstrumentsOverdueTile />}
        <HoldsOpenTile />
      </Row>
    </>
  );
}
