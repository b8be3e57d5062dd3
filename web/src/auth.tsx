// The signed-in user (GET /auth/me) and role checks. The server enforces every permission;
// the UI only hides what the user could not do anyway.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { api, must } from './api';

export type Role =
  | 'admin'
  | 'service_manager'
  | 'dispatcher'
  | 'engineer'
  | 'technician'
  | 'technical_expert'
  | 'parts_admin'
  | 'quality'
  | 'sales'
  | 'finance'
  | 'executive'
  | 'customer_user';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  customerId: string | null;
  locale: string;
}

const MeContext = createContext<Me | null>(null);

export function useMeQuery() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      const r = await api.GET('/api/v1/auth/me');
      if (r.response.status === 401) return null;
      const data = await must(Promise.resolve(r));
      return data.user as Me;
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside MeProvider');
  return me;
}

/** True when the user holds any of the roles (mirrors the server's policy files). */
export function useCan(...roles: Role[]): boolean {
  const me = useMe();
  return me.roles.some((r) => roles.includes(r));
}

export const can = {
  editCustomers: ['admin', 'service_manager', 'dispatcher', 'sales'] as Role[],
  deleteRegistry: ['admin', 'service_manager'] as Role[],
  editModels: ['admin', 'service_manager', 'quality'] as Role[],
  createDevices: ['admin', 'service_manager', 'dispatcher', 'engineer'] as Role[],
  editDevices: ['admin', 'service_manager', 'dispatcher', 'engineer', 'quality'] as Role[],
  editContracts: ['admin', 'service_manager', 'sales', 'finance'] as Role[],
  importCustomers: ['admin', 'service_manager', 'dispatcher', 'sales'] as Role[],
  importDevices: ['admin', 'service_manager', 'dispatcher'] as Role[],
  users: ['admin'] as Role[],
  audit: ['admin', 'quality'] as Role[],
  // Service loop (server/modules/requests|workorders/*.policy.ts)
  registerRequests: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technical_expert', 'customer_user'] as Role[],
  respondRequests: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technician', 'technical_expert'] as Role[],
  pauseRequests: ['admin', 'service_manager', 'dispatcher'] as Role[],
  dispatch: ['admin', 'service_manager', 'dispatcher'] as Role[],
  actWorkOrders: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technician', 'technical_expert'] as Role[],
  signWorkOrders: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technician', 'customer_user'] as Role[],
  review: ['service_manager', 'dispatcher'] as Role[],
  /** Who gets work assigned: the "my work" screen. */
  myWork: ['engineer', 'technician', 'technical_expert'] as Role[],
  // Follow-ups, surveys, complaints (server/modules/{followups,surveys,complaints}/*.policy.ts)
  followups: ['admin', 'service_manager', 'dispatcher', 'engineer', 'quality', 'executive'] as Role[],
  approveFollowups: ['admin', 'service_manager'] as Role[],
  surveys: ['admin', 'service_manager', 'dispatcher', 'quality', 'executive', 'customer_user'] as Role[],
  complaints: ['admin', 'service_manager', 'dispatcher', 'quality', 'executive', 'engineer'] as Role[],
  complaintStats: ['admin', 'service_manager', 'quality', 'executive'] as Role[],
  // Spare parts (server/modules/parts/parts.policy.ts)
  readParts: [
    'admin',
    'service_manager',
    'dispatcher',
    'engineer',
    'technician',
    'technical_expert',
    'parts_admin',
    'quality',
    'sales',
    'finance',
    'executive',
  ] as Role[],
  keepParts: ['admin', 'parts_admin'] as Role[],
  transferParts: ['admin', 'parts_admin', 'service_manager'] as Role[],
  issueParts: ['admin', 'service_manager', 'parts_admin', 'engineer', 'technician', 'technical_expert'] as Role[],
  verifyParts: ['admin', 'parts_admin', 'service_manager', 'quality'] as Role[],
  planPurchases: ['admin', 'parts_admin', 'service_manager'] as Role[],
  approvePurchases: ['service_manager'] as Role[],
  approveStocktakes: ['admin', 'service_manager'] as Role[],
};

export function useLogout() {
  const qc = useQueryClient();
  return async () => {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    qc.clear();
    qc.setQueryData(['me'], null);
  };
}
