// Pure rules of service tools and measuring instruments (issue 13 §5; seed 001 定期进行维护和检查;
// ISO 13485 §7.6: monitoring and measuring equipment calibrated at specified intervals, and not
// used when out of calibration).

import { addDays } from '../../lib/calendar.ts';

export { addDays };

/** Days ahead in which a calibration counts as "due soon" (the reminder window). */
export const DUE_SOON_DAYS = 30;

export type DueState = 'valid' | 'due_soon' | 'overdue';
export type InstrumentStatus = 'in_use' | 'in_store' | 'out_for_calibration' | 'out_of_tolerance' | 'retired';
export type CalibrationResult = 'pass' | 'fail' | 'adjusted';

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A calendar day plus whole months, clamped to the month's end (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

/** A calendar day plus days. */
/**
 * The next calibration due date: the last calibration plus the interval (month-end clamped);
 * a certificate valid for less caps it. Null when never calibrated.
 */
export function nextDue(lastCalibratedOn: string | null, months: number, validUntil?: string | null): string | null {
  if (!lastCalibratedOn) return null;
  const byInterval = addMonths(lastCalibratedOn, months);
  return validUntil && validUntil < byInterval ? validUntil : byInterval;
}

/**
 * Calibration state on a day: overdue from the due day on (the calibration is valid through the
 * day before), due soon within `within` days before it; never calibrated counts as overdue.
 */
export function dueState(nextDueOn: string | null, day: string, within = DUE_SOON_DAYS): DueState {
  if (!nextDueOn || nextDueOn <= day) return 'overdue';
  return nextDueOn <= addDays(day, within) ? 'due_soon' : 'valid';
}

/** Why an instrument may not be used for a measurement on `day`, or null when it may (ISO 13485 §7.6). */
export function unusableBecause(
  i: { status: InstrumentStatus; nextDueOn: string | null },
  day: string,
): 'instrument_retired' | 'instrument_out_of_calibration' | null {
  if (i.status === 'retired') return 'instrument_retired';
  if (i.status === 'out_of_tolerance' || i.status === 'out_for_calibration') return 'instrument_out_of_calibration';
  return dueState(i.nextDueOn, day) === 'overdue' ? 'instrument_out_of_calibration' : null;
}

export const usable = (i: { status: InstrumentStatus; nextDueOn: string | null }, day: string) => unusableBecause(i, day) === null;

/** The status after a calibration: a failed one takes the instrument out of tolerance; a pass returns it to use or store. */
export function statusAfterCalibration(result: CalibrationResult, holderKind: 'engineer' | 'warehouse' | 'store'): InstrumentStatus {
  if (result === 'fail') return 'out_of_tolerance';
  return holderKind === 'engineer' ? 'in_use' : 'in_store';
}

/** The status after a hand-over: a usable instrument follows its holder; a held-back one keeps its status. */
export function statusAfterHandover(current: InstrumentStatus, toKind: 'engineer' | 'warehouse' | 'store'): InstrumentStatus {
  if (current !== 'in_use' && current !== 'in_store') return current;
  return toKind === 'engineer' ? 'in_use' : 'in_store';
}

/** Which reminder (if any) the daily job owes for this cycle: each at most once per due date. */
export function reminderDue(
  i: { status: InstrumentStatus; nextDueOn: string | null; remindedDueSoonFor: string | null; remindedOverdueFor: string | null },
  day: string,
): 'due_soon' | 'overdue' | null {
  if (i.status === 'retired' || !i.nextDueOn) return null;
  const s = dueState(i.nextDueOn, day);
  if (s === 'overdue') return i.remindedOverdueFor === i.nextDueOn ? null : 'overdue';
  if (s === 'due_soon') return i.remindedDueSoonFor === i.nextDueOn ? null : 'due_soon';
  return null;
}

/** A calendar day YYYY-MM-DD of `at` in the time zone (one implementation: lib/calendar.ts). */
export { dateIn as dayIn } from '../../lib/calendar.ts';
