// Routes. Everything but /login needs a session; areas appear as their modules land.
import { Spin } from 'antd';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { MeProvider, useMeQuery } from './auth';
import { AppLayout } from './components/AppLayout';
import { AuditPage } from './pages/AuditPage';
import { ContractsPage } from './pages/ContractsPage';
import { CustomerDetailPage } from './pages/CustomerDetailPage';
import { CustomersPage } from './pages/CustomersPage';
import { ChannelsPage } from './pages/care/ChannelsPage';
import { ComplaintStatsPage } from './pages/care/ComplaintStatsPage';
import { ComplaintDetailPage, ComplaintsPage } from './pages/care/ComplaintsPage';
import { FollowupsPage } from './pages/care/FollowupsPage';
import { PublicSurveyPage } from './pages/care/PublicSurveyPage';
import { QuestionnairesPage } from './pages/care/QuestionnairesPage';
import { RulesPage } from './pages/care/RulesPage';
import { SurveysPage } from './pages/care/SurveysPage';
import { DashboardPage } from './pages/DashboardPage';
import { DeviceDetailPage } from './pages/DeviceDetailPage';
import { DevicesPage } from './pages/DevicesPage';
import { ImportPage } from './pages/ImportPage';
import { LoginPage } from './pages/LoginPage';
import { ModelsPage } from './pages/ModelsPage';
import { PartsCatalogPage, SuppliersPage, WarehousesPage } from './pages/parts/CatalogPages';
import { IssuePage } from './pages/parts/IssuePage';
import { LedgerPage } from './pages/parts/LedgerPage';
import { PartsReportsPage } from './pages/parts/PartsReportsPage';
import { PurchasingPage } from './pages/parts/PurchasingPage';
import { StockPage } from './pages/parts/StockPage';
import { StocktakeDetailPage, StocktakesPage } from './pages/parts/StocktakePages';
import { AtRiskPage } from './pages/service/admin/AtRiskPage';
import { DailyReportsPage } from './pages/service/admin/DailyReportsPage';
import { EngineerProfilesPage } from './pages/service/admin/EngineerProfilesPage';
import { GoodsRegisterPage } from './pages/service/admin/GoodsRegisterPage';
import { PriceListPage } from './pages/service/admin/PriceListPage';
import { SlaAdminPage } from './pages/service/admin/SlaAdminPage';
import { DispatchBoardPage } from './pages/service/DispatchBoardPage';
import { LoansPage } from './pages/service/loans/LoansPage';
import { SameDayMissesPage } from './pages/service/loans/SameDayMissesPage';
import { MyWorkPage } from './pages/service/MyWorkPage';
import { NewRequestPage } from './pages/service/NewRequestPage';
import { RequestDetailPage } from './pages/service/RequestDetailPage';
import { RequestsPage } from './pages/service/RequestsPage';
import { ReviewQueuePage } from './pages/service/ReviewQueuePage';
import { WorkOrderPage } from './pages/service/WorkOrderPage';
import { WorkOrdersPage } from './pages/service/WorkOrdersPage';
import { UsersPage } from './pages/UsersPage';

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
  if (me.isLoading) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  }
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
        <Route path="/login" element={<Navigate to="/" replace />} />
        <Route element={<AppLayout />}>
          <Route index element={<DashboardPage />} />
          <Route path="customers" element={<CustomersPage />} />
          <Route path="customers/:id" element={<CustomerDetailPage />} />
          <Route path="devices" element={<DevicesPage />} />
          <Route path="devices/:id" element={<DeviceDetailPage />} />
          <Route path="models" element={<ModelsPage />} />
          <Route path="contracts" element={<ContractsPage />} />
          <Route path="imports" element={<ImportPage />} />
          <Route path="requests" element={<RequestsPage />} />
          <Route path="requests/new" element={<NewRequestPage />} />
          <Route path="requests/:id" element={<RequestDetailPage />} />
          <Route path="dispatch" element={<DispatchBoardPage />} />
          <Route path="my-work" element={<MyWorkPage />} />
          <Route path="work-orders" element={<WorkOrdersPage />} />
          <Route path="work-orders/:id" element={<WorkOrderPage />} />
          <Route path="reviews" element={<ReviewQueuePage />} />
          <Route path="at-risk" element={<AtRiskPage />} />
          <Route path="daily-reports" element={<DailyReportsPage />} />
          <Route path="goods-register" element={<GoodsRegisterPage />} />
          <Route path="sla" element={<SlaAdminPage />} />
          <Route path="engineer-profiles" element={<EngineerProfilesPage />} />
          <Route path="price-list" element={<PriceListPage />} />
          <Route path="loans" element={<LoansPage />} />
          <Route path="same-day-misses" element={<SameDayMissesPage />} />
          <Route path="parts/catalog" element={<PartsCatalogPage />} />
          <Route path="parts/suppliers" element={<SuppliersPage />} />
          <Route path="parts/warehouses" element={<WarehousesPage />} />
          <Route path="parts/stock" element={<StockPage />} />
          <Route path="parts/ledger" element={<LedgerPage />} />
          <Route path="parts/issue" element={<IssuePage />} />
          <Route path="parts/stocktakes" element={<StocktakesPage />} />
          <Route path="parts/stocktakes/:id" element={<StocktakeDetailPage />} />
          <Route path="parts/purchasing" element={<PurchasingPage />} />
          <Route path="parts/reports" element={<PartsReportsPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="followups" element={<FollowupsPage />} />
          <Route path="surveys" element={<SurveysPage />} />
          <Route path="complaints" element={<ComplaintsPage />} />
          <Route path="complaints/stats" element={<ComplaintStatsPage />} />
          <Route path="complaints/:id" element={<ComplaintDetailPage />} />
          <Route path="followup-rules" element={<RulesPage />} />
          <Route path="followups/questionnaires" element={<QuestionnairesPage />} />
          <Route path="channels" element={<ChannelsPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </MeProvider>
  );
}
