// Checks other modules run on records that point into a customer's departments and sites.
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { departments, sites } from './customers.tables.ts';

/** A department or site referenced by a record must belong to that record's customer. */
export async function assertBelongsToCustomer(tx: Executor, customerId: unknown, refs: { departmentId?: unknown; siteId?: unknown }): Promise<void> {
  const checks = [
    ['departmentId', departments, refs.departmentId],
    ['siteId', sites, refs.siteId],
  ] as const;
  for (const [field, table, id] of checks) {
    if (typeof id !== 'string') continue;
    const [row] = await tx.select({ customerId: table.customerId }).from(table).where(eq(table.id, id));
    if (!row) throw new AppError(422, 'invalid_reference', { field }, [{ field, code: 'not_found' }]);
    if (row.customerId !== customerId) throw new AppError(422, 'customer_mismatch', { field }, [{ field, code: 'invalid' }]);
  }
}
