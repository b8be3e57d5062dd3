// The unit's open safety hold (停用, R-REG-1) as a column of another module's query: every
// screen that shows a unit (work order, dispatch board card, …) carries `{ id, since, reason }`
// from here instead of re-deriving the rule from the status.
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';

export type HoldSummary = { id: string; since: string; reason: string };
type Raw = HoldSummary | string | null;

/** Subquery: the open hold of the unit whose id is `deviceId`, as JSON (null when none). */
export const openHoldOf = (deviceId: AnyColumn | SQL) =>
  sql<Raw>`(select json_build_object('id', h.id, 'since', h.placed_at, 'reason', h.reason) from device_holds h where h.device_id = ${deviceId} and h.closed_at is null)`;

/** The column's value as the DTOs carry it (ISO instant). */
export function holdSummary(raw: Raw): HoldSummary | null {
  const h = typeof raw === 'string' ? (JSON.parse(raw) as HoldSummary | null) : raw;
  return h ? { id: h.id, since: new Date(h.since).toISOString(), reason: h.reason } : null;
}
