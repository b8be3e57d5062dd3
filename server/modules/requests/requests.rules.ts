// Repair-request rules (SPEC §3), pure.
import { addWorkingMinutes, type BusinessCalendar } from '../../lib/calendar.ts';
export type Criticality = 'life_support' | 'critical_diagnostic' | 'standard';
export type Urgency = 'emergency' | 'urgent' | 'normal' | 'low';

/**
 * R-REQ-3: a fault that can endanger patients or stop critical care is an emergency — by
 * default any life-support device down, or a critical-diagnostic device (CT, MRI) unable to
 * work. A down unit otherwise is urgent; a unit still working is normal. The dispatcher may
 * change it, with a reason.
 */
export function proposeUrgency(criticality: Criticality, deviceDown: boolean): Urgency {
  if (deviceDown && (criticality === 'life_support' || criticality === 'critical_diagnostic')) return 'emergency';
  return deviceDown ? 'urgent' : 'normal';
}

/**
 * A request still being worked: not resolved, closed or cancelled. Only then is a loaner unit
 * lent (R-SLA-3, requests.loans lend) or are its clocks answered, paused or resumed.
 */
export const isOpenRequest = (status: string) => status === 'open' || status === 'dispatched' || status === 'in_progress';

export interface RequestFlags {
  /** R-REG-1: the unit is on safety hold — it must not be used until verified safe. */
  safetyHold: boolean;
  /** Another request on the same unit is still open: maybe a duplicate call. */
  openRequestNumbers: string[];
  /** The unit is not accepted yet (installation not finished): no warranty. */
  notAccepted: boolean;
}

export function flagsFor(device: { status: string; acceptanceDate: string | null }, openRequests: { number: string }[]): RequestFlags {
  return {
    safetyHold: device.status === 'safety_hold',
    openRequestNumbers: openRequests.map((r) => r.number),
    notAccepted: device.acceptanceDate === null,
  };
}

/** 'BX-2026-000123': yearly sequence, readable on the phone. */
export function requestNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}

/**
 * R-DSP-1: a request flagged at close of business is announced to the dispatchers and the
 * service manager when the next working day opens: the first working instant after the flag.
 */
export function morningNoticeAt(cal: BusinessCalendar, flaggedAt: Date): Date {
  // One working minute after the flag ends one minute after the next opening.
  return new Date(addWorkingMinutes(cal, flaggedAt, 1).getTime() - 60_000);
}
