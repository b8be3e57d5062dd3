// STARTUP_TRACE=1: one line per start-up phase on stderr (ms since the process began, the phase's
// own ms, RSS and JS heap), so a slow or fat start shows where it went (issue 17 item 5).
// bench/startup.ts reads these lines; without the flag every mark is a no-op.
export interface StartupTrace {
  mark(phase: string): void;
}

export function startupTrace(enabled: boolean): StartupTrace {
  if (!enabled) return { mark: () => {} };
  let last = 0;
  const mb = (n: number) => Math.round(n / 2 ** 20);
  return {
    mark(phase) {
      // performance.now() counts from the process's start: the first mark includes loading modules.
      const now = performance.now();
      const m = process.memoryUsage();
      console.error(
        `[startup] ${phase} at=${Math.round(now)}ms took=${Math.round(now - last)}ms rss=${mb(m.rss)}MB heap=${mb(m.heapUsed)}MB external=${mb(m.external + m.arrayBuffers)}MB`,
      );
      last = now;
    },
  };
}
