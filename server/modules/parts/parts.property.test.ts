// Property (R-PT-2): for random sequences of movements — receipts, issues, transfers and
// adjustments across three warehouses — booked against the real database with no service
// pre-check, stock always equals the ledger sum and never goes below zero: a movement that
// would overdraw is refused as a whole (409 insufficient_stock) and changes nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { idOf, workOrder } from './parts.fixtures.ts';
import { type Movement, post, stockTx, verifyLedger } from './parts.ledger.ts';
import { parts as partsTable } from './parts.tables.ts';

let env: TestEnv;
let whs: string[];
let woId: string;

beforeAll(async () => {
  env = await createTestEnv();
  whs = [await idOf(env, 'warehouses', 'WH-CENTRAL'), await idOf(env, 'warehouses', 'VAN-engineer'), await idOf(env, 'warehouses', 'VAN-engineer2')];
  woId = await workOrder(env, await env.as('dispatcher'), 'ST5020-21-0031', 'normal');
});
afterAll(() => env?.close());

type Op =
  | { t: 'receipt'; w: number; q: number }
  | { t: 'issue'; w: number; q: number }
  | { t: 'transfer'; from: number; to: number; q: number }
  | { t: 'adjust'; w: number; d: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('receipt' as const), w: fc.nat(2), q: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ t: fc.constant('issue' as const), w: fc.nat(2), q: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ t: fc.constant('transfer' as const), from: fc.nat(2), to: fc.nat(2), q: fc.integer({ min: 1, max: 6 }) }).filter((o) => o.from !== o.to),
  fc.record({ t: fc.constant('adjust' as const), w: fc.nat(2), d: fc.integer({ min: -4, max: 4 }).filter((d) => d !== 0) }),
);

function movementsOf(o: Op, partId: string): Movement[] {
  const m = { partId, workOrderId: null as string | null };
  switch (o.t) {
    case 'receipt':
      return [{ ...m, kind: 'receipt', warehouseId: whs[o.w], qty: o.q }];
    case 'issue':
      return [{ ...m, kind: 'issue', warehouseId: whs[o.w], qty: -o.q, workOrderId: woId }];
    case 'transfer': {
      const transferId = crypto.randomUUID();
      return [
        { ...m, kind: 'transfer_out', warehouseId: whs[o.from], qty: -o.q, transferId },
        { ...m, kind: 'transfer_in', warehouseId: whs[o.to], qty: o.q, transferId },
      ];
    }
    case 'adjust':
      return [{ ...m, kind: 'adjustment', warehouseId: whs[o.w], qty: o.d }];
  }
}

async function stockOf(partId: string): Promise<number[]> {
  const r = await env.database.query<{ warehouse_id: string; qty: number }>(`select warehouse_id, qty from stock_balances where part_id = '${partId}'`);
  return whs.map((w) => Number(r.rows.find((x) => x.warehouse_id === w)?.qty ?? 0));
}

describe('ledger property', () => {
  it('stock equals the ledger sum and never goes below zero, whatever the sequence', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        run += 1;
        const [part] = await env.database.db
          .insert(partsTable)
          .values({ code: `PROP-${process.pid}-${run}-${Math.random().toString(36).slice(2, 8)}`, name: '性质测试备件' })
          .returning();
        const model = [0, 0, 0];
        for (const o of ops) {
          const moves = movementsOf(o, part.id);
          const next = [...model];
          for (const mv of moves) next[whs.indexOf(mv.warehouseId)] += mv.qty;
          const shouldFail = next.some((q) => q < 0);
          const result = await stockTx(env.database.db, (tx) => post(tx, { id: null, name: 'property' }, moves)).then(
            () => 'ok' as const,
            (e) => e,
          );
          if (shouldFail) {
            expect(result).toMatchObject({ status: 409, code: 'insufficient_stock' });
          } else {
            expect(result).toBe('ok');
            model.splice(0, 3, ...next);
          }
          expect(await stockOf(part.id)).toEqual(model);
        }
        const sums = await env.database.query<{ warehouse_id: string; total: number }>(
          `select warehouse_id, sum(qty)::int as total from parts_ledger where part_id = '${part.id}' group by 1`,
        );
        expect(whs.map((w) => Number(sums.rows.find((x) => x.warehouse_id === w)?.total ?? 0))).toEqual(model);
      }),
      { numRuns: 50 },
    );
    const v = await verifyLedger(env.database.db);
    expect(v).toMatchObject({ ok: true, negative: 0, mismatches: [] });
  });
});
