/// <reference types="vite/client" />
// The web's strings are split by domain (issue 11 item 6): routes/<domain>/i18n.ts, merged by
// ./i18n.ts. Each domain must give both languages the same keys, no two domains may claim the same
// top-level key (the merge would let one silently replace the other), and every key a screen
// asks for by a literal t('a.b') must exist in both languages.
import { describe, expect, it } from 'vitest';
import i18n from './i18n.ts';
import { catalogues as en } from './messages.en.ts';
import { catalogues as zh } from './messages.ts';

const catalogues = Object.fromEntries(Object.entries(zh).map(([domain, dict]) => [domain, { zh: dict, en: (en as Record<string, object>)[domain] }]));

/** Every string of a dictionary by its path (`service.status`, `svcAdmin.menu.sla` …). */
const leaves = (dict: object, prefix = ''): [string, unknown][] =>
  Object.entries(dict).flatMap(([k, v]) => (v !== null && typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]));
const paths = (dict: object) => leaves(dict).map(([path]) => path);

describe('web strings by domain (issue 11 item 6)', () => {
  it('each language has the same domains, each in its own module (issue 17 item 6)', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it.each(Object.entries(catalogues))('%s: zh-CN and en-US have the same keys, every string non-empty', (_, { zh, en }) => {
    expect(paths(en).sort()).toEqual(paths(zh).sort());
    for (const dict of [zh, en]) expect(leaves(dict).filter(([, text]) => typeof text !== 'string' || text.trim() === '')).toEqual([]);
  });

  it('no two domains share a top-level key, and the app has them all', () => {
    const owners = new Map<string, string[]>();
    for (const [domain, { zh }] of Object.entries(catalogues)) for (const key of Object.keys(zh)) owners.set(key, [...(owners.get(key) ?? []), domain]);
    expect([...owners].filter(([, ds]) => ds.length > 1)).toEqual([]);
    expect(Object.keys(i18n.getResourceBundle('zh-CN', 'translation')).sort()).toEqual([...owners.keys()].sort());
    expect(i18n.t('service.status', { lng: 'en-US' })).toBe('Status');
    expect(i18n.t('svcAdmin.menu.sla', { lng: 'zh-CN' })).toBe('SLA 时限与日历');
    expect(i18n.t('svcLoans.menu.loans', { lng: 'en-US' })).toBe('Loaner units');
  });

  it('every literal key the screens ask for exists in both languages', () => {
    const sources = import.meta.glob<string>(['./**/*.ts', './**/*.tsx', '!./**/*.test.ts'], { query: '?raw', import: 'default', eager: true });
    const used = Object.entries(sources).flatMap(([file, text]) => [...text.matchAll(/\bt\(\s*'([a-zA-Z]\w*(?:\.\w+)+)'/g)].map((m) => ({ file, key: m[1] })));
    expect(used.length).toBeGreaterThan(1000);
    const missing = used.filter(({ key }) => !i18n.exists(key, { lng: 'zh-CN' }) || !i18n.exists(key, { lng: 'en-US' }));
    expect(missing.map(({ file, key }) => `${key} (${file})`)).toEqual([]);
  });
});
