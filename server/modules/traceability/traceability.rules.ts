// Traceability (R-REG-5, issue 14 §5). Pure: no I/O.

/** Where a unit stood, as its audit trail records it (the device row's state after a write). */
export interface PlacementState {
  customerId: string | null;
  siteId: string | null;
  departmentId: string | null;
  location: string | null;
}
export interface PlacementChange extends PlacementState {
  at: Date;
  actorName: string | null;
}
export interface Placement extends PlacementState {
  from: Date;
  /** Null while the unit still stands there. */
  to: Date | null;
  actorName: string | null;
}

const same = (a: PlacementState, b: PlacementState) =>
  a.customerId === b.customerId && a.siteId === b.siteId && a.departmentId === b.departmentId && (a.location ?? '') === (b.location ?? '');

/**
 * Sites over time (R-REG-5 "sites over time"): the device record's successive states, oldest
 * first, folded into periods — a new period starts only when the hospital, site, department or
 * location actually changed; each period ends when the next starts.
 */
export function placementsFrom(changes: readonly PlacementChange[]): Placement[] {
  const sorted = [...changes].sort((a, b) => a.at.getTime() - b.at.getTime());
  const out: Placement[] = [];
  for (const c of sorted) {
    const last = out.at(-1);
    if (last && same(last, c)) continue;
    if (last) last.to = c.at;
    out.push({ customerId: c.customerId, siteId: c.siteId, departmentId: c.departmentId, location: c.location, from: c.at, to: null, actorName: c.actorName });
  }
  return out;
}

/**
 * A part lot or serial as typed by a user, for matching: trimmed, case-insensitive. Lots are
 * printed on labels in mixed case ("LOT-a12"), so "lot-A12" must find them too.
 */
export const normalizedCode = (s: string) => s.trim().toLowerCase();

/** An Excel sheet's name: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet';
}
