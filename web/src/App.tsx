// Routes. Everything but /login needs a session; areas appear as their modules land.
// Each screen is its own chunk (React.lazy), loaded when its route is first visited, so the
// login page fetches only React, the router, TanStack Query, i18next and its own plain form (no
// antd, issue 17 item 6), and heavy libraries (echarts, signature_pad) arrive with the screens
// that use them. The layout is lazy too (antd's providers, menus, icons, notification bell, the
// strings of every screen); pages suspend inside it, so the menu stays put while a screen's code
// loads. Screens live in routes/<domain>/<screen>/ (issue 11 item 7).
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { matchRoutes, Navigate, Route, Routes, useLocation } from 'react-router';
import { fetchEarly, type ListSpec } from './api/early';
import { MeProvider, useMeQuery } from './auth';
import { loadMessages } from './i18n';
import { LoginPage } from './routes/login/LoginPage';
import { workOrdersList } from './routes/service/work-orders/list';

// A tab opened before a new build was deployed asks for chunks that no longer exist (the server
// answers 404): load the current build instead, at most once a minute so a real outage does
// not become a reload loop.
window.addEventListener('vite:preloadError', () => {
  const last = Number(sessionStorage.getItem('ms_chunk_reload') ?? 0);
  if (Date.now() - last < 60_000) return;
  sessionStorage.setItem('ms_chunk_reload', String(Date.now()));
  window.location.reload();
});

type Screen = ComponentType & { preload: () => Promise<unknown> };

/**
 * A named export of a lazily loaded module, as a component that shows a spinner until it
 * arrives; `preload()` starts fetching it before it is rendered.
 */
function lazyNamed<M, K extends keyof M & string>(load: () => Promise<M>, name: K, fallback: ReactNode = <PageSpin />): Screen {
  let loading: Promise<M> | undefined;
  const preload = () =>
    (loading ??= load().catch((err) => {
      loading = undefined;
      throw err;
    }));
  const Lazy = lazy(async () => ({ default: (await preload())[name] as ComponentType }));
  const Loaded = () => (
    <Suspense fallback={fallback}>
      <Lazy />
    </Suspense>
  );
  Loaded.displayName = `Lazy(${name})`;
  return Object.assign(Loaded, { preload });
}

// Spinners without antd (the entry has none): a ring drawn by the .ms-spin rule in index.html.
function PageSpin() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: 240 }}>
      <span className="ms-spin" />
    </div>
  );
}

function FullSpin() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
      <span className="ms-spin ms-spin-lg" />
    </div>
  );
}

/**
 * A page outside the login form: its module, antd's providers around it and every string
 * (loadMessages), fetched together — the pieces the entry leaves out.
 */
function withShell<M>(load: () => Promise<M>, name: keyof M & string): () => Promise<M> {
  return async () => {
    const [mod, { AntShell }] = await Promise.all([load(), import('./components/AntShell'), loadMessages()]);
    const Page = mod[name] as ComponentType;
    const Shelled = () => (
      <AntShell>
        <Page />
      </AntShell>
    );
    return { ...mod, [name]: Shelled };
  };
}

const layout = withShell(() => import('./components/AppLayout'), 'AppLayout');
const AppLayout = lazyNamed(layout, 'AppLayout', <FullSpin />);
const NotFoundPage = lazyNamed(() => import('./routes/not-found/NotFoundPage'), 'NotFoundPage');
const publicSurvey = withShell(() => import('./routes/care/public-survey/PublicSurveyPage'), 'PublicSurveyPage');
const PublicSurveyPage = lazyNamed(publicSurvey, 'PublicSurveyPage', <FullSpin />);
const labelScan = withShell(() => import('./routes/labels/ScanPage'), 'ScanPage');
const ScanPage = lazyNamed(labelScan, 'ScanPage', <FullSpin />);
const certificateVerify = withShell(() => import('./routes/training/verify/CertificateVerifyPage'), 'CertificateVerifyPage');
const CertificateVerifyPage = lazyNamed(certificateVerify, 'CertificateVerifyPage', <FullSpin />);

/** The signed-in screens inside the layout, by route path ('' is the start page). */
const screens: Record<string, Screen> = {
  '': lazyNamed(() => import('./routes/dashboard/DashboardPage'), 'DashboardPage'),
  customers: lazyNamed(() => import('./routes/registry/customers/CustomersPage'), 'CustomersPage'),
  'customers/:id': lazyNamed(() => import('./routes/registry/customer/CustomerDetailPage'), 'CustomerDetailPage'),
  devices: lazyNamed(() => import('./routes/registry/devices/DevicesPage'), 'DevicesPage'),
  'devices/:id': lazyNamed(() => import('./routes/registry/device/DeviceDetailPage'), 'DeviceDetailPage'),
  models: lazyNamed(() => import('./routes/registry/models/ModelsPage'), 'ModelsPage'),
  contracts: lazyNamed(() => import('./routes/registry/contracts/ContractsPage'), 'ContractsPage'),
  imports: lazyNamed(() => import('./routes/registry/import/ImportPage'), 'ImportPage'),
  requests: lazyNamed(() => import('./routes/service/requests/RequestsPage'), 'RequestsPage'),
  'requests/new': lazyNamed(() => import('./routes/service/new-request/NewRequestPage'), 'NewRequestPage'),
  'requests/:id': lazyNamed(() => import('./routes/service/request/RequestDetailPage'), 'RequestDetailPage'),
  dispatch: lazyNamed(() => import('./routes/service/dispatch-board/DispatchBoardPage'), 'DispatchBoardPage'),
  'my-work': lazyNamed(() => import('./routes/service/my-work/MyWorkPage'), 'MyWorkPage'),
  'work-orders': lazyNamed(() => import('./routes/service/work-orders/WorkOrdersPage'), 'WorkOrdersPage'),
  'work-orders/new': lazyNamed(() => import('./routes/service/new-work-order/NewWorkOrderPage'), 'NewWorkOrderPage'),
  'work-orders/:id': lazyNamed(() => import('./routes/service/work-order/WorkOrderPage'), 'WorkOrderPage'),
  reviews: lazyNamed(() => import('./routes/service/review-queue/ReviewQueuePage'), 'ReviewQueuePage'),
  'at-risk': lazyNamed(() => import('./routes/service/admin/at-risk/AtRiskPage'), 'AtRiskPage'),
  'daily-reports': lazyNamed(() => import('./routes/service/admin/daily-reports/DailyReportsPage'), 'DailyReportsPage'),
  'goods-register': lazyNamed(() => import('./routes/service/admin/goods-register/GoodsRegisterPage'), 'GoodsRegisterPage'),
  sla: lazyNamed(() => import('./routes/service/admin/sla/SlaAdminPage'), 'SlaAdminPage'),
  'engineer-profiles': lazyNamed(() => import('./routes/service/admin/engineer-profiles/EngineerProfilesPage'), 'EngineerProfilesPage'),
  'price-list': lazyNamed(() => import('./routes/service/admin/price-list/PriceListPage'), 'PriceListPage'),
  loans: lazyNamed(() => import('./routes/service/loans/loaners/LoansPage'), 'LoansPage'),
  'same-day-misses': lazyNamed(() => import('./routes/service/loans/same-day-misses/SameDayMissesPage'), 'SameDayMissesPage'),
  'parts/catalog': lazyNamed(() => import('./routes/parts/catalog/CatalogPages'), 'PartsCatalogPage'),
  'parts/suppliers': lazyNamed(() => import('./routes/parts/catalog/CatalogPages'), 'SuppliersPage'),
  'parts/warehouses': lazyNamed(() => import('./routes/parts/catalog/CatalogPages'), 'WarehousesPage'),
  'parts/stock': lazyNamed(() => import('./routes/parts/stock/StockPage'), 'StockPage'),
  'parts/ledger': lazyNamed(() => import('./routes/parts/ledger/LedgerPage'), 'LedgerPage'),
  'parts/issue': lazyNamed(() => import('./routes/parts/issue/IssuePage'), 'IssuePage'),
  'parts/transfer-requests': lazyNamed(() => import('./routes/parts/transfer-requests/TransferRequestsPage'), 'TransferRequestsPage'),
  'parts/stocktakes': lazyNamed(() => import('./routes/parts/stocktake/StocktakePages'), 'StocktakesPage'),
  'parts/stocktakes/:id': lazyNamed(() => import('./routes/parts/stocktake/StocktakePages'), 'StocktakeDetailPage'),
  'parts/purchasing': lazyNamed(() => import('./routes/parts/purchasing/PurchasingPage'), 'PurchasingPage'),
  'parts/reports': lazyNamed(() => import('./routes/parts/reports/PartsReportsPage'), 'PartsReportsPage'),
  users: lazyNamed(() => import('./routes/admin/users/UsersPage'), 'UsersPage'),
  audit: lazyNamed(() => import('./routes/admin/audit/AuditPage'), 'AuditPage'),
  followups: lazyNamed(() => import('./routes/care/followups/FollowupsPage'), 'FollowupsPage'),
  surveys: lazyNamed(() => import('./routes/care/surveys/SurveysPage'), 'SurveysPage'),
  complaints: lazyNamed(() => import('./routes/care/complaints/ComplaintsPage'), 'ComplaintsPage'),
  'complaints/stats': lazyNamed(() => import('./routes/care/complaint-stats/ComplaintStatsPage'), 'ComplaintStatsPage'),
  'complaints/:id': lazyNamed(() => import('./routes/care/complaints/ComplaintsPage'), 'ComplaintDetailPage'),
  'followup-rules': lazyNamed(() => import('./routes/care/rules/RulesPage'), 'RulesPage'),
  'followups/questionnaires': lazyNamed(() => import('./routes/care/questionnaires/QuestionnairesPage'), 'QuestionnairesPage'),
  channels: lazyNamed(() => import('./routes/care/channels/ChannelsPage'), 'ChannelsPage'),
  'visit-plans': lazyNamed(() => import('./routes/care/visit-plans/VisitPlansPage'), 'VisitPlansPage'),
  'training/sessions': lazyNamed(() => import('./routes/training/sessions/TrainingSessionsPage'), 'TrainingSessionsPage'),
  'training/sessions/:id': lazyNamed(() => import('./routes/training/sessions/TrainingSessionsPage'), 'TrainingSessionPage'),
  'training/archive': lazyNamed(() => import('./routes/training/archive/TrainingArchivePage'), 'TrainingArchivePage'),
  'training/staff': lazyNamed(() => import('./routes/training/staff/StaffTrainingPage'), 'StaffTrainingPage'),
  'training/qualifications': lazyNamed(() => import('./routes/training/qualifications/QualificationsPage'), 'QualificationsPage'),
  campaigns: lazyNamed(() => import('./routes/campaigns/CampaignsPage'), 'CampaignsPage'),
  'campaigns/:id': lazyNamed(() => import('./routes/campaigns/CampaignsPage'), 'CampaignPage'),
  'my-notices': lazyNamed(() => import('./routes/campaigns/MyNoticesPage'), 'MyNoticesPage'),
  'device-holds': lazyNamed(() => import('./routes/holds/HoldsPage'), 'HoldsPage'),
  'device-holds/:id': lazyNamed(() => import('./routes/holds/HoldsPage'), 'HoldPage'),
  'adverse-events': lazyNamed(() => import('./routes/vigilance/AdverseEventsPage'), 'AdverseEventsPage'),
  'adverse-events/settings': lazyNamed(() => import('./routes/vigilance/AdverseEventsPage'), 'AdverseEventSettingsPage'),
  'adverse-events/:id': lazyNamed(() => import('./routes/vigilance/AdverseEventsPage'), 'AdverseEventPage'),
  'adverse-event-clusters': lazyNamed(() => import('./routes/vigilance/AdverseEventsPage'), 'AdverseEventClustersPage'),
  'quality-tracking': lazyNamed(() => import('./routes/quality/QualityPage'), 'QualityTrackingPage'),
  'quality-tracking/:id': lazyNamed(() => import('./routes/quality/QualityPage'), 'QualityModelPage'),
  traceability: lazyNamed(() => import('./routes/traceability/TraceabilityPage'), 'TraceabilityPage'),
  'devices/:id/dossier': lazyNamed(() => import('./routes/traceability/DossierPage'), 'DossierPage'),
  invoices: lazyNamed(() => import('./routes/billing/InvoicesPage'), 'InvoicesPage'),
  'invoices/:id': lazyNamed(() => import('./routes/billing/InvoicesPage'), 'InvoicePage'),
  'cash-handovers': lazyNamed(() => import('./routes/billing/CashPage'), 'CashPage'),
  budgets: lazyNamed(() => import('./routes/billing/BudgetPage'), 'BudgetPage'),
  returns: lazyNamed(() => import('./routes/returns/ReturnsPage'), 'ReturnsPage'),
  'returns/new': lazyNamed(() => import('./routes/returns/ReturnsPage'), 'NewReturnPage'),
  'returns/:id': lazyNamed(() => import('./routes/returns/ReturnsPage'), 'ReturnPage'),
  escalations: lazyNamed(() => import('./routes/escalations/EscalationsPage'), 'EscalationsPage'),
  'escalations/settings': lazyNamed(() => import('./routes/escalations/EscalationsPage'), 'EscalationSettingsPage'),
  quotes: lazyNamed(() => import('./routes/quotes/QuotesPage'), 'QuotesPage'),
  'quotes/:id': lazyNamed(() => import('./routes/quotes/QuotesPage'), 'QuotePage'),
  'scan-reports': lazyNamed(() => import('./routes/labels/ScanReportsPage'), 'ScanReportsPage'),
  'supplier-notices': lazyNamed(() => import('./routes/returns/NoticesPage'), 'NoticesPage'),
  units: lazyNamed(() => import('./routes/units/UnitsPage'), 'UnitsPage'),
  'units/:id': lazyNamed(() => import('./routes/units/UnitsPage'), 'UnitPage'),
  'branch-reports': lazyNamed(() => import('./routes/units/BranchReportsPage'), 'BranchReportsPage'),
  'branch-reports/:id': lazyNamed(() => import('./routes/units/BranchReportsPage'), 'BranchReportPage'),
  handbook: lazyNamed(() => import('./routes/handbook/HandbookPage'), 'HandbookPage'),
  'handbook/new': lazyNamed(() => import('./routes/handbook/HandbookPage'), 'HandbookEditorPage'),
  'handbook/whats-new': lazyNamed(() => import('./routes/handbook/HandbookPage'), 'WhatsNewPage'),
  'handbook/:id': lazyNamed(() => import('./routes/handbook/HandbookPage'), 'HandbookEntryPage'),
  'handbook/:id/edit': lazyNamed(() => import('./routes/handbook/HandbookPage'), 'HandbookEditorPage'),
  'model-documents': lazyNamed(() => import('./routes/handbook/ModelDocumentsPage'), 'ModelDocumentsPage'),
  instruments: lazyNamed(() => import('./routes/instruments/list/InstrumentsPage'), 'InstrumentsPage'),
  'instruments/:id': lazyNamed(() => import('./routes/instruments/list/InstrumentsPage'), 'InstrumentPage'),
  renewals: lazyNamed(() => import('./routes/renewals/pipeline/RenewalsPage'), 'RenewalsPage'),
  appraisals: lazyNamed(() => import('./routes/appraisals/AppraisalsPage'), 'AppraisalsPage'),
  kpis: lazyNamed(() => import('./routes/kpis/KpiDashboardPage'), 'KpiDashboardPage'),
  'kpis/drill': lazyNamed(() => import('./routes/kpis/KpiDrillPage'), 'KpiDrillPage'),
  'renewals/rate': lazyNamed(() => import('./routes/renewals/rate/RenewalRatePage'), 'RenewalRatePage'),
  'renewal-notices': lazyNamed(() => import('./routes/renewals/notices/RenewalNoticesPage'), 'RenewalNoticesPage'),
  installations: lazyNamed(() => import('./routes/install/notices/InstallationsPage'), 'InstallationsPage'),
  'installations/settings': lazyNamed(() => import('./routes/install/settings/InstallationSettingsPage'), 'InstallationSettingsPage'),
  'installations/:id': lazyNamed(() => import('./routes/install/installation/InstallationPage'), 'InstallationPage'),
  'maintenance-templates': lazyNamed(() => import('./routes/maintenance/templates/MaintenanceTemplatesPage'), 'MaintenanceTemplatesPage'),
  'maintenance-plans': lazyNamed(() => import('./routes/maintenance/plans/MaintenancePlansPage'), 'MaintenancePlansPage'),
  'maintenance-reports': lazyNamed(() => import('./routes/maintenance/reports/MonthlyReportPage'), 'MonthlyReportPage'),
  'my-maintenance': lazyNamed(() => import('./routes/maintenance/portal/MyMaintenancePage'), 'MyMaintenancePage'),
  'maintenance-evidence': lazyNamed(() => import('./routes/maintenance/evidence/EvidenceExceptionsPage'), 'EvidenceExceptionsPage'),
  calls: lazyNamed(() => import('./routes/calls/calls/CallsPage'), 'CallsPage'),
  'missed-calls': lazyNamed(() => import('./routes/calls/missed/MissedCallsPage'), 'MissedCallsPage'),
  'on-call': lazyNamed(() => import('./routes/calls/roster/RosterPage'), 'RosterPage'),
  consultations: lazyNamed(() => import('./routes/calls/consultations/ConsultationsPage'), 'ConsultationsPage'),
  'consultations/:id': lazyNamed(() => import('./routes/calls/consultations/ConsultationsPage'), 'ConsultationDetailPage'),
};

/** List screens whose first page is fetched at start-up, with /auth/me (api/early.ts). */
const earlyLists: Record<string, ListSpec> = { 'work-orders': workOrdersList };

// Opening (or reloading) a signed-in address: fetch the layout and that screen's code (and its
// list's first page) while /auth/me is still on its way, instead of one after the other.
const startPath = window.location.pathname;
if (startPath !== '/login' && !startPath.startsWith('/survey/') && !startPath.startsWith('/d/')) {
  void AppLayout.preload().catch(() => {});
  const match = matchRoutes(
    Object.keys(screens).map((path) => ({ path: `/${path}` })),
    startPath,
  )?.[0];
  const path = match ? (match.route.path ?? '/').slice(1) : undefined;
  if (path !== undefined) {
    void screens[path].preload().catch(() => {});
    if (earlyLists[path]) fetchEarly(earlyLists[path], window.location.search);
  }
}

/**
 * Where /login leads once signed in: the `next` address the login redirect carried (same
 * origin only). The login page navigates there too, but this render can come first and would
 * otherwise drop it for the start page.
 */
function afterLogin(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function AppRoutes() {
  const me = useMeQuery();
  const location = useLocation();
  // The survey link (R-SV-1) opens without a login, logged in or not.
  if (location.pathname.startsWith('/survey/')) {
    return (
      <Routes>
        <Route path="/survey/:token" element={<PublicSurveyPage />} />
      </Routes>
    );
  }
  // A device label's QR code (issue 16 §2) opens the scan page, logged in or not; the server says
  // who is looking (staff are sent on to the device page from there).
  if (location.pathname.startsWith('/d/')) {
    return (
      <Routes>
        <Route path="/d/:token" element={<ScanPage />} />
      </Routes>
    );
  }
  // The certificate check behind a training certificate's QR code (R-TR-1) opens without a login too.
  if (location.pathname.startsWith('/verify/certificate/')) {
    return (
      <Routes>
        <Route path="/verify/certificate/:token" element={<CertificateVerifyPage />} />
      </Routes>
    );
  }
  if (me.isLoading) return <FullSpin />;
  if (!me.data) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />} />
      </Routes>
    );
  }
  return (
    <MeProvider me={me.data}>
      <Routes>
        <Route path="/login" element={<Navigate to={afterLogin(location.search)} replace />} />
        <Route element={<AppLayout />}>
          {Object.entries(screens).map(([path, Screen]) =>
            path === '' ? <Route key="index" index element={<Screen />} /> : <Route key={path} path={path} element={<Screen />} />,
          )}
          {/* An unknown address inside the app is a 404 page, not the dashboard (issue 10 item 14). */}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </MeProvider>
  );
}
