// The API client, typed from the OpenAPI document (web/api/schema.d.ts, `npm run gen:api`).
// Every write carries the CSRF token (double-submit cookie) and every call the UI language,
// so server errors come back as problem+json in the user's language.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from '../api/schema';
import i18n from './i18n';

type ServerProblem = components['schemas']['Problem'];
export type FieldProblem = NonNullable<ServerProblem['fields']>[number];
/**
 * The server's problem+json (its extra members too, e.g. an import's `report`), or one made up
 * here for an answer that is not (a proxy's 502 page): then only status, code and detail.
 */
export type Problem = Omit<ServerProblem, 'type' | 'title'> & Partial<Pick<ServerProblem, 'type' | 'title'>> & { [k: string]: unknown };

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.title || problem.code);
    this.problem = problem;
  }
}

function csrfToken(): string {
  const m = document.cookie.match(/(?:^|;\s*)ms_csrf=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : '';
}

const headers: Middleware = {
  onRequest({ request }) {
    request.headers.set('accept-language', i18n.language === 'en-US' ? 'en-US' : 'zh-CN');
    if (request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('x-csrf-token', csrfToken());
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(headers);

// ---- types read from the contract (issue 11 item 2) -----------------------------------------

type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type OkOf<Op> = Op extends { responses: infer Rs } ? (Rs extends { 200: infer R } ? JsonOf<R> : Rs extends { 201: infer R } ? JsonOf<R> : never) : never;
/** The JSON a GET on this path answers with (for a union of paths, the union of their answers). */
export type GetData<P extends keyof paths> = P extends keyof paths ? (paths[P] extends { get: infer Op } ? OkOf<Op> : never) : never;
/** The query a GET on this path accepts. */
export type GetQuery<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
/** Paths whose GET answers with a page ({ items, total, … }): what ListPage and pickers can show. */
export type ListPath = { [P in keyof paths]: GetData<P> extends { items: readonly unknown[]; total: number } ? P : never }[keyof paths];
/** One row of a list path's page. */
export type ItemOf<P extends ListPath> = GetData<P> extends { items: readonly (infer I)[] } ? I : never;
/** A JSON response body of a path and method, by status (200 unless given). */
export type ResponseOf<P extends keyof paths, M extends 'get' | 'post' | 'put' | 'patch' | 'delete'> = paths[P] extends { [K in M]: infer Op }
  ? OkOf<Op>
  : never;
/** A JSON request body of a path and method. */
export type BodyOf<P extends keyof paths, M extends 'post' | 'put' | 'patch' | 'delete'> = paths[P] extends {
  [K in M]: { requestBody?: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

/**
 * GETs a list path with a free-form query (the URL's search params on a list screen). The path is
 * typed, so the rows are the contract's rows; only the query is loose, because a list screen
 * passes through whatever filters its URL holds and the server validates them.
 */
export function getPage<P extends ListPath>(path: P, query: Record<string, string | number | boolean | undefined>): Promise<GetData<P>> {
  const get = api.GET as unknown as (
    p: string,
    init: { params: { query: typeof query } },
  ) => Promise<{ data?: GetData<P>; error?: unknown; response: Response }>;
  return must(get(path, { params: { query } }));
}

/** Collection paths of plain records: POST creates one, `<path>/{id}` PATCH updates it (RecordForm). */
export type RecordPath = {
  [P in keyof paths & string]: paths[P] extends { post: unknown } ? (paths[`${P}/{id}` & keyof paths] extends { patch: unknown } ? P : never) : never;
}[keyof paths & string];
/** Collection paths whose records are deleted at `<path>/{id}?version=` (useDelete). */
export type DeletePath = {
  [P in keyof paths & string]: paths[`${P}/{id}` & keyof paths] extends { delete: { parameters: { query: { version: number } } } } ? P : never;
}[keyof paths & string];
/** The record path of a collection: '/api/v1/customers' → '/api/v1/customers/{id}'. */
export type RecordOf<P extends string> = `${P}/{id}` & keyof paths;

// The generic record calls below are typed by their path at the call site; inside, TypeScript
// cannot pick openapi-fetch's overload for a path that is still generic, hence one cast each
// (as in getPage). The body of a generic form is the form's values: its rules and the server
// check them, so it is typed here as the contract's body without a compile-time proof.
type Loose = (p: string, init: { params?: object; body?: unknown }) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** POST <path>: creates a record, answers the created record. */
export function createRecord<P extends RecordPath>(path: P, body: BodyOf<P, 'post'>): Promise<ResponseOf<P, 'post'>> {
  return must((api.POST as unknown as Loose)(path, { body })) as Promise<ResponseOf<P, 'post'>>;
}

/** PATCH <path>/{id} (the body carries the version read): answers the updated record. */
export function updateRecord<P extends RecordPath>(path: P, id: string, body: BodyOf<RecordOf<P>, 'patch'>): Promise<ResponseOf<RecordOf<P>, 'patch'>> {
  return must((api.PATCH as unknown as Loose)(`${path}/{id}`, { params: { path: { id } }, body })) as Promise<ResponseOf<RecordOf<P>, 'patch'>>;
}

/** DELETE <path>/{id}?version=. */
export async function deleteRecord<P extends DeletePath>(path: P, id: string, version: number): Promise<void> {
  await must((api.DELETE as unknown as Loose)(`${path}/{id}`, { params: { path: { id }, query: { version } } }));
}

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the problem. */
export async function must<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await p;
  if (error !== undefined || !response.ok) throw new ApiError(toProblem(error, response));
  return data as T;
}

function toProblem(error: unknown, response: Response): Problem {
  if (error && typeof error === 'object' && 'code' in error) return error as Problem;
  return { status: response.status, code: `http_${response.status}`, detail: `${response.status} ${response.statusText}` };
}

/** Downloads a file endpoint (Excel export, import template) with the session cookie. */
export async function download(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin', headers: { 'accept-language': i18n.language } });
  if (!res.ok) {
    const text = await res.text();
    throw new ApiError(toProblem(text ? JSON.parse(text) : undefined, res));
  }
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') ?? '';
  const m = cd.match(/filename\*=UTF-8''([^;]+)/i) ?? cd.match(/filename="?([^";]+)"?/i);
  const name = m ? decodeURIComponent(m[1]) : fallbackName;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export interface Page<T> {
  items: T[];
  total: number;
  /** False when the server stopped counting at its cap: show `total` as "10000+". */
  totalExact?: boolean;
  page: number;
  pageSize: number;
}

export function qs(params: Record<string, unknown>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
