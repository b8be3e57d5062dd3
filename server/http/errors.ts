// RFC 9457 problem+json for every error. A problem has a stable `code`, a translated
// `detail`, and for input errors the offending fields. Database constraint errors raised by
// user input are mapped to 4xx here, so bad input can never surface as a 500.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError, type z } from 'zod';
import { AppError, type FieldError } from '../lib/errors.ts';
import { type GlossaryGroup, term } from '../lib/glossary.ts';
import { type ErrorCode, fieldLabel, hasMessage, type Locale, t } from '../lib/i18n.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  fields?: { field: string; code: string; message: string }[];
  [k: string]: unknown;
}

/** Constraint name -> the field it protects; registered by modules. */
const constraintFields = new Map<string, string>();
export function registerConstraintFields(map: Record<string, string>) {
  for (const [k, v] of Object.entries(map)) constraintFields.set(k, v);
}
/** Table name -> field label for "still referenced by …" messages. */
const tableLabels = new Map<string, string>();
export function registerTableLabels(map: Record<string, string>) {
  for (const [k, v] of Object.entries(map)) tableLabels.set(k, v);
}

interface PgLikeError {
  code?: string;
  constraint?: string;
  table?: string;
  detail?: string;
  message?: string;
}

function pgErrorOf(err: unknown): PgLikeError | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const c = (e as PgLikeError).code;
    if (typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c)) return e as PgLikeError;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const CONNECTION_MESSAGE =
  /ECONNREFUSED|Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Connection ended unexpectedly/i;

/** The database could not be reached or dropped the connection (anywhere in the cause chain: Drizzle wraps driver errors). */
function isConnectionLoss(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if ((typeof code === 'string' && CONNECTION_CODES.has(code)) || CONNECTION_MESSAGE.test(String(message ?? ''))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

function zodFields(issues: z.core.$ZodIssue[], locale: Locale, prefix: string[] = []) {
  const fields: NonNullable<Problem['fields']> = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        fields.push({ field: [...path, key].join('.'), code: 'unrecognized_keys', message: t('field.unrecognized_keys', locale) });
      }
      continue;
    }
    let code: string = issue.code;
    const params: Record<string, unknown> = {};
    if (issue.code === 'invalid_type') {
      const input = (issue as { input?: unknown }).input;
      // Zod 4 does not keep the input; its message says what was received.
      if (input === undefined && /received undefined/.test(issue.message)) code = 'required';
      params.expected = issue.expected;
    } else if (issue.code === 'too_small') params.minimum = String(issue.minimum);
    else if (issue.code === 'too_big') params.maximum = String(issue.maximum);
    else if (issue.code === 'invalid_format') params.format = issue.format;
    else if (issue.code === 'invalid_value') params.options = issue.values.map(String).join(', ');
    else if (issue.code === 'not_multiple_of') params.divisor = String(issue.divisor);
    else if (issue.code === 'custom' && issue.params?.code) {
      code = String(issue.params.code);
      Object.assign(params, issue.params);
    }
    // Never Zod's English text nor the key itself: a code without a message reads as "invalid value" (issue 10 item 4).
    fields.push({ field: path.join('.') || '(body)', code, message: t(`field.${code}`, locale, params) });
  }
  return fields;
}

export function localeOf(req: FastifyRequest): Locale {
  return req.locale;
}

export function problem(status: number, code: ErrorCode, locale: Locale, params: Record<string, unknown> = {}, fields?: FieldError[]): Problem {
  const p: Problem = {
    type: `https://medservice.dev/problems/${code}`,
    title: code,
    status,
    code,
    detail: t(code, locale, params),
  };
  if (fields?.length) {
    p.fields = fields.map((f) => ({ field: f.field, code: f.code, message: t(`field.${f.code}`, locale, f.params ?? {}) }));
  }
  return p;
}

export function toProblem(err: unknown, req: FastifyRequest): Problem {
  const p = buildProblem(err, req);
  // A code without a message got the generic text; say which one, so it can be added (issue 10 item 4).
  const untranslated = [p.code, ...(p.fields ?? []).map((f) => `field.${f.code}`)].filter((k) => !hasMessage(k));
  if (untranslated.length) req.log?.warn({ code: p.code, untranslated }, 'problem code without a translated message');
  return p;
}

/** Refusals whose status params are work-order statuses. */
const STATUS_WORDS: Partial<Record<ErrorCode, GlossaryGroup>> = {
  illegal_transition: 'workOrderStatus',
  not_allowed_actor: 'workOrderStatus',
  appointment_closed: 'workOrderStatus',
  not_taken_back: 'workOrderStatus',
};

function buildProblem(err: unknown, req: FastifyRequest): Problem {
  const locale = req.locale ?? 'zh-CN';
  if (err instanceof AppError) {
    const params = { ...err.params };
    for (const k of ['field', 'later', 'earlier', 'by'] as const) {
      if (typeof params[k] === 'string') params[k] = fieldLabel(params[k] as string, locale);
    }
    // Statuses named in a message read as the glossary's words, never as codes ("dispatched").
    const group = STATUS_WORDS[err.code];
    if (group) for (const k of ['status', 'from', 'to'] as const) if (typeof params[k] === 'string') params[k] = term(group, params[k] as string, locale);
    return { ...problem(err.status, err.code, locale, params, err.fields), ...(err.extra ?? {}) };
  }
  const fe = err as FastifyError & { validation?: unknown; validationContext?: string };
  if (err instanceof ZodError) {
    return { ...problem(400, 'validation_failed', locale), fields: zodFields(err.issues, locale) };
  }
  if (fe.validation && Array.isArray(fe.validation)) {
    // fastify-type-provider-zod puts Zod issues into `validation`
    const issues = fe.validation.map(
      (v: { keyword: string; instancePath: string; message?: string; params?: Record<string, unknown> }) =>
        ({
          ...(v.params ?? {}),
          code: v.keyword,
          message: v.message ?? '',
          path: v.instancePath.split('/').filter(Boolean),
        }) as unknown as z.core.$ZodIssue,
    );
    const prefix = fe.validationContext && fe.validationContext !== 'body' ? [fe.validationContext] : [];
    return { ...problem(400, 'validation_failed', locale), fields: zodFields(issues, locale, prefix) };
  }
  const pgErr = pgErrorOf(err);
  if (pgErr?.code) {
    const field = pgErr.constraint ? constraintFields.get(pgErr.constraint) : undefined;
    switch (pgErr.code) {
      case '23505': {
        const value =
          /=\((.*)\)/
            .exec(pgErr.detail ?? '')?.[1]
            ?.split(', ')
            .pop() ?? '';
        const f = field ?? 'id';
        return problem(409, 'duplicate', locale, { field: fieldLabel(f, locale), value }, [{ field: f, code: 'duplicate' }]);
      }
      case '23001':
      case '23503': {
        // On insert/update the referenced row is missing; on delete the row is still referenced
        // (23001 for ON DELETE RESTRICT, 23503 for NO ACTION).
        if (pgErr.code === '23001' || /is still referenced|is referenced from/.test(pgErr.detail ?? '')) {
          const by = tableLabels.get(pgErr.table ?? '') ?? pgErr.table ?? '';
          return problem(409, 'in_use', locale, { by: fieldLabel(by, locale) });
        }
        const f = field ?? 'id';
        return problem(422, 'invalid_reference', locale, { field: fieldLabel(f, locale) }, [{ field: f, code: 'not_found' }]);
      }
      case '23514':
      case '23502':
        return problem(422, 'constraint_failed', locale, { rule: pgErr.constraint ?? pgErr.code });
      case '22P02':
      case '22007':
      case '22008':
      case '22003':
        return problem(400, 'bad_request', locale, { detail: pgErr.message ?? '' });
      case '22021':
      case '22P05':
        return problem(400, 'invalid_characters', locale);
      case '08006':
      case '08001':
      case '08003':
      case '57P01':
      case '57P02':
      case '57P03':
      case '53300':
        return problem(503, 'service_unavailable', locale);
    }
  }
  if (isConnectionLoss(err)) return problem(503, 'service_unavailable', locale);
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'invalid_json', locale);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'body_too_large', locale, { limit: '1 MB' });
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return problem(413, 'body_too_large', locale, { limit: '10 MB' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return problem(415, 'unsupported_media_type', locale, { type: req.headers['content-type'] ?? '' });
    case 'FST_ERR_RATE_LIMIT':
      return problem(429, 'rate_limited', locale, { seconds: 60 });
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return problem(fe.statusCode, 'bad_request', locale, { detail: fe.message });
  }
  // The multipart parser (busboy) throws plain errors for a body it cannot frame: no boundary,
  // a part cut short, the body ending early. That is the client's upload, not our fault.
  if (!fe.code && /multipart|end of form|part header/i.test(fe.message ?? '')) return problem(400, 'multipart_malformed', locale);
  return problem(500, 'internal', locale);
}

export function sendProblem(reply: FastifyReply, p: Problem) {
  return reply.status(p.status).type('application/problem+json; charset=utf-8').send(p);
}
