// The cluster's pure rules (issue 17 item 7); the processes themselves: chaos/cluster.test.ts.
import { describe, expect, it } from 'vitest';
import { clusterRole, restartDelay } from './cluster.ts';

describe('HTTP processes', () => {
  it('one process serves alone; several make this process the primary, unless it runs only the worker', () => {
    expect(clusterRole(1, true)).toEqual({ kind: 'single' });
    expect(clusterRole(4, true)).toEqual({ kind: 'primary', processes: 4 });
    expect(clusterRole(4, false)).toEqual({ kind: 'single' });
  });

  it('a crashed HTTP process is restarted after 1 s, then a pause doubling up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(restartDelay)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });
});
