import { describe, expect, it } from 'vitest';
import { type CoverageContract, type CoverageDevice, coverageAt, coverageOn, defaultWarrantyEnd, localDate } from './contracts.rules.ts';

const accepted: CoverageDevice = { acceptanceDate: '2025-03-15', warrantyEnd: '2026-03-14' };
const notAccepted: CoverageDevice = { acceptanceDate: null, warrantyEnd: null };
const c = (id: string, kind: CoverageContract['kind'], startDate: string, endDate: string): CoverageContract => ({
  id,
  number: id.toUpperCase(),
  kind,
  startDate,
  endDate,
});

describe('R-COV coverage decides the service category (SPEC §2)', () => {
  it.each([
    // [story, device, contracts, day, category, basis, contract]
    ['on the acceptance day the factory warranty starts', accepted, [], '2025-03-15', 'warranty', 'factory_warranty', null],
    ['the day before acceptance nothing covers it', accepted, [], '2025-03-14', 'paid', 'none', null],
    ['on the last warranty day it is still warranty', accepted, [], '2026-03-14', 'warranty', 'factory_warranty', null],
    ['the day after warranty end it is paid', accepted, [], '2026-03-15', 'paid', 'none', null],
    [
      'a maintenance contract takes over after warranty',
      accepted,
      [c('m1', 'maintenance', '2026-03-15', '2027-03-14')],
      '2026-06-01',
      'contract',
      'maintenance_contract',
      'm1',
    ],
    [
      'on the maintenance contract end day it still covers',
      accepted,
      [c('m1', 'maintenance', '2026-03-15', '2027-03-14')],
      '2027-03-14',
      'contract',
      'maintenance_contract',
      'm1',
    ],
    ['the day after the contract ends the job is paid', accepted, [c('m1', 'maintenance', '2026-03-15', '2027-03-14')], '2027-03-15', 'paid', 'none', null],
    [
      'factory warranty wins over an overlapping maintenance contract',
      accepted,
      [c('m1', 'maintenance', '2025-01-01', '2027-12-31')],
      '2025-06-01',
      'warranty',
      'factory_warranty',
      null,
    ],
    [
      'an extended-warranty contract counts as warranty',
      accepted,
      [c('w1', 'warranty', '2026-03-15', '2028-03-14'), c('m1', 'maintenance', '2026-01-01', '2028-12-31')],
      '2027-01-01',
      'warranty',
      'warranty_contract',
      'w1',
    ],
    [
      'a paid-service agreement yields paid with its contract',
      accepted,
      [c('p1', 'paid', '2026-01-01', '2026-12-31')],
      '2026-07-01',
      'paid',
      'paid_contract',
      'p1',
    ],
    [
      'maintenance beats a paid agreement on the same day',
      accepted,
      [c('p1', 'paid', '2026-01-01', '2026-12-31'), c('m1', 'maintenance', '2026-06-01', '2026-06-30')],
      '2026-06-15',
      'contract',
      'maintenance_contract',
      'm1',
    ],
    [
      'overlapping maintenance contracts: the one running longest wins',
      accepted,
      [c('m1', 'maintenance', '2026-04-01', '2026-12-31'), c('m2', 'maintenance', '2026-05-01', '2027-04-30')],
      '2026-06-01',
      'contract',
      'maintenance_contract',
      'm2',
    ],
    [
      'overlapping contracts with one end: earliest start wins, order-independent',
      accepted,
      [c('m2', 'maintenance', '2026-05-01', '2026-12-31'), c('m1', 'maintenance', '2026-04-01', '2026-12-31')],
      '2026-06-01',
      'contract',
      'maintenance_contract',
      'm1',
    ],
    [
      'no acceptance date: no warranty even inside a warranty contract',
      notAccepted,
      [c('w1', 'warranty', '2026-01-01', '2026-12-31')],
      '2026-06-01',
      'paid',
      'none',
      null,
    ],
    [
      'no acceptance date: a maintenance contract still covers',
      notAccepted,
      [c('m1', 'maintenance', '2026-01-01', '2026-12-31')],
      '2026-06-01',
      'contract',
      'maintenance_contract',
      'm1',
    ],
    [
      'a warranty contract signed before acceptance starts at acceptance',
      { acceptanceDate: '2026-05-10', warrantyEnd: null },
      [c('w1', 'warranty', '2026-01-01', '2027-05-09')],
      '2026-05-09',
      'paid',
      'none',
      null,
    ],
    [
      '…and covers from the acceptance day',
      { acceptanceDate: '2026-05-10', warrantyEnd: null },
      [c('w1', 'warranty', '2026-01-01', '2027-05-09')],
      '2026-05-10',
      'warranty',
      'warranty_contract',
      'w1',
    ],
    ['a contract that has not started yet does not cover', accepted, [c('m1', 'maintenance', '2026-09-01', '2027-08-31')], '2026-08-31', 'paid', 'none', null],
  ] as const)('%s', (_story, device, contracts, day, category, basis, contract) => {
    const cov = coverageOn(device, [...contracts], day);
    expect(cov.category).toBe(category);
    expect(cov.basis).toBe(basis);
    expect(cov.contractId).toBe(contract);
  });

  it('marks a unit without acceptance as not accepted, so the UI can say why it is paid', () => {
    expect(coverageOn(notAccepted, [], '2026-01-01').note).toBe('not_accepted');
    expect(coverageOn(accepted, [], '2027-01-01').note).toBeNull();
  });

  it('tells until when the cover runs', () => {
    expect(coverageOn(accepted, [], '2025-12-01').until).toBe('2026-03-14');
  });

  it('judges an instant on the Shanghai calendar day, not the UTC one', () => {
    // 2026-03-14 16:30 UTC is 2026-03-15 00:30 in Shanghai: the day after warranty end.
    const at = new Date('2026-03-14T16:30:00Z');
    expect(localDate(at, 'Asia/Shanghai')).toBe('2026-03-15');
    expect(coverageAt(accepted, [], at, 'Asia/Shanghai').category).toBe('paid');
    expect(coverageAt(accepted, [], at, 'UTC').category).toBe('warranty');
  });
});

describe('default warranty end from acceptance', () => {
  it.each([
    ['2026-03-15', 12, '2027-03-14'],
    ['2026-01-31', 1, '2026-02-27'],
    ['2026-01-31', 12, '2027-01-30'],
    ['2028-02-29', 12, '2029-02-27'],
    ['2026-12-01', 24, '2028-11-30'],
    ['2026-01-01', 12, '2026-12-31'],
  ] as const)('acceptance %s + %i months ends on %s', (acceptance, months, end) => {
    expect(defaultWarrantyEnd(acceptance, months)).toBe(end);
  });
});
