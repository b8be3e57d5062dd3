// On the device page (issue 12 item 2): the unit's installation with its acceptance certificate
// (seed 003: 产品验收证明书…做好保修时间登记) and its per-accessory warranties (seed 003:
// 穿刺器…2年质保…可免费更换新品(质保不延长); consumables excluded).
import { Button, Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { download } from '../../../api';
import { useDeviceAccessoryWarranty } from '../../../api/hooks/installations';
import { StaticTable } from '../../../components/StaticTable';
import { InstallationStatusTag } from '../notices/InstallationsPage';

export function DeviceInstallationCard({ deviceId }: { deviceId: string }) {
  const { t } = useTranslation();
  const q = useDeviceAccessoryWarranty(deviceId);
  const d = q.data;
  if (!d || (!d.installation && d.items.length === 0)) return null;
  const inst = d.installation;
  return (
    <Card title={`${t('install.installation')} · ${t('install.accessories')}`} size="small" data-testid="device-installation">
      {inst && (
        <Space wrap style={{ marginBottom: 8 }}>
          <Link to={`/installations/${inst.id}`}>{inst.number}</Link>
          <InstallationStatusTag value={inst.status} />
          {(inst.status === 'accepted' || inst.status === 'handed_over') && (
            <Button size="small" onClick={() => download(`/api/v1/installations/${inst.id}/acceptance.pdf`, `${inst.number}.pdf`)}>
              {t('install.acceptancePdf')}
            </Button>
          )}
        </Space>
      )}
      {d.items.length > 0 ? (
        <StaticTable
          dataSource={d.items}
          columns={[
            { dataIndex: 'name', title: t('install.accessory') },
            { dataIndex: 'months', title: t('install.months'), render: (v, r) => (r.consumable ? t('install.consumable') : v) },
            { dataIndex: 'warrantyEnd', title: t('install.warrantyEnd'), render: (v) => v ?? '—' },
            {
              dataIndex: 'coveredToday',
              title: t('install.state'),
              render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{v ? t('install.covered') : t('install.notCovered')}</Tag>,
            },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">—</Typography.Text>
      )}
    </Card>
  );
}
