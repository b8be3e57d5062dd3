// Loaded before the server's sources (`node --import ./server/preload.ts server/main.ts`: `npm
// run dev`, `npm run cli`): makes `import … from 'drizzle-orm…'` load Drizzle's CommonJS build
// (issue 17 item 5). `npm start` runs dist/server/main.mjs, which has drizzle-orm bundled inside
// and needs no preload (scripts/lib/server-build.ts).
// Why: Node 24's ES-module loader re-reads the nearest package.json for every module file it
// loads, and drizzle-orm's is 180 KB (an exports map of 447 entries); its ~110 files cost seconds
// of parsing and ~150 MB of garbage, which left the process's RSS 200+ MB higher for good.
// The CommonJS files are the same code (the package ships both); Node gives the named exports
// to ES modules as usual. Without this file everything works the same, only slower and fatter.
import { createRequire, registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const resolved = new Map<string, string>();

registerHooks({
  resolve(specifier, context, nextResolve) {
    // require() calls (require.resolve below included) go their own way.
    if (!(specifier === 'drizzle-orm' || specifier.startsWith('drizzle-orm/')) || context.conditions?.includes('require')) {
      return nextResolve(specifier, context);
    }
    let url = resolved.get(specifier);
    if (!url) {
      url = pathToFileURL(require.resolve(specifier)).href;
      resolved.set(specifier, url);
    }
    return { url, format: 'commonjs', shortCircuit: true };
  },
});
