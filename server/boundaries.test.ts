// Module boundaries (issue 11 item 5): code outside a module's folder — another module, server/http,
// the seed, the CLI — reaches it only through its index.ts, the module's public face. Tables are
// the exception that is not one: the database is one schema joined across modules, so another
// module's tables come from server/db/schema.ts, never from the module's folder.
// Three registries outside the modules each list one kind of leaf file of every module, and
// nothing else from them: server/db/schema.ts (<m>.tables.ts, for Drizzle), server/lib/i18n.catalog.ts
// (<m>.messages.ts) and server/http/abilities.ts (<m>.policy.ts). Those leaves are plain data
// evaluated at load, so a registry never meets a module half-evaluated in an import cycle.
// Exempt: tests and fixtures (*.test.ts, *.fixtures.ts, server/test/), which may reach into a
// module to set up or observe a state the public face does not offer.
// Kept beside server/modules, not in it: several scans (http/abilities.test.ts, i18n.catalog.test.ts,
// chaos/access-matrix.test.ts) read every entry of server/modules as a module folder.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const server = path.dirname(fileURLToPath(import.meta.url));
const modules = path.join(server, 'modules');
/** The registries and the one kind of module file each may list. */
const REGISTRIES: Record<string, RegExp> = {
  'db/schema.ts': /\.tables\.ts$/,
  'lib/i18n.catalog.ts': /\.messages\.ts$/,
  'http/abilities.ts': /\.policy\.ts$/,
};
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
  it('outside its folder, a module is imported only through its index.ts', () => {
    const all = crossModuleImports();
    expect(all.length).toBeGreaterThan(50); // the scan sees the imports at all
    const deep = all.filter(({ from, to }) => path.basename(to) !== 'index.ts' && !REGISTRIES[from]).map(({ from, to }) => `${from} -> ${to}`);
    expect(deep).toEqual([]);
  });

  it('each registry lists only its kind of leaf file, and lists every one of them', () => {
    const all = crossModuleImports();
    for (const [registry, kind] of Object.entries(REGISTRIES)) {
      const listed = all.filter(({ from }) => from === registry).map(({ to }) => to);
      expect(
        listed.filter((to) => !kind.test(to)),
        registry,
      ).toEqual([]);
      const onDisk = sources(modules)
        .filter((f) => kind.test(f))
        .map((f) => path.relative(server, f));
      expect(
        onDisk.filter((f) => !listed.includes(f)),
        `${registry} misses`,
      ).toEqual([]);
    }
  });

  it('every module has an index.ts', () => {
    const missing = readdirSync(modules, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !readdirSync(path.join(modules, e.name)).includes('index.ts'))
      .map((e) => e.name);
    expect(missing).toEqual([]);
  });
});
