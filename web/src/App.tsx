// Routes. Everything but /login needs a session; areas appear as their modules land.
import { Spin } from 'antd';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { MeProvider, useMeQuery } from './auth';
import { AppLayout } from './components/AppLayout';
import { AuditPage } from './pages/AuditPage';
import { ContractsPage } from './pages/ContractsPage';
import { CustomerDetailPage } from './pages/CustomerDetailPage';
import { CustomersPage } from './pages/CustomersPage';
import { DashboardPage } from './pages/DashboardPage';
import { DeviceDetailPage } from './pages/DeviceDetailPage';
import { DevicesPage } from './pages/DevicesPage';
import { ImportPage } from './pages/ImportPage';
import { LoginPage } from './pages/LoginPage';
import { ModelsPage } from './pages/ModelsPage';
import { DispatchBoardPage } from './pages/service/DispatchBoardPage';
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
          <Route path="users" element={<UsersPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </MeProvider>
  );
}
