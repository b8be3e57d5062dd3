// Runs the server bundle (dist/server/main.mjs, built by scripts/build-server.ts) with Node's
// module compile cache on: V8's compiled code for the bundle and the packages it loads is kept on
// disk (os.tmpdir()/node-compile-cache, or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns
// it off) and reused by the next start if the files are unchanged. Measured: loading the modules
// of a restart ~960 → ~830 ms (issue 17 item 5). The cache must be on before the bundle is
// parsed, hence this file and a dynamic import. A cache that cannot be written is ignored.
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/server/main.mjs');
// What the start loaded is written now, not only at a clean exit (a kill -9 never has one).
module.flushCompileCache?.();
