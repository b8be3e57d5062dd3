// The home tile (issue 14 §1, R-REG-1): units on safety hold now — for a hospital user its own
// (the portal's "do not use" list), for the service side all — linking to the open holds.
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, must } from '../../api';
import { holdKeys } from '../../api/hooks/holds';

export function HoldsOpenTile() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: holdKeys.list('/api/v1/device-holds', { state: 'open', pageSize: 1 }),
    queryFn: () => must(api.GET('/api/v1/device-holds', { params: { query: { state: 'open', pageSize: 1 } } })),
  });
  const n = q.data?.total ?? 0;
  if (n === 0) return null;
  return (
    <Col xs={12} md={8} xl={4}>
      <Link to="/device-holds?state=open">
        <Card hoverable>
          <Statistic data-testid="tile-holdsOpen" title={t('holds.openTile')} value={n} styles={{ content: { color: '#cf1322' } }} />
        </Card>
      </Link>
    </Col>
  );
}
