// The home tile (issue 13 §5, ISO 13485 §7.6): instruments past their calibration due date,
// linking to the filtered list.
import { Card, Col, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useInstrumentSummary } from '../../api/hooks/instruments';

export function InstrumentsOverdueTile() {
  const { t } = useTranslation();
  const q = useInstrumentSummary();
  return (
    <Col xs={12} md={8} xl={4}>
      <Link to="/instruments?due=overdue">
        <Card hoverable>
          <Statistic
            data-testid="tile-instrumentsOverdue"
            title={t('instruments.overdueTile')}
            value={q.data?.overdue ?? 0}
            styles={{ content: { color: q.data?.overdue ? '#cf1322' : undefined } }}
          />
        </Card>
      </Link>
    </Col>
  );
}
