import { describe, expect, it } from 'vitest';
import { flagsFor, proposeUrgency, requestNumber } from './requests.rules.ts';

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
