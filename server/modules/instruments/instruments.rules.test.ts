// Pure instrument rules (issue 13 §5; ISO 13485 §7.6: calibrated at specified intervals, not used out of calibration).
import { describe, expect, it } from 'vitest';
import { addMonths, dueState, nextDue, reminderDue, statusAfterCalibration, statusAfterHandover, unusableBecause, usable } from './instruments.rules.ts';

describe('next calibration due date (issue 13 §5)', () => {
  it.each([
    ['2026-01-15', 12, '2027-01-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 6, '2026-09-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-05-10', 24, '2028-05-10'],
  ])('%s + %i months → %s (month-end clamped)', (last, months, due) => {
    expect(nextDue(last, months)).toBe(due);
  });
  it('never calibrated has no due date; a certificate valid for less caps it', () => {
    expect(nextDue(null, 12)).toBeNull();
    expect(nextDue('2026-01-15', 12, '2026-10-01')).toBe('2026-10-01');
    expect(nextDue('2026-01-15', 12, '2027-06-01')).toBe('2027-01-15');
  });
  it('addMonths goes backwards too', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-10', -12)).toBe('2025-01-10');
  });
});

describe('calibration state on a day', () => {
  it.each([
    ['2026-12-31', '2026-11-30', 'valid'],
    ['2026-12-31', '2026-12-01', 'due_soon'],
    ['2026-12-31', '2026-12-30', 'due_soon'],
    ['2026-12-31', '2026-12-31', 'overdue'],
    ['2026-12-31', '2027-01-05', 'overdue'],
    [null, '2026-12-01', 'overdue'],
  ] as const)('due %s on %s → %s', (due, day, state) => {
    expect(dueState(due, day)).toBe(state);
  });
  it('the window is configurable', () => {
    expect(dueState('2026-12-31', '2026-12-20', 7)).toBe('valid');
    expect(dueState('2026-12-31', '2026-12-25', 7)).toBe('due_soon');
  });
});

describe('usable for a measurement (ISO 13485 §7.6)', () => {
  it.each([
    ['in_use', '2027-01-01', null],
    ['in_store', '2026-12-10', null],
    ['in_use', '2026-12-01', 'instrument_out_of_calibration'],
    ['in_use', null, 'instrument_out_of_calibration'],
    ['out_of_tolerance', '2027-06-01', 'instrument_out_of_calibration'],
    ['out_for_calibration', '2027-06-01', 'instrument_out_of_calibration'],
    ['retired', '2027-06-01', 'instrument_retired'],
  ] as const)('%s, due %s, on 2026-12-01 → %s', (status, due, why) => {
    expect(unusableBecause({ status, nextDueOn: due }, '2026-12-01')).toBe(why);
    expect(usable({ status, nextDueOn: due }, '2026-12-01')).toBe(why === null);
  });
});

describe('status after a calibration or a hand-over', () => {
  it('a failed calibration sets out of tolerance; a pass or an adjustment returns it by holder', () => {
    expect(statusAfterCalibration('fail', 'engineer')).toBe('out_of_tolerance');
    expect(statusAfterCalibration('pass', 'engineer')).toBe('in_use');
    expect(statusAfterCalibration('adjusted', 'store')).toBe('in_store');
    expect(statusAfterCalibration('pass', 'warehouse')).toBe('in_store');
  });
  it('a hand-over moves in use/in store with the holder, but never lifts out of tolerance', () => {
    expect(statusAfterHandover('in_store', 'engineer')).toBe('in_use');
    expect(statusAfterHandover('in_use', 'store')).toBe('in_store');
    expect(statusAfterHandover('out_of_tolerance', 'engineer')).toBe('out_of_tolerance');
    expect(statusAfterHandover('out_for_calibration', 'store')).toBe('out_for_calibration');
  });
});

describe('reminders once per due cycle', () => {
  const base = { status: 'in_use' as const, nextDueOn: '2026-12-31', remindedDueSoonFor: null, remindedOverdueFor: null };
  it.each([
    [base, '2026-11-01', null],
    [base, '2026-12-10', 'due_soon'],
    [{ ...base, remindedDueSoonFor: '2026-12-31' }, '2026-12-10', null],
    [{ ...base, remindedDueSoonFor: '2026-12-31' }, '2027-01-02', 'overdue'],
    [{ ...base, remindedDueSoonFor: '2026-12-31', remindedOverdueFor: '2026-12-31' }, '2027-01-02', null],
    // A new cycle (recalibrated): the old stamps no longer match, so it reminds again.
    [{ ...base, nextDueOn: '2027-12-31', remindedDueSoonFor: '2026-12-31', remindedOverdueFor: '2026-12-31' }, '2027-12-20', 'due_soon'],
    [{ ...base, status: 'retired' as const }, '2027-01-02', null],
  ] as const)('%o on %s → %s', (i, day, r) => {
    expect(reminderDue(i, day)).toBe(r);
  });
});
