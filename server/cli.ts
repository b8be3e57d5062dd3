// Operator commands: `npm run cli -- <command> [options]`. Non-interactive, for deployment
// scripts; exit code 0 on success, 1 with a message otherwise.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { lockDataDir, openDatabase, prepareDatabase, StartupError } from './boot.ts';
import { openPglite } from './db/client.ts';
import { users } from './db/schema.ts';
import { EnvError, loadEnv } from './env.ts';
import { ROLES, type Role } from './lib/access.ts';
import { LedgerError, openLedger, sealAudit, verifyChain } from './lib/audit.ledger.ts';
import { systemActor } from './lib/audit.ts';
import { writeBackup } from './lib/backup.ts';
import { AppError } from './lib/errors.ts';
import { t } from './lib/i18n.ts';
import { type BlobCheck, blobStoreFor, verifyBlobs } from './modules/attachments/index.ts';
import { createUser, findUserByUsername, resetPassword } from './modules/users/index.ts';
import { hasData, seedDemo } from './seed/demo.ts';

const HELP = `MedService operator commands (npm run cli -- <command>):
  migrate                                   apply database migrations
  seed [--force]                            load the demo data (only into an empty database unless --force)
  create-user --username U --password P --role R [--role R2] [--name "Display"] [--customer CODE]
                                            create a user (roles: ${ROLES.join(', ')})
  reset-password --username U --password P  set a new password and end the user's sessions
  verify-audit                              check the audit ledger: entries, links, batches, signed
                                            checkpoints (a deleted tail too); exit 1 if tampered
  backup --out FILE                         dump the embedded database (stop the app first; it takes
                                            nightly dumps into DATA_DIR/backups itself). Attachment
                                            bytes are not in the dump: copy DATA_DIR/blobs as files
                                            (append-only, never rewritten) or version the S3 bucket
  restore --from FILE                       replace the embedded database with a backup (app stopped);
                                            then reports attachments whose bytes the store lacks
  verify-blobs                              check every attachment's bytes (and thumbnail) is in the
                                            store (DATA_DIR/blobs or S3_BUCKET); exit 1 if any is missing
Configuration comes from the environment (DATA_DIR, DATABASE_URL), as for npm start.`;

class UsageError extends Error {}

function blobReport(r: BlobCheck): string {
  if (!r.missing.length) return `Attachments: all ${r.checked} stored blobs present.`;
  const list = r.missing.slice(0, 20).map((m) => `  ${m.sha256} (${m.rows} row${m.rows === 1 ? '' : 's'})`);
  return [
    `Attachments: ${r.missing.length} of ${r.checked} blobs MISSING from the store — copy DATA_DIR/blobs from the backup site:`,
    ...list,
    ...(r.missing.length > 20 ? [`  … and ${r.missing.length - 20} more`] : []),
  ].join('\n');
}

async function run(argv: string[]) {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', multiple: true },
      name: { type: 'string' },
      customer: { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      force: { type: 'boolean' },
    },
    strict: true,
  });
  const env = loadEnv();
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP);
    return;
  }

  if (command === 'restore') {
    if (env.DATABASE_URL) throw new UsageError('restore is for the embedded database; on PostgreSQL use pg_restore.');
    if (!values.from || !existsSync(values.from)) throw new UsageError('restore needs --from FILE (an existing backup).');
    const release = lockDataDir(env.DATA_DIR);
    try {
      const target = path.join(path.resolve(env.DATA_DIR), 'pgdata');
      // Check the backup opens before touching the current data.
      const probe = await openPglite(undefined, new Blob([readFileSync(values.from)]));
      await probe.query('select 1');
      await probe.close();
      const stamp = Date.now();
      const aside = `${target}.before-restore-${stamp}`;
      if (existsSync(target)) renameSync(target, aside);
      // The checkpoints name entries the backup may not hold: kept aside, a new file starts.
      const ledger = openLedger({ dataDir: env.DATA_DIR, keyFile: env.AUDIT_KEY_FILE });
      if (existsSync(ledger.checkpointFile)) renameSync(ledger.checkpointFile, `${ledger.checkpointFile}.before-restore-${stamp}`);
      const restored = await openPglite(target, new Blob([readFileSync(values.from)]));
      const report = await verifyChain(restored.db, { ledger: null });
      const blobs = await verifyBlobs(restored.db, blobStoreFor(env));
      await restored.close();
      console.log(
        `Restored ${values.from} into ${target}${existsSync(aside) ? ` (previous data kept in ${aside})` : ''}. Audit chain: ${report.ok ? 'ok' : 'BROKEN'}, ${report.checked} entries.`,
      );
      console.log(blobReport(blobs));
    } finally {
      release();
    }
    return;
  }

  const { database, release } = await openDatabase(env);
  try {
    switch (command) {
      case 'migrate':
        await prepareDatabase(database);
        console.log('Migrations applied.');
        break;
      case 'seed': {
        await prepareDatabase(database);
        if ((await hasData(database.db)) && !values.force)
          throw new UsageError('The database already has users; not seeding (use --force to add the demo data anyway).');
        const r = await seedDemo(database.db);
        console.log(`Demo data loaded: ${r.users.length} users, password "${r.password}".`);
        break;
      }
      case 'create-user': {
        await prepareDatabase(database);
        const roles = (values.role ?? []) as Role[];
        if (!values.username || !values.password || roles.length === 0)
          throw new UsageError('create-user needs --username, --password and at least one --role.');
        const bad = roles.filter((r) => !ROLES.includes(r));
        if (bad.length) throw new UsageError(`Unknown role(s): ${bad.join(', ')}. Roles: ${ROLES.join(', ')}`);
        let customerId: string | null = null;
        if (values.customer) {
          const r = await database.query<{ id: string }>('select id from customers where lower(code) = lower($1)', [values.customer]);
          if (!r.rows[0]) throw new UsageError(`No customer with code ${values.customer}.`);
          customerId = r.rows[0].id;
        }
        const u = await createUser(
          database.db,
          { ...systemActor, name: 'cli' },
          {
            username: values.username,
            displayName: values.name ?? values.username,
            roles,
            customerId,
            password: values.password,
            locale: 'zh-CN',
            email: null,
            phone: null,
          },
        );
        console.log(`Created user ${u.username} (${u.roles.join(', ')}).`);
        break;
      }
      case 'reset-password': {
        if (!values.username || !values.password) throw new UsageError('reset-password needs --username and --password.');
        const u = await findUserByUsername(database.db, values.username);
        if (!u) throw new UsageError(`No user ${values.username}.`);
        await resetPassword(database.db, { ...systemActor, name: 'cli' }, u.id, u.version, values.password);
        if (!u.active) await database.db.update(users).set({ active: true }).where(eq(users.id, u.id));
        console.log(`Password of ${u.username} reset; their sessions were ended.`);
        break;
      }
      case 'verify-audit': {
        const ledger = openLedger({ dataDir: env.DATA_DIR, keyFile: env.AUDIT_KEY_FILE });
        const r = await verifyChain(database.db, { ledger });
        if (!r.ok) {
          console.error(
            `Audit ledger BROKEN (${r.reason}) at ${r.reason === 'checkpoint_invalid' ? 'checkpoint line' : 'chain position'} ${r.brokenAt}: ${r.detail}; ${r.checked} entries verified before it.`,
          );
          process.exitCode = 1;
        } else {
          console.log(
            `Audit ledger ok: ${r.checked} entries in ${r.batches} batches verified (last #${r.lastSeq}), ${r.checkpoints} signed checkpoints, ${r.unsealed} entries not sealed yet.`,
          );
          if (!ledger.publicKey) console.log(`  No ledger key at ${ledger.keyFile}: signatures and checkpoints were not checked.`);
        }
        break;
      }
      case 'backup': {
        if (!database.pglite) throw new UsageError('backup is for the embedded database; on PostgreSQL use pg_dump.');
        if (!values.out) throw new UsageError('backup needs --out FILE.');
        const r = await writeBackup(database.pglite, values.out);
        console.log(`Backup written to ${r.file} (${r.bytes} bytes).`);
        break;
      }
      case 'verify-blobs': {
        await prepareDatabase(database);
        const r = await verifyBlobs(database.db, blobStoreFor(env));
        console.log(blobReport(r));
        if (r.missing.length) process.exitCode = 1;
        break;
      }
      default:
        throw new UsageError(`Unknown command "${command}".\n\n${HELP}`);
    }
    // What this command wrote is sealed before it exits, as a server does at shutdown.
    if (['migrate', 'seed', 'create-user', 'reset-password'].includes(command)) {
      await sealAudit(database.db, openLedger({ dataDir: env.DATA_DIR, keyFile: env.AUDIT_KEY_FILE, create: true }), (m) => console.warn(m));
    }
  } finally {
    await database.close();
    release();
  }
}

run(process.argv.slice(2)).catch((err) => {
  const known =
    err instanceof UsageError ||
    err instanceof EnvError ||
    err instanceof StartupError ||
    err instanceof LedgerError ||
    (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  if (err instanceof AppError) console.error(`Refused: ${t(err.code, 'en-US', err.params)}`);
  else console.error(known ? err.message : `Failed: ${err.stack || err}`);
  process.exit(1);
});
