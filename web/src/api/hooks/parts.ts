// Spare parts (备件, R-PT-1..5): stock, the ledger, movements, pickers, reports and the parts a
// job can take (issue 11 item 2). Every /api/v1/parts/... path shares the root 'parts'; the
// purchasing, stocktake and transfer-request hooks live in their own files with the same keys.
// A list is keyed partsKeys.list(path, query) like ListPage's, so partsKeys.list(path) (an empty
// query matches every query) refreshes every page of that one path.
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, type GetData, type GetQuery, getPage, type ListPath, must } from '../../api';
import { useMe } from '../../auth';
import { keysFor, rootOf } from '../keys';
import { workOrderKeys as woKeys } from './workOrders';

export type Part = components['schemas']['Part'];
export type Warehouse = components['schemas']['Warehouse'];
export type Supplier = components['schemas']['Supplier'];
export type StockRow = components['schemas']['StockBalance'];
export type DeviceSwap = components['schemas']['DeviceSwap'];
export type PartsOptions = components['schemas']['PartsOptions'];
/** One part a job can take from the van or ask the stores for. */
export type PartOption = PartsOptions['items'][number];

export const partsKeys = keysFor('parts');

const STOCK = '/api/v1/parts/stock';
const LEDGER = '/api/v1/parts/ledger';
const REPORTS = [
  '/api/v1/parts/reports/stock-by-warehouse',
  '/api/v1/parts/reports/consumption',
  '/api/v1/parts/reports/work-order-costs',
  '/api/v1/parts/reports/slow-movers',
  '/api/v1/parts/reports/reorder',
] as const;
export const REORDER = '/api/v1/parts/reorder-suggestions';
const DEVICE_HISTORY = '/api/v1/parts/device-history/{id}';

/** Every page of these paths (under the parts root). */
export const invalidatePaths = (qc: QueryClient, ...paths: string[]) => Promise.all(paths.map((p) => qc.invalidateQueries({ queryKey: partsKeys.list(p) })));

/** What jobs can take (GET /work-orders/:id/parts-options, keyed under the work order). */
export const partsOptionsChanged = (qc: QueryClient) =>
  qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === woKeys.all[0] && q.queryKey[1] === 'detail' && q.queryKey[3] === 'parts-options' });

/**
 * A movement in the ledger changed balances: stock, the ledger, the reports, what to reorder and
 * the parts a job can take (its van's quantities).
 */
export const stockMoved = (qc: QueryClient) => Promise.all([invalidatePaths(qc, STOCK, LEDGER, REORDER, ...REPORTS), partsOptionsChanged(qc)]);

// ---- reads ------------------------------------------------------------------------------------

/** A picker's page of a list path (parts, warehouses, suppliers, work orders), searched on the server. */
export function usePick<P extends ListPath>(path: P, query: Record<string, string | number | undefined>) {
  return useQuery({ queryKey: keysFor(rootOf(path)).list(path, query), queryFn: () => getPage(path, query) });
}

/** The caller's own van (a van warehouse they own), if any. */
export function useMyVan(): Warehouse | undefined {
  const me = useMe();
  const query = { kind: 'van', pageSize: 200 } as const;
  const vans = useQuery({
    queryKey: partsKeys.list('/api/v1/parts/warehouses', query),
    queryFn: () => must(api.GET('/api/v1/parts/warehouses', { params: { query } })),
  });
  return vans.data?.items.find((w) => w.ownerId === me.id);
}

/** What one warehouse holds (the van on the engineer's page). */
export function useWarehouseStock(warehouseId: string | undefined) {
  const query = { warehouseId, pageSize: 200 };
  return useQuery({
    queryKey: partsKeys.list(STOCK, query),
    queryFn: () => must(api.GET(STOCK, { params: { query } })),
    enabled: Boolean(warehouseId),
  });
}

/** The engineers who can own a van. */
export const useEngineers = () => useQuery({ queryKey: partsKeys.list('/api/v1/parts/engineers'), queryFn: () => must(api.GET('/api/v1/parts/engineers')) });

/** A device's part swaps, work order by work order. */
export const useDeviceSwaps = (deviceId: string) =>
  useQuery({
    queryKey: partsKeys.list(DEVICE_HISTORY, { id: deviceId }),
    queryFn: () => must(api.GET(DEVICE_HISTORY, { params: { path: { id: deviceId } } })),
  });

export type ReportPath = (typeof REPORTS)[number];
/** One row of a parts report. */
export type ReportRow<P extends ReportPath> = GetData<P>[number];
/** A parts report's rows (its Excel export is the same path with format=xlsx). */
export function usePartsReport<P extends ReportPath>(path: P, query: GetQuery<P>) {
  // openapi-fetch cannot pick the overload while P is generic; the path and query are typed above.
  const get = api.GET as unknown as (p: P, init: { params: { query: GetQuery<P> } }) => Promise<{ data?: GetData<P>; error?: unknown; response: Response }>;
  return useQuery({ queryKey: partsKeys.list(path, query), queryFn: () => must(get(path, { params: { query } })) });
}

/** The parts a job can take: the caller's van first, parts fitting the device first. */
export function usePartsOptions(workOrderId: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: woKeys.detail(workOrderId, 'parts-options', q),
    queryFn: () => must(api.GET('/api/v1/work-orders/{id}/parts-options', { params: { path: { id: workOrderId }, query: { q: q || undefined } } })),
    enabled,
  });
}

// ---- writes -----------------------------------------------------------------------------------

/** Checks that every balance equals its ledger sum (a read, run on demand). */
export const useVerifyLedger = () => useMutation({ mutationFn: () => must(api.GET('/api/v1/parts/ledger/verify')) });

export type MovementInput =
  | { kind: 'receipt'; body: BodyOf<'/api/v1/parts/receipts', 'post'> }
  | { kind: 'transfer'; body: BodyOf<'/api/v1/parts/transfers', 'post'> };

/** Receiving into a warehouse, or a transfer between two. */
export function useStockMovement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (m: MovementInput) =>
      m.kind === 'receipt' ? must(api.POST('/api/v1/parts/receipts', { body: m.body })) : must(api.POST('/api/v1/parts/transfers', { body: m.body })),
    onSuccess: () => stockMoved(qc),
  });
}

/** Draws a part onto a work order: stock moves, and the work order and the device's swaps change. */
export function useIssuePart() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/parts/issue-to-work-order', 'post'>) => must(api.POST('/api/v1/parts/issue-to-work-order', { body })),
    onSuccess: (_, body) =>
      Promise.all([stockMoved(qc), invalidatePaths(qc, DEVICE_HISTORY), qc.invalidateQueries({ queryKey: woKeys.detail(body.workOrderId) })]),
  });
}

/** The faulty unit taken out goes back into faulty stock against the work order. */
export function useReturnFaulty() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/parts/return-faulty', 'post'>) => must(api.POST('/api/v1/parts/return-faulty', { body })),
    onSuccess: () => stockMoved(qc),
  });
}
