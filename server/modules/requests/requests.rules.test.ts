import { describe, expect, it } from 'vitest';
import { defaultChinaCalendar } from '../../lib/calendar.cn.ts';
import { flagsFor, morningNoticeAt, proposeUrgency, requestNumber } from './requests.rules.ts';

describe('R-REQ-3 urgency proposal', () => {
  it.each([
    ['a ventilator down', 'life_support', true, 'emergency'],
    ['a CT unable to scan', 'critical_diagnostic', true, 'emergency'],
    ['a ventilator alarming but working', 'life_support', false, 'normal'],
    ['a stainer down', 'standard', true, 'urgent'],
    ['a stainer with a minor fault', 'standard', false, 'normal'],
  ] as const)('%s → %s', (_s, criticality, down, expected) => {
    expect(proposeUrgency(criticality, down)).toBe(expected);
  });
});

describe('request flags', () => {
  it('flags a unit on safety hold, with open requests, not yet accepted', () => {
    expect(flagsFor({ status: 'safety_hold', acceptanceDate: null }, [{ number: 'BX-2026-000001' }])).toEqual({
      safetyHold: true,
      openRequestNumbers: ['BX-2026-000001'],
      notAccepted: true,
    });
    expect(flagsFor({ status: 'in_service', acceptanceDate: '2025-01-01' }, [])).toEqual({ safetyHold: false, openRequestNumbers: [], notAccepted: false });
  });
  it('numbers requests by year', () => {
    expect(requestNumber('BX', 2026, 123)).toBe('BX-2026-000123');
  });
});

describe('R-DSP-1 the morning after a close-of-business flag', () => {
  const cn = defaultChinaCalendar();
  const sh = (local: string) => new Date(`${local}+08:00`);
  it.each([
    ['flagged at Tuesday close → Wednesday opening', '2026-11-17T17:30:00', '2026-11-18T08:30:00'],
    ['flagged at Friday close → Monday opening', '2026-11-20T17:30:00', '2026-11-23T08:30:00'],
    ['flagged on the eve of National Day → the first day back', '2026-09-30T17:30:00', '2026-10-08T08:30:00'],
    ['flagged before the make-up Saturday (调休) → that Saturday', '2026-10-09T17:30:00', '2026-10-10T08:30:00'],
  ])('%s', (_s, flagged, expected) => {
    expect(morningNoticeAt(cn, sh(flagged)).toISOString()).toBe(sh(expected).toISOString());
  });
});
