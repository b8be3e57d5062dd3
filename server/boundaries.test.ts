// Module boundaries (issue 11 item 5): code outside a module's folder reaches it only through
// its index.ts (the use cases, routes and jobs it offers) or through its leaf files — tables,
// DTO schemas, pure rules, labels, policies and messages (`<m>.tables.ts`, `.dto.ts`, `.rules.ts`,
// `.labels.ts`, `.policy.ts`, `.messages.ts`). Leaves are imported directly because they are
// data and pure functions evaluated at load: reached through an index they could meet an import
// cycle half-way and be undefined (a Zod schema composed from another module's schema, a policy
// listed by users.abilities). Services, routes and jobs are only ever called, so a cycle through
// index files is harmless for them.
// Exempt: tests and fixtures (*.test.ts, *.fixtures.ts, server/test/), which may reach into a
// module to set up or observe a state the public face does not offer.
// Kept beside server/modules, not in it: several scans (users.abilities.test.ts, i18n.catalog.test.ts,
// chaos/access-matrix.test.ts) read every entry of server/modules as a module folder.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const server = path.dirname(fileURLToPath(import.meta.url));
const modules = path.join(server, 'modules');
const LEAF = /\.(tables|dto|rules|labels|policy|messages)\.ts$/;
const EXEMPT = /(\.test\.ts|\.fixtures\.ts)$/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const moduleOf = (file: string) => {
  const rel = path.relative(modules, file);
  return rel.startsWith('..') ? null : rel.split(path.sep)[0];
};

/** Every relative import or re-export in server/ that reaches into another module's folder. */
function crossModuleImports() {
  const out: { from: string; to: string }[] = [];
  for (const file of sources(server)) {
    if (EXEMPT.test(file) || file.startsWith(path.join(server, 'test') + path.sep)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+'(\.[^']+)'/gm)) {
      const target = path.resolve(path.dirname(file), m[1]);
      const owner = moduleOf(target);
      if (owner && owner !== moduleOf(file)) out.push({ from: path.relative(server, file), to: path.relative(server, target) });
    }
  }
  return out;
}

describe('module boundaries', () => {
  it('outside its folder, a module is imported only through its index.ts or its leaf files', () => {
    const all = crossModuleImports();
    expect(all.length).toBeGreaterThan(50); // the scan sees the imports at all
    const deep = all.filter(({ to }) => path.basename(to) !== 'index.ts' && !LEAF.test(to)).map(({ from, to }) => `${from} -> ${to}`);
    expect(deep).toEqual([]);
  });

  it('every module has an index.ts', () => {
    const missing = readdirSync(modules, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !readdirSync(path.join(modules, e.name)).includes('index.ts'))
      .map((e) => e.name);
    expect(missing).toEqual([]);
  });
});
