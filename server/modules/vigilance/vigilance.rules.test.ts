// Adverse-event rule tables (issue 14 §2, R-REG-2): the reporting clock (strictest applicable
// regulation wins), warning levels, the cluster watch, submission and closing refusals.
import { describe, expect, it } from 'vitest';
import { missingFormFields, prefilledForm, REPORT_FORM_FIELDS, reportFormSchema } from './vigilance.form.ts';
import {
  aeCloseRefusal,
  aeSubmitRefusal,
  type ClusterInput,
  clockOf,
  DEFAULT_CLOCKS,
  dueWarnings,
  faultKey,
  findClusters,
  reportingDeadline,
} from './vigilance.rules.ts';

const AWARE = new Date('2026-03-01T02:00:00Z');
const h = (n: number) => new Date(AWARE.getTime() + n * 3600_000);
const d = (n: number) => h(24 * n);

describe('reportingDeadline (R-REG-2: death 7 d, serious injury 20 d, group event 12 h, strictest wins)', () => {
  it.each([
    ['death', false, d(7)],
    ['serious_injury', false, d(20)],
    ['other', false, d(30)],
    ['none', false, null],
    ['none', true, h(12)],
    ['serious_injury', true, h(12)],
    ['death', true, h(12)],
    ['other', true, h(12)],
  ] as const)('%s, group event %s → %s', (impact, group, due) => {
    expect(reportingDeadline({ awareAt: AWARE, patientImpact: impact, groupEvent: group }, DEFAULT_CLOCKS)).toEqual(due);
  });
  it('follows the configured regulation and stops once decided not reportable', () => {
    const s = { ...DEFAULT_CLOCKS, deathDays: 5, groupEventHours: 200 };
    expect(reportingDeadline({ awareAt: AWARE, patientImpact: 'death', groupEvent: true }, s)).toEqual(d(5));
    expect(reportingDeadline({ awareAt: AWARE, patientImpact: 'death', groupEvent: false, reportable: false }, s)).toBeNull();
    expect(reportingDeadline({ awareAt: AWARE, patientImpact: 'death', groupEvent: false, reportable: true }, s)).toEqual(d(5));
  });
});

describe('clock and warnings', () => {
  const due = d(20);
  it.each([
    [d(1), 'running', []],
    [d(10), 'warning', ['half']],
    [h(20 * 24 - 23), 'warning', ['half', 'last_day']],
    [d(21), 'breached', ['half', 'last_day', 'breached']],
  ] as const)('at %s the clock is %s, warnings %j', (now, state, levels) => {
    expect(clockOf(AWARE, due, null, now).state).toBe(state);
    expect(dueWarnings(AWARE, due, now)).toEqual(levels);
  });
  it('a 12-hour clock has no last-day warning; a submitted report stops the clock (met or late)', () => {
    expect(dueWarnings(AWARE, h(12), h(11))).toEqual(['half']);
    expect(clockOf(AWARE, due, d(19), d(25)).state).toBe('met');
    expect(clockOf(AWARE, due, d(21), d(25)).state).toBe('met_late');
    expect(clockOf(AWARE, null, null, d(25))).toEqual({ state: 'none', remainingMs: null });
    expect(clockOf(AWARE, due, null, d(19)).remainingMs).toBe(24 * 3600_000);
  });
});

describe('cluster watch (same model and fault from ≥ N hospitals within the window)', () => {
  const ev = (id: string, customerId: string, days: number, key = 'leak', modelId = 'm1'): ClusterInput => ({
    id,
    modelId,
    faultKey: key,
    faultLabel: `漏电 ${id}`,
    customerId,
    awareAt: d(days),
  });
  const S = { clusterMinCustomers: 3, clusterWindowDays: 30 };
  it('three hospitals within 30 days flag a cluster; two hospitals, old events, another model or fault do not', () => {
    const now = d(40);
    const found = findClusters(
      [
        ev('a', 'c1', 15),
        ev('b', 'c2', 20),
        ev('c', 'c2', 25),
        ev('d', 'c3', 39),
        ev('e', 'c4', 5),
        ev('f', 'c5', 20, 'other'),
        ev('g', 'c6', 20, 'leak', 'm2'),
      ],
      S,
      now,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ modelId: 'm1', faultKey: 'leak', customerCount: 3, eventIds: ['a', 'b', 'c', 'd'], faultLabel: '漏电 a' });
    expect(findClusters([ev('a', 'c1', 15), ev('b', 'c2', 20), ev('c', 'c2', 25)], S, now)).toEqual([]);
    expect(findClusters([ev('a', 'c1', 15), ev('b', 'c2', 20), ev('d', 'c3', 39)], { ...S, clusterMinCustomers: 4 }, now)).toEqual([]);
  });
  it('faults compare normalized', () => {
    expect(faultKey(' 机壳 漏电！')).toBe(faultKey('机壳漏电'));
    expect(faultKey('Leak Current')).toBe('leakcurrent');
    expect(faultKey('  ')).toBeNull();
  });
});

describe('submission and closing', () => {
  it.each([
    [{ state: 'draft', reportable: true, deviceId: 'd' }, null],
    [{ state: 'draft', reportable: null, deviceId: 'd' }, 'ae_not_decided'],
    [{ state: 'draft', reportable: false, deviceId: 'd' }, 'ae_not_reportable'],
    [{ state: 'draft', reportable: true, deviceId: null }, 'ae_device_required'],
    [{ state: 'reported', reportable: true, deviceId: 'd' }, 'ae_bad_state'],
  ] as const)('submit %j → %s', (ev, refusal) => expect(aeSubmitRefusal(ev)).toBe(refusal));
  it.each([
    [{ state: 'reported', reportable: true }, null],
    [{ state: 'follow_up', reportable: true }, null],
    [{ state: 'draft', reportable: false }, null],
    [{ state: 'draft', reportable: true }, 'ae_bad_state'],
    [{ state: 'draft', reportable: null }, 'ae_not_decided'],
    [{ state: 'closed', reportable: true }, 'ae_bad_state'],
  ] as const)('close %j → %s', (ev, refusal) => expect(aeCloseRefusal(ev)).toBe(refusal));
});

describe('the national report form (可疑医疗器械不良事件报告表) is one schema', () => {
  it('lists each field once with zh and en labels; a draft may be partial; unknown keys and bad choices are refused', () => {
    const keys = REPORT_FORM_FIELDS.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(REPORT_FORM_FIELDS.every((f) => f.zh && f.en)).toBe(true);
    expect(reportFormSchema.safeParse({ reporterType: 'mah' }).success).toBe(true);
    expect(reportFormSchema.safeParse({ nope: 'x' }).success).toBe(false);
    expect(reportFormSchema.safeParse({ reporterType: 'x' }).success).toBe(false);
    expect(reportFormSchema.safeParse({ manufactureDate: '2026-02-30' }).success).toBe(false);
  });
  it('names the required fields still empty, and prefills from the record', () => {
    expect(missingFormFields({})).toContain('registrationNumber');
    const form = prefilledForm({ model: '' }, { model: 'VitalBeam', serialNumber: 'S1' });
    expect(form).toMatchObject({ model: 'VitalBeam', serialNumber: 'S1' });
    expect(missingFormFields(form)).not.toContain('model');
  });
});
