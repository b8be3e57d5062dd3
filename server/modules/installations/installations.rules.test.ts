// Table tests of the installation rules (R-IN-1; seed 004 §3, seed 003, seed 002 part 1).
import { describe, expect, it } from 'vitest';
import {
  acceptanceComplete,
  acceptanceContent,
  accessoryCovered,
  accessoryWarrantyEnd,
  blockingItems,
  canTransition,
  DEFAULT_SITE_CHECK,
  decideWaiver,
  defaultTemplate,
  handoverDueOn,
  handoverOverdue,
  type InstallationStatus,
  isSignaturePng,
  type PartTerm,
  partAccessoryCoverage,
  type SiteCheckItem,
  siteCheckOutcome,
} from './installations.rules.ts';

const item = (key: string, result: 'pass' | 'fail', waived = false): SiteCheckItem => ({
  key,
  label: key,
  result,
  note: null,
  waiver: waived ? { reason: '院方承诺安装前完成', byName: '王建国', at: '2026-12-01T00:00:00Z' } : null,
});

describe('R-IN-1 the installation status machine', () => {
  it.each<[InstallationStatus, InstallationStatus, boolean]>([
    ['notified', 'site_checked', true],
    ['notified', 'site_check_failed', true],
    ['notified', 'installing', false], // no installing without a site check
    ['site_check_failed', 'installing', false], // a failed item blocks installation
    ['site_check_failed', 'site_checked', true], // re-checked or waived
    ['site_checked', 'installing', true],
    ['installing', 'commissioned', true],
    ['installing', 'accepted', false],
    ['commissioned', 'accepted', true],
    ['accepted', 'handed_over', true],
    ['accepted', 'cancelled', false], // an accepted device is not cancelled
    ['handed_over', 'cancelled', false],
    ['installing', 'cancelled', true],
    ['cancelled', 'notified', false],
  ])('%s → %s: %s', (from, to, ok) => {
    expect(canTransition(from, to)).toBe(ok);
  });
});

describe('R-IN-1 the site check blocks installation until resolved or waived', () => {
  const allPass = DEFAULT_SITE_CHECK.map((t) => item(t.key, 'pass'));
  it('all items pass → site_checked', () => {
    expect(siteCheckOutcome(DEFAULT_SITE_CHECK, allPass)).toEqual({ status: 'site_checked', missing: [], blocking: [] });
  });
  it('a failed item blocks', () => {
    const items = allPass.map((i) => (i.key === 'power' ? item('power', 'fail') : i));
    expect(siteCheckOutcome(DEFAULT_SITE_CHECK, items)).toMatchObject({ status: 'site_check_failed', blocking: ['power'] });
  });
  it('a waived failed item no longer blocks', () => {
    const items = allPass.map((i) => (i.key === 'power' ? item('power', 'fail', true) : i));
    expect(blockingItems(items)).toEqual([]);
    expect(siteCheckOutcome(DEFAULT_SITE_CHECK, items).status).toBe('site_checked');
  });
  it('an unanswered template item is missing', () => {
    expect(siteCheckOutcome(DEFAULT_SITE_CHECK, allPass.slice(1))).toMatchObject({ status: 'site_check_failed', missing: ['power'] });
  });
  it('radiotherapy rooms add shielding and interlock (seed 004)', () => {
    expect(defaultTemplate('site_check', 'linac').map((t) => t.key)).toEqual(expect.arrayContaining(['power', 'shielding', 'interlock']));
    expect(defaultTemplate('site_check', 'ct').map((t) => t.key)).not.toContain('shielding');
  });
  it.each([
    ['a waiver needs a reason', item('power', 'fail'), '  ', { ok: false, field: 'reason', code: 'required' }],
    ['a passed item cannot be waived', item('power', 'pass'), '原因', { ok: false, field: 'key', code: 'invalid' }],
    ['an unknown item cannot be waived', undefined, '原因', { ok: false, field: 'key', code: 'invalid' }],
    ['a failed item with a reason: waived', item('power', 'fail'), '院方承诺', { ok: true }],
  ])('%s', (_, it_, reason, out) => {
    expect(decideWaiver(it_, reason)).toEqual(out);
  });
});

describe('R-IN-1 acceptance needs all three signatures', () => {
  it.each([
    [[], false],
    [['service', 'customer'], false],
    [['service', 'customer', 'quality'], true],
    [['quality', 'service', 'customer'], true],
  ] as const)('%j → %s', (signed, done) => {
    expect(acceptanceComplete(signed)).toBe(done);
  });
});

describe('seed 002: handover within two weeks of acceptance', () => {
  it('due 14 days after acceptance', () => {
    expect(handoverDueOn('2026-12-01')).toBe('2026-12-15');
    expect(handoverDueOn('2026-12-25')).toBe('2027-01-08');
  });
  it.each([
    ['2026-12-15', false, '2026-12-15', false],
    ['2026-12-15', false, '2026-12-16', true],
    ['2026-12-15', true, '2026-12-20', false],
    [null, false, '2026-12-20', false],
  ] as const)('due %s, handed over %s, today %s → overdue %s', (due, done, today, overdue) => {
    expect(handoverOverdue(due, done, today)).toBe(overdue);
  });
});

describe('seed 003: per-accessory warranty (穿刺器…2年质保…可免费更换新品(质保不延长))', () => {
  const trocar = { months: 24, consumable: false };
  const blade = { months: 12, consumable: true };
  it('the term runs from acceptance, last day the day before', () => {
    expect(accessoryWarrantyEnd('2026-03-15', 24)).toBe('2028-03-14');
    expect(accessoryWarrantyEnd('2026-01-31', 1)).toBe('2026-02-27');
  });
  it.each([
    ['within two years', trocar, '2026-03-15', '2027-06-01', false, true],
    ['on the last day', trocar, '2026-03-15', '2028-03-14', false, true],
    ['after two years', trocar, '2026-03-15', '2028-03-15', false, false],
    ['a replacement does not extend it (质保不延长)', trocar, '2026-03-15', '2028-06-01', true, false],
    ['a replacement inside the term is covered', trocar, '2026-03-15', '2027-06-01', true, true],
    ['consumables are excluded', blade, '2026-03-15', '2026-04-01', false, false],
    ['no acceptance yet: not covered', trocar, null, '2026-04-01', false, false],
    ['before acceptance: not covered', trocar, '2026-03-15', '2026-03-01', false, false],
  ] as const)('%s', (_, term, acceptance, at, replacement, covered) => {
    expect(accessoryCovered(term, acceptance, at, replacement)).toBe(covered);
  });
});

describe('issue 12 item 2: a parts line matching an accessory term is free while the term runs (seed 003)', () => {
  const terms: PartTerm[] = [
    { id: 't-trocar', name: '穿刺器', partNumber: 'TRO-5', months: 24, consumable: false },
    { id: 't-blade', name: '切片刀', partNumber: 'BLD-1', months: 12, consumable: true },
    { id: 't-none', name: '说明书', partNumber: null, months: 12, consumable: false },
  ];
  it.each([
    ['the part code matches a running term', 'TRO-5', '2024-10-01', '2025-06-01', 't-trocar'],
    ['on the boundary day (acceptance + 24 months − 1 day) it is still covered', 'TRO-5', '2024-10-01', '2026-09-30', 't-trocar'],
    ['the day after, it follows the job’s category', 'TRO-5', '2024-10-01', '2026-10-01', null],
    ['matched trimmed and case-insensitively', ' tro-5 ', '2024-10-01', '2025-06-01', 't-trocar'],
    ['a consumable term never covers (耗材除外)', 'BLD-1', '2024-10-01', '2024-11-01', null],
    ['a part no term names', 'PUMP-9', '2024-10-01', '2024-11-01', null],
    ['a line without a part code', null, '2024-10-01', '2024-11-01', null],
    ['a unit not yet accepted', 'TRO-5', null, '2024-11-01', null],
  ] as const)('%s', (_, partNo, acceptance, day, termId) => {
    expect(partAccessoryCoverage(terms, partNo, acceptance, day)?.termId ?? null).toBe(termId);
  });
  it('the end is counted from the unit’s acceptance, so a second replacement ends on the same day (质保不延长)', () => {
    const first = partAccessoryCoverage(terms, 'TRO-5', '2024-10-01', '2025-01-10');
    const second = partAccessoryCoverage(terms, 'TRO-5', '2024-10-01', '2026-09-01');
    expect(first).toEqual({ termId: 't-trocar', name: '穿刺器', warrantyEnd: '2026-09-30' });
    expect(second?.warrantyEnd).toBe('2026-09-30');
  });
});

describe('signatures are PNG data URLs', () => {
  it('refuses anything else', () => {
    expect(isSignaturePng('data:image/png;base64,AAAA')).toBe(false);
    expect(isSignaturePng('data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==')).toBe(true);
  });
});

describe('what an acceptance signature signs (issue 14 §6, R-AU-1)', () => {
  const facts = {
    number: 'AZ-2026-0001',
    serialNumber: 'SN-1',
    commissioning: [{ key: 'temp', label: '温控', expected: '±1℃', measured: '0.5℃', passed: true }],
    acceptanceDate: '2026-12-07',
    party: 'service' as const,
    signerName: '张伟',
  };
  it('names the installation, unit, results, date, party and its meaning', () => {
    expect(acceptanceContent(facts)).toEqual({
      installation: 'AZ-2026-0001',
      serialNumber: 'SN-1',
      commissioning: facts.commissioning,
      acceptanceDate: '2026-12-07',
      party: 'service',
      partyMeaning: '安装调试完成',
      signerName: '张伟',
    });
  });
  it('a different measured result is different content', () => {
    const other = { ...facts, commissioning: [{ ...facts.commissioning[0], measured: '1.5℃' }] };
    expect(acceptanceContent(other)).not.toEqual(acceptanceContent(facts));
  });
});
