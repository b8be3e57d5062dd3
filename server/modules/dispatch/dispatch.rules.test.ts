import { describe, expect, it } from 'vitest';
import { defaultChinaCalendar } from '../../lib/calendar.cn.ts';
import { type Candidate, rankEngineers, undispatchedFlagAt } from './dispatch.rules.ts';

const cal = defaultChinaCalendar();
const sh = (local: string) => new Date(`${local}+08:00`);

describe('R-DSP-2 ranking engineers', () => {
  const job = { modelId: 'm-ct', category: 'ct', city: '北京', province: '北京市' };
  const e = (name: string, over: Partial<Candidate>): Candidate => ({ userId: name, name, modelIds: [], categories: [], openLoad: 0, areas: [], ...over });

  it('skill on the model outranks area and load; category skill outranks none', () => {
    const ranked = rankEngineers(job, [
      e('刘洋', { areas: ['北京'], openLoad: 0 }),
      e('张伟', { modelIds: ['m-ct'], openLoad: 3 }),
      e('陈磊', { categories: ['ct'], areas: ['北京'], openLoad: 1 }),
    ]);
    expect(ranked.map((r) => r.name)).toEqual(['陈磊', '张伟', '刘洋']);
    expect(ranked[0].reasons).toEqual(['category_skill', 'same_area', 'light_load']);
  });

  it('with equal skill and area, the lighter load comes first; equal scores sort by name', () => {
    const ranked = rankEngineers(job, [
      e('B', { modelIds: ['m-ct'], openLoad: 4 }),
      e('A', { modelIds: ['m-ct'], openLoad: 1 }),
      e('C', { modelIds: ['m-ct'], openLoad: 1 }),
    ]);
    expect(ranked.map((r) => r.name)).toEqual(['A', 'C', 'B']);
  });
});

describe('R-DSP-1 undispatched at the end of the working day', () => {
  it.each([
    ['a morning request is flagged at today’s close', '2026-11-23T09:10:00', '2026-11-23T17:30:00'],
    ['a request after close is flagged at the next working day’s close', '2026-11-23T18:00:00', '2026-11-24T17:30:00'],
    ['a Friday-night request waits for Monday’s close', '2026-11-27T21:00:00', '2026-11-30T17:30:00'],
    ['a request in the holiday week is flagged at the first working day’s close', '2026-10-03T10:00:00', '2026-10-08T17:30:00'],
  ])('%s', (_s, received, flag) => {
    expect(undispatchedFlagAt(cal, sh(received)).toISOString()).toBe(sh(flag).toISOString());
  });
});
