// A record's screen that could not load it: "404" when there is no such record (or none the
// caller may see), an error otherwise, the problem's text and a link back to the list.
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api';

export function LoadFailed({ error, text, back }: { error: unknown; text: string; back: string }) {
  const { t } = useTranslation();
  const status = error instanceof ApiError ? error.problem.status : 500;
  return <Result status={status === 404 ? '404' : 'error'} title={text} extra={<Link to={back}>{t('common.back')}</Link>} />;
}
