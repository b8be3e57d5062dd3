// The shell: navigation for the built SPEC areas (a side menu on a laptop, a drawer on a
// phone), the language switch and the user menu.
import {
  AppstoreOutlined,
  AuditOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FormOutlined,
  LogoutOutlined,
  MedicineBoxOutlined,
  MenuOutlined,
  PartitionOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, type MenuProps, Segmented, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate, useNavigationType } from 'react-router';
import { api } from '../api';
import { type Ability, hasAny, useLogout, useMe } from '../auth';
import { type Lang, setLanguage } from '../i18n';
import { OfflineBanner } from '../offline/OfflineBanner';
import { appraisalsMenu } from '../routes/appraisals/menu';
import { billingMenu } from '../routes/billing/menu';
import { callsMenu } from '../routes/calls/menu';
import { campaignsMenu } from '../routes/campaigns/menu';
import { careMenu } from '../routes/care/menu';
import { escalationsMenu } from '../routes/escalations/menu';
import { handbookMenu } from '../routes/handbook/menu';
import { holdsMenu } from '../routes/holds/menu';
import { installMenu } from '../routes/install/menu';
import { instrumentsMenu } from '../routes/instruments/menu';
import { kpisMenu } from '../routes/kpis/menu';
import { labelsMenu } from '../routes/labels/menu';
import { maintenancePlansMenu } from '../routes/maintenance/menu';
import { partsMenu } from '../routes/parts/menu';
import { qualityMenu } from '../routes/quality/menu';
import { quotesMenu } from '../routes/quotes/menu';
import { renewalsMenu } from '../routes/renewals/menu';
import { returnsMenu } from '../routes/returns/menu';
import { serviceAdminMenu } from '../routes/service/admin/menu';
import { serviceLoansMenu } from '../routes/service/loans/menu';
import { traceabilityMenu } from '../routes/traceability/menu';
import { trainingMenu } from '../routes/training/menu';
import { unitsMenu } from '../routes/units/menu';
import { vigilanceMenu } from '../routes/vigilance/menu';
import { NotificationBell } from './NotificationBell';

/** antd's Layout.Header height: the sticky side menu starts below it. */
const HEADER_H = 64;

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [open, setOpen] = useState(false);
  const has = (...abilities: Ability[]) => hasAny(me, ...abilities);
  // A new page starts at the top (issue 10 item 14): the window keeps its scroll across client-side
  // navigation, so a lower menu item opened a page scrolled into blank space. Back/forward (POP)
  // is left to the browser's own scroll restoration.
  const navigationType = useNavigationType();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger - scroll on every new page
  useEffect(() => {
    if (navigationType !== 'POP') window.scrollTo(0, 0);
  }, [location.pathname, navigationType]);

  const hospital = !!me.customerId; // a hospital user belongs to one customer
  const svcAdmin = serviceAdminMenu(t, has);
  const service: NonNullable<MenuProps['items']> = hospital
    ? [
        { key: '/requests/new', icon: <FormOutlined />, label: t('menu.reportFault') },
        { key: '/requests', icon: <ProfileOutlined />, label: t('menu.myRequests') },
        ...maintenancePlansMenu(t, has, true),
        ...campaignsMenu(t, has, true),
        ...quotesMenu(t, has, true),
        // 办法§17: the documents offered for the hospital's models.
        ...handbookMenu(t, has),
      ]
    : [
        ...(has('workorders.myWork') ? [{ key: '/my-work', icon: <CarryOutOutlined />, label: t('menu.myWork') }] : []),
        ...(has('requests.register') ? [{ key: '/requests/new', icon: <FormOutlined />, label: t('menu.newRequest') }] : []),
        { key: '/requests', icon: <ProfileOutlined />, label: t('menu.requests') },
        ...(has('workorders.dispatch') ? [{ key: '/dispatch', icon: <PartitionOutlined />, label: t('menu.dispatch') }] : []),
        { key: '/work-orders', icon: <ScheduleOutlined />, label: t('menu.workOrders') },
        ...(has('workorders.create') ? [{ key: '/work-orders/new', icon: <FormOutlined />, label: t('menu.newWorkOrder') }] : []),
        ...(has('workorders.review') ? [{ key: '/reviews', icon: <FileDoneOutlined />, label: t('menu.reviews') }] : []),
        ...svcAdmin.service,
        ...maintenancePlansMenu(t, has, false),
        ...serviceLoansMenu(t, has),
        ...quotesMenu(t, has, false),
        // Issue 15 §5 (R-KB-1): the service handbook and the model documents.
        ...handbookMenu(t, has),
      ];
  const items: MenuProps['items'] = [
    { key: '/', icon: <DashboardOutlined />, label: t('menu.dashboard') },
    ...kpisMenu(t, has),
    ...appraisalsMenu(t, has),
    { key: 'service', type: 'group', label: t('menu.service'), children: service },
    ...careMenu(t, has),
    ...installMenu(t, has),
    ...trainingMenu(t, has),
    ...instrumentsMenu(t, has),
    ...renewalsMenu(t, has),
    ...callsMenu(t, has),
    ...labelsMenu(t, has),
    {
      key: 'registry',
      type: 'group',
      label: t('menu.registry'),
      children: [
        { key: '/customers', icon: <TeamOutlined />, label: t('menu.customers') },
        { key: '/devices', icon: <MedicineBoxOutlined />, label: t('menu.devices') },
        ...holdsMenu(t, has),
        ...vigilanceMenu(t, has),
        ...qualityMenu(t, has),
        ...traceabilityMenu(t, has),
        ...returnsMenu(t, has),
        ...unitsMenu(t, has),
        ...escalationsMenu(t, has),
        ...campaignsMenu(t, has, false),
        { key: '/models', icon: <AppstoreOutlined />, label: t('menu.models') },
        { key: '/contracts', icon: <FileProtectOutlined />, label: t('menu.contracts') },
        ...(has('imports.customers') ? [{ key: '/imports', icon: <UploadOutlined />, label: t('menu.imports') }] : []),
      ],
    },
    ...partsMenu(t, has),
    ...billingMenu(t, has),
    ...svcAdmin.settings,
    ...(has('users.list', 'audit.read')
      ? [
          {
            key: 'admin',
            type: 'group' as const,
            label: t('menu.admin'),
            children: [
              ...(has('users.list') ? [{ key: '/users', icon: <UserOutlined />, label: t('menu.users') }] : []),
              ...(has('audit.read') ? [{ key: '/audit', icon: <AuditOutlined />, label: t('menu.audit') }] : []),
            ],
          },
        ]
      : []),
  ];
  const selected =
    location.pathname === '/requests/new' || location.pathname === '/work-orders/new'
      ? location.pathname
      : location.pathname === '/complaints/stats' || location.pathname === '/followups/questionnaires'
        ? location.pathname
        : location.pathname.startsWith('/parts/')
          ? location.pathname.split('/').slice(0, 3).join('/')
          : `/${location.pathname.split('/')[1] ?? ''}`;
  const menu = (
    <Menu
      data-testid="nav"
      mode="inline"
      selectedKeys={[selected]}
      items={items}
      onClick={(e) => {
        navigate(e.key);
        setOpen(false);
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );

  const switchLanguage = async (lang: Lang) => {
    await setLanguage(lang);
    // Remember it on the account too, so server-side messages (e-mail later) follow it.
    api.PATCH('/api/v1/auth/me', { body: { locale: lang } }).catch(() => undefined);
  };

  const brand = (
    <Space size={8} style={{ color: '#fff', fontWeight: 600, whiteSpace: 'nowrap' }}>
      <DatabaseOutlined />
      <span>{t('app.name')}</span>
      {!phone && <span style={{ fontWeight: 400, opacity: 0.85 }}>{t('app.title')}</span>}
    </Space>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* The header and the side menu stay in view; the menu scrolls on its own (issue 10 item 14). */}
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          paddingInline: phone ? 12 : 24,
          background: '#0f3a75',
          position: 'sticky',
          top: 0,
          zIndex: 20,
        }}
      >
        {phone && (
          <Button data-testid="nav-toggle" type="text" icon={<MenuOutlined style={{ color: '#fff' }} />} onClick={() => setOpen(true)} aria-label="menu" />
        )}
        {brand}
        <div style={{ flex: 1 }} />
        <NotificationBell phone={phone} />
        <Segmented
          data-testid="lang-switch"
          size="small"
          value={i18n.language === 'en-US' ? 'en-US' : 'zh-CN'}
          options={[
            { label: '中文', value: 'zh-CN' },
            { label: 'EN', value: 'en-US' },
          ]}
          onChange={(v) => switchLanguage(v as Lang)}
        />
        <Dropdown
          menu={{
            items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('app.logout') }],
            onClick: async ({ key }) => {
              if (key === 'logout') {
                await logout();
                navigate('/login');
              }
            },
          }}
        >
          <Button data-testid="user-menu" type="text" style={{ color: '#fff' }} icon={<UserOutlined />}>
            {phone ? null : me.displayName}
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout>
        {!phone && (
          <Layout.Sider
            data-testid="sider"
            width={220}
            theme="light"
            breakpoint="lg"
            collapsedWidth={64}
            style={{ borderInlineEnd: '1px solid #f0f0f0', position: 'sticky', top: HEADER_H, height: `calc(100vh - ${HEADER_H}px)`, overflowY: 'auto' }}
          >
            {menu}
          </Layout.Sider>
        )}
        {phone && (
          <Drawer placement="left" open={open} onClose={() => setOpen(false)} size={260} styles={{ body: { padding: 0 } }} title={t('app.name')}>
            {menu}
          </Drawer>
        )}
        <Layout.Content style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
          <OfflineBanner />
          <Outlet />
        </Layout.Content>
      </Layout>
      <Layout.Footer style={{ textAlign: 'center', padding: 12 }}>
        <Typography.Text type="secondary">MedService · {t('app.title')}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
