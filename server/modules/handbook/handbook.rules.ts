// Pure rules of the service handbook (售后服务手册, issue 15 §5, R-KB-1): the state steps, who may
// do which step on an entry (the reviewer is never the author), the search keys used for
// suggestions (Chinese bigrams + ASCII words: works the same on PGlite and PostgreSQL, where no
// Chinese tokenizer is available on both), the score, the field diff between versions, and the
// last-day-of-month test of the monthly what's-new digest (seed 002 每月底).
import type { Role } from '../../lib/access.ts';
import { handbookPolicy } from './handbook.policy.ts';
import type { HANDBOOK_STATES } from './handbook.tables.ts';

export type HandbookState = (typeof HANDBOOK_STATES)[number];
export type HandbookStep = 'edit' | 'submit' | 'publish' | 'reject' | 'retire';

const FROM: Record<HandbookStep, readonly HandbookState[]> = {
  edit: ['draft', 'published'],
  submit: ['draft'],
  publish: ['in_review'],
  reject: ['in_review'],
  retire: ['draft', 'published'],
};

/** R-KB-1: draft → in review → published; a published entry is revised as a draft; retired is final. */
export function handbookStepAllowed(state: HandbookState, step: HandbookStep): boolean {
  return FROM[step].includes(state);
}

/** R-KB-1: an expert, quality or service manager reviews — never the entry's author. */
export function handbookSelfReview(authorId: string | null, reviewerId: string): 'handbook_own_entry' | null {
  return authorId !== null && authorId === reviewerId ? 'handbook_own_entry' : null;
}

/** What the reader may do on this entry, for the web's buttons. */
export function handbookAbilitiesOf(roles: readonly Role[], userId: string, e: { state: HandbookState; authorId: string | null }) {
  const has = (a: keyof typeof handbookPolicy) => roles.some((r) => handbookPolicy[a].includes(r));
  const reviewer = has('review') && e.authorId !== userId;
  return {
    edit: has('write') && handbookStepAllowed(e.state, 'edit'),
    submit: has('write') && handbookStepAllowed(e.state, 'submit'),
    publish: reviewer && handbookStepAllowed(e.state, 'publish'),
    reject: reviewer && handbookStepAllowed(e.state, 'reject'),
    retire: has('review') && handbookStepAllowed(e.state, 'retire'),
  };
}

const HAN = /\p{Script=Han}/u;
const WORD = /[a-z0-9][a-z0-9._-]*/g;

/**
 * Search keys of a text: each pair of adjacent Han characters (bigrams; a lone character
 * between non-Han ones as a unigram) and each lower-cased ASCII word (fault codes like E-203,
 * part codes, "ccd"). Sorted, unique.
 */
export function searchGrams(text: string): string[] {
  const out = new Set<string>();
  const lower = text.toLowerCase();
  for (const w of lower.match(WORD) ?? []) {
    const t = w.replace(/[._-]+$/, '');
    if (t.length >= 2) out.add(t);
    const compact = t.replace(/[._-]/g, '');
    if (compact.length >= 2 && compact !== t) out.add(compact);
  }
  const chars = [...lower];
  let run: string[] = [];
  const flush = () => {
    if (run.length === 1) out.add(run[0]);
    for (let i = 0; i + 1 < run.length; i++) out.add(run[i] + run[i + 1]);
    run = [];
  };
  for (const c of chars) {
    if (HAN.test(c)) run.push(c);
    else flush();
  }
  flush();
  return [...out].sort();
}

/** Keys of an entry: what a caller would type about the fault (title, symptoms, code, cause, tags). */
export function entryGrams(e: { title: string; symptoms: string; cause: string; faultCode: string | null; tags: readonly string[]; meaning?: string | null }) {
  return searchGrams([e.title, e.symptoms, e.cause, e.faultCode ?? '', e.tags.join(' '), e.meaning ?? ''].join('\n'));
}

/** Share of the query's keys an entry has (0…1), plus a boost when the model matches exactly. */
export function suggestionScore(queryGrams: readonly string[], entry: readonly string[], sameModel: boolean): number {
  if (queryGrams.length === 0) return 0;
  const set = new Set(entry);
  const hits = queryGrams.filter((g) => set.has(g)).length;
  return hits / queryGrams.length + (sameModel ? 0.15 : 0);
}

export const DIFF_FIELDS = ['modelId', 'category', 'faultCode', 'title', 'symptoms', 'cause', 'fix', 'partCodes', 'tags'] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

/** The fields that differ between two versions (arrays compared as lists). */
export function handbookDiff(a: Record<DiffField, unknown>, b: Record<DiffField, unknown>): { field: DiffField; before: string; after: string }[] {
  const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v == null ? '' : String(v));
  return DIFF_FIELDS.filter((f) => show(a[f]) !== show(b[f])).map((f) => ({ field: f, before: show(a[f]), after: show(b[f]) }));
}

/** 'YYYY-MM' of a local date and whether that date is the month's last day (the digest day). */
export function digestMonthOf(localDate: string): { month: string; lastDay: boolean } {
  const [y, m, d] = localDate.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { month: localDate.slice(0, 7), lastDay: d === last };
}
