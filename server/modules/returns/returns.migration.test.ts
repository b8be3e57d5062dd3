// Migration 0073 (issue 14 §5, 经营办法§38): a database with adverse-event notices in their own
// table is upgraded — each becomes a supplier_notices row of subject 'adverse_event' with the
// same id (the audit ledger's old 'adverse_event_notice' entries still name it), the day of
// sending in Shanghai time and the moment kept, the reply, the sender and the overdue claim
// carried over; the old table is gone. A database at 0072, then the product's migrator.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../db/client.ts';
import { migrationsFolder } from '../../db/migrate.ts';
import { migrateConcurrently } from '../../db/migrate-concurrently.ts';
import { recordAudit, systemActor } from '../../lib/audit.ts';
import { recordLabels } from '../audit/audit.records.ts';
import { listAudit } from '../audit/audit.service.ts';

describe('upgrading a database with adverse-event notices (migration 0073)', () => {
  it('every notice moves into supplier_notices under its id, nothing is lost, and its old audit entries still read', async () => {
    const database = await openPglite(undefined);
    try {
      const old = mkdtempSync(path.join(tmpdir(), 'migrations-'));
      cpSync(migrationsFolder, old, { recursive: true });
      rmSync(path.join(old, '0073_one_supplier_notice_table.sql'));
      const journal = JSON.parse(readFileSync(path.join(old, 'meta/_journal.json'), 'utf8'));
      journal.entries = journal.entries.filter((e: { idx: number }) => e.idx < 73);
      writeFileSync(path.join(old, 'meta/_journal.json'), JSON.stringify(journal));
      const pg = drizzlePglite(database.pglite as NonNullable<typeof database.pglite>);
      await migrateConcurrently(pg, null, old);

      await database.exec(`
        insert into customers (id, code, name) values ('00000000-0000-4000-8000-0000000000c1', 'C-1', '仁和医院');
        insert into suppliers (id, code, name) values ('00000000-0000-4000-8000-0000000000b1', 'S-1', '某配件供应商');
        insert into users (id, username, display_name, password_hash) values ('00000000-0000-4000-8000-0000000000a1', 'q', '李静', 'x');
        insert into adverse_events (id, number, customer_id, event_date, aware_at, patient_impact, description, created_by_name)
          values ('00000000-0000-4000-8000-0000000000e1', 'AE-2026-0001', '00000000-0000-4000-8000-0000000000c1', '2026-03-01',
                  '2026-03-01T02:00:00Z', 'none', '报警后停机', '李静');
        -- Sent at 23:30 in Shanghai on the 2nd, to the manufacturer's department, answered.
        insert into adverse_event_notices (id, version, adverse_event_id, recipient, sent_at, content, reply_due, reply_text, replied_on, sent_by_name, sent_by)
          values ('00000000-0000-4000-8000-0000000000d1', 2, '00000000-0000-4000-8000-0000000000e1', '生产企业质量部',
                  '2026-03-02T15:30:00Z', '请分析', '2026-03-20', '已确认', '2026-03-10', '李静', '00000000-0000-4000-8000-0000000000a1');
        -- Sent just after midnight in Shanghai (the 5th there, the 4th in UTC), to a supplier, chased, unanswered, no sender.
        insert into adverse_event_notices (id, adverse_event_id, supplier_id, recipient, sent_at, content, reply_due, sent_by_name, overdue_notified_at)
          values ('00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000b1',
                  '某配件供应商', '2026-03-04T16:30:00Z', '请回复', '2026-03-15', '旧记录', '2026-03-16T00:25:00Z');
      `);

      // The first notice's entry as the event's page wrote it before 0073.
      await database.db.transaction((tx) =>
        recordAudit(tx, { actor: systemActor, entity: 'adverse_event_notice', entityId: '00000000-0000-4000-8000-0000000000d1', action: 'create' }),
      );

      await migrateConcurrently(pg, null, migrationsFolder);

      const gone = await database.query<{ t: string | null }>(`select to_regclass('adverse_event_notices')::text as t`);
      expect(gone.rows[0].t).toBeNull();
      const rows = await database.query<Record<string, unknown>>(
        `select id, version, subject, subject_id, supplier_id, manufacturer, recipient_name, sent_on::text, sent_at, channel, content,
                sent_by, sent_by_name, reply_due_on::text, replied_on::text, reply_text, overdue_notified_at
           from supplier_notices order by id`,
      );
      expect(rows.rows).toEqual([
        {
          id: '00000000-0000-4000-8000-0000000000d1',
          version: 2,
          subject: 'adverse_event',
          subject_id: '00000000-0000-4000-8000-0000000000e1',
          supplier_id: null,
          manufacturer: '生产企业质量部',
          recipient_name: '生产企业质量部',
          sent_on: '2026-03-02',
          sent_at: new Date('2026-03-02T15:30:00Z'),
          channel: 'other',
          content: '请分析',
          sent_by: '00000000-0000-4000-8000-0000000000a1',
          sent_by_name: '李静',
          reply_due_on: '2026-03-20',
          replied_on: '2026-03-10',
          reply_text: '已确认',
          overdue_notified_at: null,
        },
        {
          id: '00000000-0000-4000-8000-0000000000d2',
          version: 1,
          subject: 'adverse_event',
          subject_id: '00000000-0000-4000-8000-0000000000e1',
          supplier_id: expect.any(String),
          manufacturer: null,
          recipient_name: '某配件供应商',
          sent_on: '2026-03-05',
          sent_at: new Date('2026-03-04T16:30:00Z'),
          channel: 'other',
          content: '请回复',
          sent_by: null,
          sent_by_name: '旧记录',
          reply_due_on: '2026-03-15',
          replied_on: null,
          reply_text: null,
          overdue_notified_at: new Date('2026-03-16T00:25:00Z'),
        },
      ]);
      // The ledger is insert-only: an old entry keeps its entity type, and its lookup still names the notice.
      expect(await recordLabels(database.db, [{ entity: 'adverse_event_notice', entityId: '00000000-0000-4000-8000-0000000000d1' }])).toEqual([
        'AE-2026-0001 → 生产企业质量部',
      ]);
      // The audit page's filter by the new type finds the notice's whole history, old name and new.
      await database.db.transaction((tx) =>
        recordAudit(tx, { actor: systemActor, entity: 'supplier_notice', entityId: '00000000-0000-4000-8000-0000000000d1', action: 'update' }),
      );
      const history = await listAudit(database.db, { entity: 'supplier_notice', entityId: '00000000-0000-4000-8000-0000000000d1', page: 1, pageSize: 20 });
      expect(history.rows.map((r) => [r.entity, r.action, r.recordLabel])).toEqual([
        ['supplier_notice', 'update', expect.any(String)],
        ['adverse_event_notice', 'create', 'AE-2026-0001 → 生产企业质量部'],
      ]);
      expect(history.total).toBe(2);
    } finally {
      await database.close();
    }
  }, 300_000); // A fresh PGlite migrated from scratch: slow when the machine is shared.
});
