// A list screen's first page, asked for at start-up together with GET /auth/me and the screen's
// code instead of after them (issue 17 item 6): opening /work-orders was a waterfall of session →
// layout → screen → list. App.tsx starts the fetch (`fetchEarly`) for a screen that declares its
// list (a `ListSpec` beside the page); ListPage's first query takes it (`takeEarly`) under the
// same query key. Taken once, only while fresh, and a failed early answer (no session yet: 401)
// is fetched again rather than shown, so the early fetch can change nothing but the timing.
import { getPage, type ListPath } from '../api';
import { keysFor, rootOf } from './keys';

/** What a list screen sends for an address: its endpoint, its filter keys in the URL, fixed params. */
export interface ListSpec {
  endpoint: ListPath;
  filterKeys: string[];
  fixedParams?: Record<string, string>;
}

/** The query a list screen sends for the URL's search params: q, sort, page, pageSize and its filters. */
export function listParams(params: URLSearchParams, keys: string[]): Record<string, string> {
  const value: Record<string, string> = {};
  for (const k of ['q', 'sort', 'page', 'pageSize', ...keys]) {
    const v = params.get(k);
    if (v) value[k] = v;
  }
  return value;
}

type Get = (endpoint: ListPath, query: Record<string, string>) => Promise<unknown>;

/** The list's query key (the resource's, so mutations refresh it) and its loader. */
export function listQuery<P extends ListPath>(endpoint: P, query: Record<string, string>) {
  return { key: keysFor(rootOf(endpoint)).list(endpoint, query), load: () => getPage(endpoint, query) };
}

/** How long an early answer may wait for its screen before it is dropped. */
const FRESH_MS = 10_000;
const started = new Map<string, { at: number; data: Promise<unknown> }>();

/** Starts the first page of a list screen opened at this address (`get`: the GET, replaceable in tests). */
export function fetchEarly(spec: ListSpec, search: string, get: Get = getPage): void {
  const query = { ...listParams(new URLSearchParams(search), spec.filterKeys), ...spec.fixedParams };
  const data = get(spec.endpoint, query);
  data.catch(() => {});
  started.set(JSON.stringify(listQuery(spec.endpoint, query).key), { at: Date.now(), data });
}

/** The early answer for this key if one is fresh (once), else a new fetch. */
export function takeEarly<T>(key: readonly unknown[], load: () => Promise<T>): Promise<T> {
  const id = JSON.stringify(key);
  const early = started.get(id);
  started.delete(id);
  if (!early || Date.now() - early.at > FRESH_MS) return load();
  return (early.data as Promise<T>).catch(() => load());
}
