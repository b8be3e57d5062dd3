// Device record rules (SPEC §2). Pure: no I/O.
//
// Warranty end (issue 10 item 2): the warranty starts at acceptance (验收合格日期) and runs for the
// model's warranty term, so its end is DERIVED from those two inputs and follows every correction
// of either. Only an explicit override with a reason (a negotiated or extended term) keeps a
// different date; clearing the override derives it again. A caller sending back a stale derived
// date is refused instead of silently keeping it.
import type { FieldCode } from '../../lib/errors.ts';
import { defaultWarrantyEnd } from '../contracts/index.ts';

export interface WarrantyState {
  warrantyEnd: string | null;
  warrantyEndOverride: boolean;
  warrantyOverrideReason: string | null;
}

export interface WarrantyChange {
  /** The warranty end the caller sent (undefined: not sent). */
  warrantyEnd?: string | null;
  /** `{ reason }`: keep the (sent or current) date as an override; null: clear it; undefined: as it is. */
  warrantyOverride?: { reason: string } | null;
}

export type WarrantyDecision = { ok: true; state: WarrantyState } | { ok: false; field: string; code: FieldCode };

/** The derived warranty end: null until the unit is accepted or without a term. */
export function derivedWarrantyEnd(acceptanceDate: string | null | undefined, warrantyMonths: number | null | undefined): string | null {
  if (!acceptanceDate || warrantyMonths === null || warrantyMonths === undefined) return null;
  return defaultWarrantyEnd(acceptanceDate, warrantyMonths);
}

/**
 * The warranty fields after a write. `derived` is computed from the record's inputs as they will
 * be after the write; `current` is the stored state (null on create).
 */
export function decideWarranty(derived: string | null, current: WarrantyState | null, change: WarrantyChange): WarrantyDecision {
  const sent = change.warrantyEnd;
  if (change.warrantyOverride) {
    const reason = change.warrantyOverride.reason.trim();
    if (!reason) return { ok: false, field: 'warrantyOverride.reason', code: 'required' };
    const end = sent !== undefined ? sent : (current?.warrantyEnd ?? null);
    if (!end) return { ok: false, field: 'warrantyEnd', code: 'required' };
    return { ok: true, state: { warrantyEnd: end, warrantyEndOverride: true, warrantyOverrideReason: reason } };
  }
  // Still overridden (not cleared): the recorded date stands; another date needs a reason again.
  if (change.warrantyOverride === undefined && current?.warrantyEndOverride) {
    if (sent !== undefined && sent !== current.warrantyEnd) return { ok: false, field: 'warrantyEnd', code: 'warranty_end_derived' };
    return { ok: true, state: { warrantyEnd: current.warrantyEnd, warrantyEndOverride: true, warrantyOverrideReason: current.warrantyOverrideReason } };
  }
  if (sent !== undefined && sent !== derived) return { ok: false, field: 'warrantyEnd', code: 'warranty_end_derived' };
  return { ok: true, state: { warrantyEnd: derived, warrantyEndOverride: false, warrantyOverrideReason: null } };
}

// ---- down status (issue 10 item 3, R-REQ-1) ------------------------------------------------

/**
 * Whether a repaired unit goes back into service when its request's repair is resolved: only a
 * unit that is `down` (never one on safety hold (停用, R-REG-1) or retired), only if this request
 * reported it down, and not while another open request still reports it down.
 */
export function returnsToService(deviceStatus: string, requestReportedDown: boolean, otherOpenDownRequests: number): boolean {
  return deviceStatus === 'down' && requestReportedDown && otherOpenDownRequests === 0;
}
