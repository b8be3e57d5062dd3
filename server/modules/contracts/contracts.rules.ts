// Coverage is computed, never typed (SPEC §2): for a device at a moment, which contract covers
// it and so which service category the job falls in. Pure: no I/O, dates as 'YYYY-MM-DD'
// strings in the company's time zone, every period inclusive of its first and last day.
import { dateIn } from '../../lib/calendar.ts';
export type ServiceCategory = 'warranty' | 'contract' | 'paid';
export type ContractKind = 'warranty' | 'maintenance' | 'paid';

export interface CoverageDevice {
  /** 验收合格日期 — the warranty starts here; without it no warranty is in force yet. */
  acceptanceDate: string | null;
  warrantyEnd: string | null;
}

export interface CoverageContract {
  id: string;
  number: string;
  kind: ContractKind;
  startDate: string;
  endDate: string;
}

export type CoverageBasis = 'factory_warranty' | 'warranty_contract' | 'maintenance_contract' | 'paid_contract' | 'none';

export interface Coverage {
  category: ServiceCategory;
  basis: CoverageBasis;
  contractId: string | null;
  contractNumber: string | null;
  /** Last covered day of the basis, when there is one. */
  until: string | null;
  /** Why a unit that might look covered is not: no acceptance date yet. */
  note: 'not_accepted' | null;
}

/** The calendar date of an instant in a time zone, e.g. 2026-01-31T17:00Z in Shanghai → 2026-02-01 (lib/calendar.ts). */
export const localDate = dateIn;

/** Last day of a warranty of `months` starting on `acceptance` (12 months from 2026-03-15 → 2027-03-14). */
export function defaultWarrantyEnd(acceptance: string, months: number): string {
  const [y, m, d] = acceptance.split('-').map(Number);
  const targetMonth = m - 1 + months;
  const lastDayOfTarget = new Date(Date.UTC(y, targetMonth + 1, 0)).getUTCDate();
  // Clamp: 12 months from 31 Jan ends on 30 Jan; from 29 Feb 2028 on 28 Feb 2029.
  const end = new Date(Date.UTC(y, targetMonth, Math.min(d, lastDayOfTarget)));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

const within = (day: string, start: string, end: string) => start <= day && day <= end;
const maxDate = (a: string, b: string) => (a > b ? a : b);

const RANK: Record<ContractKind, { basis: CoverageBasis; category: ServiceCategory }> = {
  warranty: { basis: 'warranty_contract', category: 'warranty' },
  maintenance: { basis: 'maintenance_contract', category: 'contract' },
  paid: { basis: 'paid_contract', category: 'paid' },
};
const PRECEDENCE: ContractKind[] = ['warranty', 'maintenance', 'paid'];

/**
 * Which cover applies on `day`. Precedence: factory warranty, then a warranty contract, then a
 * maintenance contract, then a paid-service agreement; otherwise the job is paid. Among
 * overlapping contracts of one kind the one running longest wins (ties: earliest start, then
 * number), so the answer does not depend on the order contracts were entered.
 */
export function coverageOn(device: CoverageDevice, contracts: CoverageContract[], day: string): Coverage {
  const accepted = device.acceptanceDate !== null && device.acceptanceDate <= day;
  if (accepted && device.warrantyEnd && within(day, device.acceptanceDate as string, device.warrantyEnd)) {
    return { category: 'warranty', basis: 'factory_warranty', contractId: null, contractNumber: null, until: device.warrantyEnd, note: null };
  }
  for (const kind of PRECEDENCE) {
    const active = contracts.filter((c) => {
      if (c.kind !== kind) return false;
      // A warranty contract, like the factory warranty, runs only from acceptance on.
      const start = kind === 'warranty' ? (device.acceptanceDate ? maxDate(c.startDate, device.acceptanceDate) : null) : c.startDate;
      return start !== null && within(day, start, c.endDate);
    });
    if (active.length === 0) continue;
    active.sort((a, b) => b.endDate.localeCompare(a.endDate) || a.startDate.localeCompare(b.startDate) || a.number.localeCompare(b.number));
    const c = active[0];
    return { ...RANK[kind], contractId: c.id, contractNumber: c.number, until: c.endDate, note: null };
  }
  const note = device.acceptanceDate === null || device.acceptanceDate > day ? 'not_accepted' : null;
  return { category: 'paid', basis: 'none', contractId: null, contractNumber: null, until: null, note };
}

/** Coverage at an instant, judged on the company-local calendar day. */
export function coverageAt(device: CoverageDevice, contracts: CoverageContract[], at: Date, timeZone: string): Coverage {
  return coverageOn(device, contracts, dateIn(at, timeZone));
}
