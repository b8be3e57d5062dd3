// R-REG-1: which work order can verify a safety hold's release, and where the unit goes after it.
import { describe, expect, it } from 'vitest';
import { statusAfterRelease, verificationRefusal } from './holds.rules.ts';

const hold = { deviceId: 'd1', placedAt: new Date('2026-12-01T08:00:00Z') };
const ok = {
  deviceId: 'd1',
  status: 'closed',
  testResults: '漏电流 0.05 mA 合格',
  resolvedAt: new Date('2026-12-02T08:00:00Z'),
  reviewedAt: new Date('2026-12-02T10:00:00Z'),
};

describe('R-REG-1 verification of a hold release (table)', () => {
  it.each([
    ['a reviewed work order on the unit, resolved after the hold, with test results', ok, null],
    ['reviewed but not yet closed still counts', { ...ok, status: 'reviewed' }, null],
    ['another unit', { ...ok, deviceId: 'd2' }, 'hold_wo_other_device'],
    ['resolved before the hazard was found', { ...ok, resolvedAt: new Date('2026-11-30T08:00:00Z') }, 'hold_wo_before_hold'],
    ['not resolved', { ...ok, resolvedAt: null }, 'hold_wo_before_hold'],
    ['no test results', { ...ok, testResults: '  ' }, 'hold_wo_no_tests'],
    ['not reviewed (signed off only)', { ...ok, status: 'signed_off', reviewedAt: null }, 'hold_wo_not_reviewed'],
    ['sent back after review (reviewedAt kept, status resolved)', { ...ok, status: 'resolved' }, 'hold_wo_not_reviewed'],
  ])('%s', (_name, wo, expected) => {
    expect(verificationRefusal(hold, wo)).toBe(expected);
  });

  it('a released unit is in service, or down while an open request still reports it down', () => {
    expect(statusAfterRelease(0)).toBe('in_service');
    expect(statusAfterRelease(2)).toBe('down');
  });
});
