// `npm start` runs this before the server: builds dist/server/main.mjs when it is missing or
// older than the sources (scripts/lib/server-build.ts says why the server runs as one file).
import path from 'node:path';
import { ensureServerBuild } from './lib/server-build.ts';

await ensureServerBuild(path.resolve(import.meta.dirname, '..'), (m) => console.log(m));
