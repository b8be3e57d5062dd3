// 登记退换货 from a complaint or a work order page (issue 14 §4, R-REG-4): a link to the new-return
// form with the complaint / work order (and its unit) prefilled. Shown to those who may register.
import { RollbackOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAbility } from '../../auth';

export function RegisterReturnLink(p: { complaintId?: string; workOrderId?: string; deviceId?: string | null; customerId?: string | null }) {
  const { t } = useTranslation();
  const can = useAbility('returns.register');
  if (!can) return null;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v) q.set(k, v);
  return (
    <Link to={`/returns/new?${q}`}>
      <Button icon={<RollbackOutlined />} data-testid="register-return">
        {t('returns.fromLink')}
      </Button>
    </Link>
  );
}
