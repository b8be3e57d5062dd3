// Builds the migrated + demo-seeded template once per run, so each test file starts from a
// realistic database in well under a second instead of migrating and seeding again.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../boot.ts';
import { openPglite, openPostgres } from '../db/client.ts';
import { seedDemo } from '../seed/demo.ts';
import { adminUrl, templateDbName } from './pg.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = templateDbName();
    const admin = await openPostgres(adminUrl(url), 1);
    await admin.exec(`drop database if exists ${name}`);
    await admin.exec(`create database ${name}`);
    const tpl = await openPostgres(withDb(url, name), 2);
    await prepareDatabase(tpl);
    await seedDemo(tpl.db);
    await tpl.close();
    project.provide('pgTemplate', name);
    project.provide('pgliteTemplate', '');
    return async () => {
      await admin.exec(`drop database if exists ${name}`).catch(() => {});
      await admin.close();
    };
  }
  const database = await openPglite(undefined);
  await prepareDatabase(database);
  await seedDemo(database.db);
  const blob = await database.pglite!.dumpDataDir('none');
  const dir = path.resolve('.tmp');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', '');
  return () => rmSync(file, { force: true });
}

export function withDb(url: string, db: string) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
