// The manager's home tile (seed 002: 项目验收后两周内完成项目移交): accepted installations whose
// handover dossier is past its due date, linking to the filtered list.
import { Card, Col, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useInstallationCounts } from '../../../api/hooks/installations';

export function HandoverOverdueTile() {
  const { t } = useTranslation();
  const q = useInstallationCounts();
  return (
    <Col xs={12} md={8} xl={4}>
      <Link to="/installations?handoverOverdue=true">
        <Card hoverable>
          <Statistic
            data-testid="tile-handoverOverdue"
            title={t('install.menu.overdue')}
            value={q.data?.handoverOverdue ?? 0}
            styles={{ content: { color: q.data?.handoverOverdue ? '#cf1322' : undefined } }}
          />
        </Card>
      </Link>
    </Col>
  );
}
