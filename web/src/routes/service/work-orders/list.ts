// What the work-order list asks the server for: shared by the screen and by the start-up fetch in
// App.tsx, which asks for the first page while the session is checked (api/early.ts).
import type { ListSpec } from '../../../api/early';

export const workOrdersList = {
  endpoint: '/api/v1/work-orders' as const,
  filterKeys: ['status', 'kind', 'urgency', 'customerId', 'mine', 'unitId'],
} satisfies ListSpec;
