// Every message code the server can emit has a zh-CN and an en-US text (issue 10 item 4).
// The codes are found by reading the server's sources (server/test/message-codes.ts), not by
// listing them here, so a new `new AppError(…, 'x')` or `{ field, code: 'y' }` without a message
// fails this file. The compiler now checks the codes given to AppError, field errors and problem()
// (issue 11 item 4, errors.types.test.ts); this scan still covers labels, keys passed around as
// values and codes decided at run time.
// And a code that slips through anyway never reaches the user as a raw key.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problem } from '../http/errors.ts';
import { type Client, createTestEnv, type TestEnv } from '../test/harness.ts';
import { scanMessageCodes, type Use, zodIssueCodes } from '../test/message-codes.ts';
import { deviceId } from '../test/service.ts';
import { type ErrorCode, type FieldCode, hasMessage, onMissingMessage, t } from './i18n.ts';

const root = join(import.meta.dirname, '..', '..');

function serverSources() {
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (p !== join(root, 'server', 'test')) walk(p);
      } else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push({ path: relative(root, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(join(root, 'server'));
  return out;
}

/**
 * Places that pass on a code decided elsewhere; the codes they carry are scanned where they are
 * decided. Each entry must still match (a stale entry fails), so the list cannot rot.
 */
const PASS_THROUGH: Record<string, string> = {
  'server/http/errors.ts|code': 'zodFields: a Zod issue code (checked against Zod’s own list below) or a refinement’s params.code (scanned)',
  'server/http/errors.ts|f.code': 'problem(): the field errors of an AppError, scanned where the AppError is raised',
  'server/http/errors.ts|err.code': 'toProblem(): the code of an AppError, scanned where it is raised',
  "server/modules/imports/imports.rules.ts|isFieldCode(own) ? own : 'invalid'":
    'an import row’s refinement code, scanned as params.code (and narrowed by the guard)',
  'server/modules/imports/imports.service.ts|e.code': 'the report of import issues, each scanned where it is pushed',
  'server/modules/devices/devices.service.ts|w.code': 'decideWarranty’s refusal, scanned as the { field, code } objects it returns',
  'server/modules/workorders/workorders.step.ts|code':
    'refuseEvidence: the R-PM-2 items of evidenceMissing (workorders.evidence.ts), field.evidence_* in maintenance.messages.ts',
};

const missingOf = (uses: Use[], has: (key: string, locale: 'zh-CN' | 'en-US') => boolean) => [
  ...new Set(uses.filter((u) => !has(u.key, 'zh-CN') || !has(u.key, 'en-US')).map((u) => `${u.key} (${u.at})`)),
];

describe('every error and field code the server can emit has both messages (issue 10 item 4)', () => {
  const scan = scanMessageCodes(serverSources());
  const found = (kind: Use['kind'], code: string) => scan.uses.some((u) => u.kind === kind && u.code === code);

  it('the scan sees each way a code is written in the real sources', () => {
    // One witness per pattern: if a pattern stopped matching, the check below would pass vacuously.
    expect(found('error', 'loaner_unavailable')).toBe(true); // new AppError(409, 'loaner_unavailable')
    expect(found('field', 'unavailable')).toBe(true); // [{ field: 'deviceId', code: 'unavailable' }]
    expect(found('field', 'invalid_reference')).toBe(true); // invalidField('deviceId', 'invalid_reference')
    expect(found('field', 'invalid')).toBe(true); // invalidField's default code
    expect(found('error', 'illegal_transition') && found('error', 'not_allowed_actor')).toBe(true); // refuse(code) ← TransitionRefusal
    expect(found('error', 'import_missing_columns') && found('error', 'import_duplicate_columns')).toBe(true); // a conditional
    expect(found('error', 'route_not_found')).toBe(true); // problem(404, 'route_not_found', …)
    expect(found('field', 'time_overlap')).toBe(true); // Zod refinement params: { code }
    expect(found('key', 'import.unknown_model')).toBe(true); // messageKey
    expect(found('label', 'lentAt')).toBe(true); // AppError params { later: 'lentAt' }
    expect(found('label', 'followupId')).toBe(true); // registerConstraintFields
    expect(new Set(scan.uses.map((u) => u.key)).size).toBeGreaterThan(150);
  });

  it('every code it cannot follow is a known pass-through of a code scanned where it is decided', () => {
    const seen = scan.unresolved.map((u) => `${u.at.replace(/:\d+$/, '')}|${u.text}`);
    expect(seen.filter((k) => !(k in PASS_THROUGH))).toEqual([]);
    expect(Object.keys(PASS_THROUGH).filter((k) => !seen.includes(k))).toEqual([]);
  });

  it('every code found has a zh-CN and an en-US message', () => {
    expect(missingOf(scan.uses, hasMessage)).toEqual([]);
  });

  it('every Zod issue code (and our own "required") has a field message', () => {
    const require = createRequire(import.meta.url);
    const declarations = readFileSync(join(require.resolve('zod'), '..', 'v4', 'core', 'errors.d.ts'), 'utf8');
    const codes = [...zodIssueCodes(declarations), 'required'];
    expect(codes).toEqual(expect.arrayContaining(['invalid_type', 'too_big', 'invalid_union', 'custom']));
    expect(codes.filter((c) => !hasMessage(`field.${c}`, 'zh-CN') || !hasMessage(`field.${c}`, 'en-US'))).toEqual([]);
  });

  it('the check fails when a message is missing: the same scan against the catalogue without field.unavailable', () => {
    const without = (key: string, locale: 'zh-CN' | 'en-US') => key !== 'field.unavailable' && hasMessage(key, locale);
    const already = new Set(missingOf(scan.uses, hasMessage));
    expect(missingOf(scan.uses, without).filter((m) => !already.has(m))).toEqual([
      expect.stringMatching(/^field\.unavailable \(server\/modules\/requests\/requests\.loans\.ts:\d+\)$/),
    ]);
  });

  it('a code that cannot be followed is reported, not skipped', () => {
    const r = scanMessageCodes([
      {
        path: 'x.ts',
        text: `
          type Why = 'a_reason' | 'b_reason';
          function refuse(code: string) { throw new AppError(409, code); }
          function decide(): Why | null { return null; }
          const why = decide();
          refuse(why);
          refuse(decision.code);
          throw new AppError(422, lookup(), {}, [{ field: 'f', code: pick() }]);`,
      },
    ]);
    expect(r.uses.filter((u) => u.kind === 'error').map((u) => u.code)).toEqual(['a_reason', 'b_reason']);
    expect(r.unresolved.map((u) => u.text)).toEqual(['decision.code', 'lookup()', 'pick()']);
  });
});

describe('a code without a message still reads as a sentence, never as its key', () => {
  it('the problem carries the generic message in the reader’s language and the missing key is reported once', () => {
    const reported: string[] = [];
    onMissingMessage((key) => reported.push(key));
    // The compiler refuses these codes (errors.types.test.ts); the casts stand for a code that
    // reaches problem() at run time anyway (issue 11 item 4).
    const code = 'made_up_refusal' as string as ErrorCode;
    const fields = [{ field: 'deviceId', code: 'made_up_field_code' as string as FieldCode }];
    const zh = problem(422, code, 'zh-CN', {}, fields);
    const en = problem(422, code, 'en-US', {}, fields);
    expect(zh.detail).toBe(t('unknown_error', 'zh-CN'));
    expect(en.detail).toBe('The request could not be completed; check the input and try again, or ask your administrator.');
    expect(zh.fields?.[0].message).toBe('取值无效');
    expect(en.fields?.[0].message).toBe('Invalid value');
    expect(reported).toEqual(['made_up_refusal', 'field.made_up_field_code']);
    expect(t('urgency.made_up', 'en-US')).toBe('made_up');
    expect(t('notify.made_up.title', 'en-US')).toBe('');
  });
});

describe('the loaner form’s refusals through the API (R-SLA-3, issue 10 item 4)', () => {
  let env: TestEnv;
  let dispatcher: Client;
  const ZH = { 'accept-language': 'zh-CN' };
  const EN = { 'accept-language': 'en-US' };
  beforeAll(async () => {
    env = await createTestEnv();
    dispatcher = await env.as('dispatcher');
  });
  afterAll(() => env?.close());

  const register = async (serial: string) => {
    const r = await dispatcher.post('/api/v1/requests', {
      deviceId: await deviceId(env, serial),
      faultDescription: '监护仪黑屏',
      deviceDown: false,
      reporterName: '王红',
      reporterPhone: '13801010001',
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.data.id as string;
  };
  const lend = (requestId: string, device: string, headers: Record<string, string>) =>
    dispatcher.post(`/api/v1/requests/${requestId}/loaner`, { deviceId: device, lentAt: new Date(Date.now() - 60_000).toISOString() }, headers);
  const noRawKey = (body: { detail: string; fields?: { message: string }[] }) => {
    for (const text of [body.detail, ...(body.fields ?? []).map((f) => f.message)]) expect(text).not.toMatch(/^[a-z_.]+$|field\.|label\./);
  };

  it('a unit already lent out: 409 with the field message 已借出或不可用 / “Lent out or not available”', async () => {
    const loaner = await deviceId(env, 'PM9000-LOANER-01');
    expect((await lend(await register('PM9000-26-0301'), loaner, EN)).statusCode).toBe(201);
    const other = await register('SV600-25-2201');
    const loansBefore = (await env.database.query<{ n: number }>('select count(*)::int as n from loans')).rows[0].n;
    const zh = await lend(other, loaner, ZH);
    const en = await lend(other, loaner, EN);
    expect(zh.statusCode).toBe(409);
    expect(zh.data).toMatchObject({
      code: 'loaner_unavailable',
      detail: '该备用机已借出或不可用。',
      fields: [{ field: 'deviceId', code: 'unavailable', message: '已借出或不可用' }],
    });
    expect(en.data).toMatchObject({
      detail: 'This loaner unit is lent out or not available.',
      fields: [{ field: 'deviceId', code: 'unavailable', message: 'Lent out or not available' }],
    });
    noRawKey(zh.data);
    noRawKey(en.data);
    expect((await env.database.query<{ n: number }>('select count(*)::int as n from loans')).rows[0].n).toBe(loansBefore);
  });

  it('a device outside the pool, or none at all: the message names what is wrong in both languages', async () => {
    const request = await register('SV600-25-2201');
    const ghost = '00000000-0000-4000-8000-000000000000';
    const zh = await lend(request, ghost, ZH);
    const en = await lend(request, ghost, EN);
    expect(zh.statusCode).toBe(422);
    expect(zh.data).toMatchObject({ code: 'not_a_loaner', detail: '所选设备不是备用机池中的设备。', fields: [{ field: 'deviceId', message: '取值无效' }] });
    expect(en.data).toMatchObject({ detail: 'The chosen device is not in the loaner pool.', fields: [{ field: 'deviceId', message: 'Invalid value' }] });
    const manager = await env.as('manager');
    const poolZh = await manager.post('/api/v1/loaner-units', { deviceId: ghost }, ZH);
    const poolEn = await manager.post('/api/v1/loaner-units', { deviceId: ghost }, EN);
    expect(poolZh.statusCode).toBe(422);
    expect(poolZh.data).toMatchObject({
      code: 'invalid_reference',
      detail: '引用的设备不存在。',
      fields: [{ field: 'deviceId', message: '引用的记录不存在' }],
    });
    expect(poolEn.data).toMatchObject({
      detail: 'The referenced device does not exist.',
      fields: [{ field: 'deviceId', message: 'Referenced record does not exist' }],
    });
    for (const r of [zh, en, poolZh, poolEn]) noRawKey(r.data);
  });

  it('a complaint naming another hospital’s device: 422 customer_mismatch, field message translated', async () => {
    const customer = (await env.database.query<{ id: string }>(`select customer_id as id from devices where serial_number = 'ST5020-21-0031'`)).rows[0].id;
    const body = {
      channel: 'email',
      customerId: customer,
      complainantName: '王红',
      deviceId: await deviceId(env, 'ST5020-23-0220'),
      matter: 'x',
      severity: 'minor',
    };
    const zh = await dispatcher.post('/api/v1/complaints', body, ZH);
    const en = await dispatcher.post('/api/v1/complaints', body, EN);
    expect(zh.statusCode).toBe(422);
    expect(zh.data).toMatchObject({
      code: 'customer_mismatch',
      detail: '设备不属于所选客户。',
      fields: [{ field: 'deviceId', code: 'customer_mismatch', message: '不属于所选客户' }],
    });
    expect(en.data).toMatchObject({
      detail: 'The device does not belong to the chosen customer.',
      fields: [{ message: 'Does not belong to the chosen customer' }],
    });
    noRawKey(zh.data);
    noRawKey(en.data);
  });
});
