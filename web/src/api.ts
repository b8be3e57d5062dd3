// The API client, typed from the OpenAPI document (web/api/schema.d.ts, `npm run gen:api`).
// Every write carries the CSRF token (double-submit cookie) and every call the UI language,
// so server errors come back as problem+json in the user's language.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../api/schema';
import i18n from './i18n';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}
export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail: string;
  fields?: FieldProblem[];
  [k: string]: unknown;
}

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.title || problem.code);
    this.problem = problem;
  }
}

export function csrfToken(): string {
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
/** The JSON a GET on this path answers with. */
export type GetData<P extends keyof paths> = paths[P] extends { get: infer Op } ? OkOf<Op> : never;
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

/** Untyped calls for generic screens (lists over many resources, uploads, downloads). */
export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const isForm = body instanceof FormData;
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {
      'accept-language': i18n.language === 'en-US' ? 'en-US' : 'zh-CN',
      ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken() }),
      ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiError(toProblem(json, res));
  return json as T;
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
