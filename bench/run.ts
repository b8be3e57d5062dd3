// `npm run bench`: every benchmark script in turn. Results are appended to bench/RESULTS.md.
await import('./startup.ts');
