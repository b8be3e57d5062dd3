// Server-side message catalogue (zh-CN default, en-US). Errors carry a stable `code`; the
// text is chosen per request from the user's locale or Accept-Language.
// This file holds the messages every module shares (HTTP and generic errors, Zod field codes,
// common field labels); each module keeps its own beside it in server/modules/<m>/<m>.messages.ts
// (issue 11 item 6), listed in ./i18n.catalog.ts and merged below by static imports, so the
// closed key types are built from every file at compile time.
import { moduleMessages } from './i18n.catalog.ts';

export type Locale = 'zh-CN' | 'en-US';

type Entry = { 'zh-CN': string; 'en-US': string };
/** Messages by key, each in both languages; every fragment of the catalogue is `satisfies Catalog`. */
export type Catalog = Record<string, Entry>;

// `satisfies` keeps the literal keys (issue 11 item 4): the codes of all fragments are the only
// ones the compiler lets AppError, field errors and problem() carry, and every entry needs both
// languages.
const shared = {
  // errors any module can raise (HTTP layer, access, generic data rules)
  validation_failed: { 'zh-CN': '输入有误，请检查标出的字段。', 'en-US': 'The input is invalid; check the fields marked.' },
  bad_request: { 'zh-CN': '请求格式错误：{detail}', 'en-US': 'The request is malformed: {detail}' },
  invalid_json: { 'zh-CN': '请求体不是有效的 JSON。', 'en-US': 'The request body is not valid JSON.' },
  multipart_malformed: {
    'zh-CN': '上传内容格式错误（multipart 分隔符缺失或内容不完整），请重新选择文件上传。',
    'en-US': 'The upload is malformed (multipart boundary missing or the body cut short); choose the file and upload again.',
  },
  body_too_large: { 'zh-CN': '请求体过大（上限 {limit}）。', 'en-US': 'The request body is too large (limit {limit}).' },
  unsupported_media_type: { 'zh-CN': '不支持的内容类型：{type}', 'en-US': 'Unsupported content type: {type}' },
  not_found: { 'zh-CN': '记录不存在或无权查看。', 'en-US': 'The record does not exist or you may not see it.' },
  route_not_found: { 'zh-CN': '接口不存在：{method} {url}', 'en-US': 'No such endpoint: {method} {url}' },
  version_conflict: {
    'zh-CN': '该记录已被他人修改（当前版本 {current}），请刷新后重试。',
    'en-US': 'The record was changed by someone else (now version {current}); reload and try again.',
  },
  duplicate: { 'zh-CN': '{field}“{value}”已存在。', 'en-US': 'A record with this {field} ("{value}") already exists.' },
  invalid_reference: { 'zh-CN': '引用的{field}不存在。', 'en-US': 'The referenced {field} does not exist.' },
  in_use: { 'zh-CN': '该记录仍被其他记录引用（{by}），不能删除。', 'en-US': 'The record is still referenced ({by}) and cannot be deleted.' },
  constraint_failed: { 'zh-CN': '数据不满足规则：{rule}', 'en-US': 'The data breaks a rule: {rule}' },
  invalid_characters: { 'zh-CN': '文本中含有不允许的字符。', 'en-US': 'The text contains characters that are not allowed.' },
  unauthenticated: { 'zh-CN': '请先登录。', 'en-US': 'Please log in first.' },
  forbidden: { 'zh-CN': '您没有执行此操作的权限。', 'en-US': 'You do not have permission to do this.' },
  rate_limited: { 'zh-CN': '尝试次数过多，请 {seconds} 秒后再试。', 'en-US': 'Too many attempts; try again in {seconds} s.' },
  csrf_failed: { 'zh-CN': '安全校验失败，请刷新页面后重试。', 'en-US': 'Security check failed; reload the page and try again.' },
  idempotency_key_invalid: {
    'zh-CN': 'Idempotency-Key 请求头须为 1–200 个可打印 ASCII 字符。',
    'en-US': 'The Idempotency-Key header must be 1–200 printable ASCII characters.',
  },
  idempotency_key_unsupported: {
    'zh-CN': '文件上传请求不支持 Idempotency-Key，请去掉该请求头。',
    'en-US': 'Idempotency-Key is not supported on file uploads; leave the header out.',
  },
  idempotency_key_reused: {
    'zh-CN': '该 Idempotency-Key 已用于另一个不同的请求，请为新请求使用新的键。',
    'en-US': 'This Idempotency-Key was already used for a different request; use a new key for a new request.',
  },
  idempotency_in_progress: {
    'zh-CN': '使用同一 Idempotency-Key 的请求正在处理中，请稍后重试。',
    'en-US': 'A request with the same Idempotency-Key is still being processed; try again shortly.',
  },
  idempotent_request_committed: {
    'zh-CN': '该请求此前已成功保存（{entity} {entityId}），但应答未送达；请直接查看该记录，不要重复提交。',
    'en-US': 'This request was already saved ({entity} {entityId}) but its answer was lost; open that record instead of sending it again.',
  },
  idempotency_replay_unavailable: {
    'zh-CN': '该请求此前已处理（状态 {status}），但应答过大无法重放，请查询结果。',
    'en-US': 'This request was already processed (status {status}) but its answer is too large to replay; look the result up.',
  },
  service_unavailable: {
    'zh-CN': '服务暂时不可用（数据库无法连接），请稍后重试。',
    'en-US': 'The service is temporarily unavailable (database unreachable); try again shortly.',
  },
  internal: { 'zh-CN': '服务器内部错误，已记录。', 'en-US': 'Internal server error; it has been logged.' },
  customer_mismatch: { 'zh-CN': '{field}不属于所选客户。', 'en-US': 'The {field} does not belong to the chosen customer.' },
  date_order: { 'zh-CN': '{later}不能早于{earlier}。', 'en-US': '{later} cannot be before {earlier}.' },
  unknown_error: {
    'zh-CN': '请求未能完成，请检查输入后重试；如仍有问题，请联系系统管理员。',
    'en-US': 'The request could not be completed; check the input and try again, or ask your administrator.',
  },
  // field-level messages (Zod issue codes and our own)
  'field.required': { 'zh-CN': '必填', 'en-US': 'Required' },
  'field.invalid_type': { 'zh-CN': '类型错误，应为 {expected}', 'en-US': 'Wrong type; expected {expected}' },
  'field.too_small': { 'zh-CN': '过短或过小（最小 {minimum}）', 'en-US': 'Too short or too small (minimum {minimum})' },
  'field.too_big': { 'zh-CN': '过长或过大（最大 {maximum}）', 'en-US': 'Too long or too large (maximum {maximum})' },
  'field.invalid_format': { 'zh-CN': '格式错误（{format}）', 'en-US': 'Invalid format ({format})' },
  'field.invalid_value': { 'zh-CN': '取值无效，可选：{options}', 'en-US': 'Invalid value; allowed: {options}' },
  'field.unrecognized_keys': { 'zh-CN': '不认识的字段', 'en-US': 'Unknown field' },
  'field.invalid': { 'zh-CN': '取值无效', 'en-US': 'Invalid value' },
  'field.duplicate': { 'zh-CN': '已存在', 'en-US': 'Already exists' },
  'field.not_found': { 'zh-CN': '引用的记录不存在', 'en-US': 'Referenced record does not exist' },
  'field.date_order': { 'zh-CN': '不能早于{earlier}', 'en-US': 'Cannot be before the {earlier}' },
  'field.invalid_characters': { 'zh-CN': '含有不允许的字符', 'en-US': 'Contains characters that are not allowed' },
  'field.time_order': { 'zh-CN': '结束时间须晚于开始时间', 'en-US': 'Must be after the start time' },
  'field.not_in_past': { 'zh-CN': '不能早于当前时间', 'en-US': 'Cannot be in the past' },
  'field.invalid_reference': { 'zh-CN': '所选记录不存在', 'en-US': 'The chosen record does not exist' },
  'field.customer_mismatch': { 'zh-CN': '不属于所选客户', 'en-US': 'Does not belong to the chosen customer' },
  'field.custom': { 'zh-CN': '取值无效', 'en-US': 'Invalid value' },
  'field.not_multiple_of': { 'zh-CN': '须为 {divisor} 的整数倍', 'en-US': 'Must be a multiple of {divisor}' },
  'field.invalid_union': { 'zh-CN': '取值不符合任何允许的格式', 'en-US': 'Matches none of the allowed forms' },
  'field.invalid_key': { 'zh-CN': '键名无效', 'en-US': 'Invalid key' },
  'field.invalid_element': { 'zh-CN': '其中有无效的元素', 'en-US': 'Contains an invalid element' },
  // field labels used inside messages by more than one module (a module's own labels are in its file)
  'label.workOrderId': { 'zh-CN': '工单', 'en-US': 'work order' },
  'label.ownerId': { 'zh-CN': '所属工程师', 'en-US': 'engineer' },
  'label.work_orders': { 'zh-CN': '工单', 'en-US': 'work orders' },
  'label.to': { 'zh-CN': '结束日期', 'en-US': 'end date' },
  'label.from': { 'zh-CN': '开始日期', 'en-US': 'start date' },
  'label.deviceId': { 'zh-CN': '设备', 'en-US': 'device' },
  'label.receivedAt': { 'zh-CN': '投诉时间', 'en-US': 'date received' },
  'label.cause': { 'zh-CN': '原因分类', 'en-US': 'cause' },
  'label.requestId': { 'zh-CN': '报修单', 'en-US': 'repair request' },
  'label.effectiveFrom': { 'zh-CN': '生效时间', 'en-US': 'effective from' },
  'label.code': { 'zh-CN': '编号', 'en-US': 'code' },
  'label.name': { 'zh-CN': '名称', 'en-US': 'name' },
  'label.username': { 'zh-CN': '用户名', 'en-US': 'username' },
  'label.serialNumber': { 'zh-CN': '序列号', 'en-US': 'serial number' },
  'label.number': { 'zh-CN': '合同编号', 'en-US': 'contract number' },
  'label.customerId': { 'zh-CN': '客户', 'en-US': 'customer' },
  'label.departmentId': { 'zh-CN': '科室', 'en-US': 'department' },
  'label.siteId': { 'zh-CN': '院区/地点', 'en-US': 'site' },
  'label.modelId': { 'zh-CN': '型号', 'en-US': 'model' },
  'label.devices': { 'zh-CN': '设备', 'en-US': 'devices' },
  'label.users': { 'zh-CN': '用户', 'en-US': 'users' },
  'label.userId': { 'zh-CN': '用户', 'en-US': 'user' },
  'label.lineId': { 'zh-CN': '明细行', 'en-US': 'line' },
  // words for screens and exports
  yes: { 'zh-CN': '是', 'en-US': 'Yes' },
} satisfies Catalog;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/**
 * One catalogue from its fragments. The type keeps every fragment's literal keys; a key defined in
 * two fragments throws when the server loads — an object literal refuses a duplicate key at
 * compile time, a merge of separate files cannot.
 */
export function mergeCatalogs<const T extends readonly Catalog[]>(...parts: T): UnionToIntersection<T[number]> {
  const merged: Catalog = {};
  for (const part of parts) {
    for (const [key, entry] of Object.entries(part)) {
      if (Object.hasOwn(merged, key)) throw new Error(`message "${key}" is defined twice (server/lib/i18n.ts, server/modules/*/*.messages.ts)`);
      merged[key] = entry;
    }
  }
  return merged as UnionToIntersection<T[number]>;
}

const messages = mergeCatalogs(shared, ...moduleMessages);
/** The same catalogue for lookups by a runtime string (codes from the database, Zod issue codes). */
const catalog: Catalog = messages;

/** Every key of the catalogue. */
export type MessageKey = keyof typeof messages;
/** Undotted keys that are words for screens and exports, not errors. */
const PLAIN_WORDS = ['yes'] as const satisfies readonly MessageKey[];
type Undotted<K> = K extends `${string}.${string}` ? never : K;
type FieldSuffix<K> = K extends `field.${infer C}` ? C : never;
/**
 * An error code (a problem's `code`, its `detail` message): a key with no dotted namespace
 * (`field.`, `label.`, `notify.` …) and not a plain word (issue 11 item 4).
 */
export type ErrorCode = Exclude<Undotted<MessageKey>, (typeof PLAIN_WORDS)[number]>;
/** A field error's code: `field.<code>` in the catalogue. */
export type FieldCode = FieldSuffix<MessageKey>;

/** Narrow a code decided at run time (a database value, a refinement's params.code). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(catalog, key);
export const isErrorCode = (code: string): code is ErrorCode => !code.includes('.') && !(PLAIN_WORDS as readonly string[]).includes(code) && isMessageKey(code);
export const isFieldCode = (code: string): code is FieldCode => isMessageKey(`field.${code}`);

/** A field's name in the user's language, for use inside messages (`lines.0.lineId` reads as its last segment). */
export function fieldLabel(field: string, locale: Locale): string {
  const key = `label.${field}`;
  if (isMessageKey(key)) return t(key, locale);
  const last = `label.${field.split('.').pop()}`;
  return isMessageKey(last) ? t(last, locale) : field;
}

export function pickLocale(acceptLanguage: string | undefined, preferred?: string | null): Locale {
  if (preferred === 'en-US' || preferred === 'zh-CN') return preferred;
  if (acceptLanguage && /^\s*en\b/i.test(acceptLanguage)) return 'en-US';
  return 'zh-CN';
}

const reported = new Set<string>();
/** Called once per key that has no message; the default prints a process warning. */
let reportMissing = (key: string) => process.emitWarning(`no message for "${key}" (server/lib/i18n.ts, server/modules/*/*.messages.ts)`, 'MissingTranslation');
export function onMissingMessage(report: (key: string) => void) {
  reportMissing = report;
}

/**
 * The message for a key. A key without a message never reaches the user as itself (issue 10
 * item 4): an error code reads as the generic "request could not be completed", a field code as
 * "invalid value", a notification text as nothing, a display label (`urgency.x`) as its value;
 * the missing key is reported once. A runtime string is allowed (a status from the database, a
 * Zod issue code); `string & {}` only keeps the editor's completion of the known keys.
 */
export function t(code: MessageKey | (string & {}), locale: Locale, params: Record<string, unknown> = {}): string {
  const entry = isMessageKey(code) ? catalog[code] : undefined;
  if (!entry) {
    if (!reported.has(code)) {
      reported.add(code);
      reportMissing(code);
    }
    if (!code.includes('.')) return t('unknown_error', locale);
    if (code.startsWith('field.')) return t('field.invalid', locale);
    if (code.startsWith('notify.')) return '';
    return code.slice(code.lastIndexOf('.') + 1);
  }
  const template = entry[locale];
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? `{${k}}` : String(params[k])));
}

/** Whether the key has a message (in the given language: non-empty). */
export function hasMessage(code: string, locale?: Locale): boolean {
  const entry = isMessageKey(code) ? catalog[code] : undefined;
  return !!entry && (locale === undefined || entry[locale].trim() !== '');
}
