// Parts at the engineer's side (issue 10 item 9, R-PT-1, R-PT-5), as pure rules: which stores a
// job may draw from or ask for, the order the parts dialog offers parts in, and the life of a
// transfer request (调拨申请) from the central or emergency store into the engineer's van.

export type WarehouseKind = 'central' | 'emergency' | 'van';
export type Urgency = 'emergency' | 'urgent' | 'normal' | 'low';

/** Stores a job may be replenished from: central always; emergency stock only for emergency jobs (R-PT-5). */
export function storesFor(urgency: Urgency | string): WarehouseKind[] {
  return urgency === 'emergency' ? ['central', 'emergency'] : ['central'];
}

/** Why a store cannot serve a transfer request for a job of this urgency, or null when it can. */
export function requestSourceRefusal(kind: WarehouseKind, urgency: Urgency | string): 'transfer_source_invalid' | 'emergency_stock_reserved' | null {
  if (kind === 'van') return 'transfer_source_invalid'; // vans are never a source: another engineer's van is not a store
  if (!storesFor(urgency).includes(kind)) return 'emergency_stock_reserved';
  return null;
}

export interface RankedOption {
  code: string;
  /** The part fits the device's model. */
  compatible: boolean;
  /** Good stock in the caller's own van. */
  vanQty: number;
}

/** The dialog's order: parts fitting the device first, then what the van holds, then by code. */
export function rankOptions<T extends RankedOption>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => Number(b.compatible) - Number(a.compatible) || Number(b.vanQty > 0) - Number(a.vanQty > 0) || a.code.localeCompare(b.code));
}

export const TRANSFER_REQUEST_STATUSES = ['requested', 'fulfilled', 'rejected', 'cancelled'] as const;
export type TransferRequestStatus = (typeof TRANSFER_REQUEST_STATUSES)[number];
export type TransferRequestStep = 'fulfil' | 'reject' | 'cancel';

/** requested → fulfilled (the parts administrator ships it) | rejected (with a reason) | cancelled (by the engineer). */
const STEPS: Record<TransferRequestStatus, Partial<Record<TransferRequestStep, TransferRequestStatus>>> = {
  requested: { fulfil: 'fulfilled', reject: 'rejected', cancel: 'cancelled' },
  fulfilled: {},
  rejected: {},
  cancelled: {},
};

/** The status a step leads to, or null when the request is already decided. */
export function transferRequestNext(from: TransferRequestStatus, step: TransferRequestStep): TransferRequestStatus | null {
  return STEPS[from][step] ?? null;
}
