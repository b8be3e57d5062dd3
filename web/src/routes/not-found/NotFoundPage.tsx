// 404 (issue 10 item 14): an unknown address says so instead of silently showing the dashboard,
// with a way home. (Detail pages of a record that does not exist already show their own 404.)
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

function HomeButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button type="primary" data-testid="not-found-home" onClick={() => navigate('/')}>
      {t('ux.home')}
    </Button>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Result data-testid="not-found" status="404" title={t('ux.notFound')} subTitle={t('ux.notFoundHint', { path: location.pathname })} extra={<HomeButton />} />
  );
}
