// The product's "now" where a service does not take it as a parameter: the audit entry's time,
// a record's created/updated stamps, a notification's time, a ledger movement's time. Normally
// the wall clock. The demo week (server/seed/week.ts) runs each step through the product's own
// services with `runAt(pastInstant, …)`, so the records, audit entries and stamps they write
// are exactly what the product would have written at that moment — no forked business logic.
// AsyncLocalStorage keeps the override to the calls made inside `runAt`; nothing else sees it.
import { AsyncLocalStorage } from 'node:async_hooks';

const override = new AsyncLocalStorage<Date>();

/** The current instant: the override of the enclosing `runAt`, else the wall clock. */
export function clockNow(): Date {
  const at = override.getStore();
  return at ? new Date(at.getTime()) : new Date();
}

/** Runs `fn` with "now" fixed at `at` (used by the demo seed to replay past work). */
export function runAt<T>(at: Date, fn: () => Promise<T>): Promise<T> {
  return override.run(new Date(at.getTime()), fn);
}

/**
 * Creation stamps for an insert under an override; empty otherwise, so the database default
 * (now()) still decides in normal operation.
 */
export function stampsNow(columns: readonly ('createdAt' | 'updatedAt')[] = ['createdAt', 'updatedAt']): { createdAt?: Date; updatedAt?: Date } {
  const at = override.getStore();
  if (!at) return {};
  return Object.fromEntries(columns.map((c) => [c, new Date(at.getTime())]));
}
