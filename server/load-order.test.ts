// Every module's public face loads on its own, first, in a fresh module graph. Two modules that
// import each other through their index files only work when the right one happens to load first;
// a DTO that reads a constant from the other side at load time then sees `undefined` (stop-21
// merge: installations.dto read the work-order statuses while the workorders index was still
// loading). Each entry is imported into an emptied module registry, so no earlier import hides it.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const root = path.resolve(import.meta.dirname);
const modules = readdirSync(path.join(root, 'modules')).sort();
const tables = modules.flatMap((m) =>
  readdirSync(path.join(root, 'modules', m))
    .filter((f) => f.endsWith('.tables.ts'))
    .map((f) => path.join(root, 'modules', m, f)),
);
const entries = [
  ...modules.map((m) => path.join(root, 'modules', m, 'index.ts')),
  // A table file loads the schema, which loads every other table file: a column type read from
  // the schema (not from db/enums.ts) is undefined when that table happens to load first.
  ...tables,
  path.join(root, 'db/schema.ts'),
  path.join(root, 'http/app.ts'),
  path.join(root, 'jobs/catalog.ts'),
];

describe('module load order', () => {
  it('every module index, every table file, the schema, the app and the job catalogue load first in a fresh module graph', { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    for (const f of entries) {
      // A fresh registry per entry: the test runner's evaluator (like a bundler) runs an index's
      // re-exports in order, so a cycle through it yields undefined where plain Node would not.
      vi.resetModules();
      try {
        await import(f);
      } catch (e) {
        failures.push(
          `${path.relative(root, f)}: ${String((e as Error)?.stack ?? e)
            .split('\n')
            .slice(0, 4)
            .join('\n')}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });
});
