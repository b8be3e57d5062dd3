// Table tests of the handbook's pure rules (R-KB-1): steps by state, no self-review, abilities,
// Chinese bigram search keys, score, version diff, month-end day.
import { describe, expect, it } from 'vitest';
import { digestMonthOf, handbookAbilitiesOf, handbookDiff, handbookSelfReview, handbookStepAllowed, searchGrams, suggestionScore } from './handbook.rules.ts';

describe('R-KB-1 handbook steps', () => {
  it.each([
    ['draft', 'submit', true],
    ['draft', 'publish', false],
    ['in_review', 'publish', true],
    ['in_review', 'edit', false],
    ['published', 'edit', true],
    ['published', 'submit', false],
    ['retired', 'edit', false],
    ['retired', 'retire', false],
  ] as const)('%s → %s allowed: %s', (state, step, ok) => expect(handbookStepAllowed(state, step)).toBe(ok));

  it('the author never reviews his own entry', () => {
    expect(handbookSelfReview('u1', 'u1')).toBe('handbook_own_entry');
    expect(handbookSelfReview('u1', 'u2')).toBeNull();
    expect(handbookSelfReview(null, 'u2')).toBeNull();
  });

  it.each([
    [['engineer'], 'u1', 'in_review', { publish: false, edit: false }],
    [['technical_expert'], 'u2', 'in_review', { publish: true, reject: true }],
    [['technical_expert'], 'u1', 'in_review', { publish: false, reject: false }],
    [['quality'], 'u2', 'published', { publish: false, edit: true, retire: true }],
    [['dispatcher'], 'u2', 'draft', { edit: false, submit: false }],
  ] as const)('roles %j as %s on an entry %s by u1: %j', (roles, user, state, expected) =>
    expect(handbookAbilitiesOf(roles, user, { state, authorId: 'u1' })).toMatchObject(expected),
  );
});

describe('search keys (Chinese bigrams + ASCII words)', () => {
  it.each([
    ['血氧探头', ['探头', '氧探', '血氧']],
    ['报 E-205', ['e-205', 'e205', '报']],
    ['CT 球管打火', ['ct', '打火', '球管', '管打']],
    ['', []],
  ])('%s → %j', (text, grams) => expect(searchGrams(text)).toEqual([...grams].sort()));

  it('scores the share of the query keys an entry holds, plus the same-model boost', () => {
    expect(suggestionScore(['a', 'b', 'c', 'd'], ['a', 'b', 'x'], false)).toBe(0.5);
    expect(suggestionScore(['a', 'b'], ['a', 'b'], true)).toBeCloseTo(1.15);
    expect(suggestionScore([], ['a'], true)).toBe(0);
  });
});

describe('version diff and the digest day', () => {
  const v = { modelId: 'm', category: null, faultCode: 'E-1', title: 't', symptoms: 's', cause: 'c', fix: 'f', partCodes: ['P1'], tags: [] };
  it('names only the changed fields, lists compared as text', () => {
    expect(handbookDiff(v, { ...v, fix: 'f2', partCodes: ['P1', 'P2'] })).toEqual([
      { field: 'fix', before: 'f', after: 'f2' },
      { field: 'partCodes', before: 'P1', after: 'P1, P2' },
    ]);
    expect(handbookDiff(v, { ...v })).toEqual([]);
  });
  it.each([
    ['2026-12-31', { month: '2026-12', lastDay: true }],
    ['2026-12-30', { month: '2026-12', lastDay: false }],
    ['2028-02-29', { month: '2028-02', lastDay: true }],
    ['2027-02-28', { month: '2027-02', lastDay: true }],
  ])('%s → %j', (d, r) => expect(digestMonthOf(d)).toEqual(r));
});
