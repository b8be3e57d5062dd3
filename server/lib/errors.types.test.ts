// Error and field codes are closed unions read from the message catalogue (issue 11 item 4):
// `npx tsc` rejects a code without a zh-CN and an en-US message. The `@ts-expect-error` lines are
// the check — tsc fails if any of them stops being an error; vitest only runs them.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { AppError, type FieldError, invalidField } from './errors.ts';
import { type ErrorCode, type FieldCode, isErrorCode, isFieldCode, isMessageKey, type MessageKey, onMissingMessage, t } from './i18n.ts';

describe('error and field codes are checked by the compiler (issue 11 item 4)', () => {
  it('known codes compile; unknown ones do not', () => {
    const known = new AppError(422, 'validation_failed', {}, [{ field: 'deviceId', code: 'invalid_reference' }]);
    // @ts-expect-error an error code with no message in server/lib/i18n.ts
    const unknown = new AppError(422, 'no_such_code');
    // @ts-expect-error a field code with no `field.` message
    const field: FieldError = { field: 'deviceId', code: 'no_such_field_code' };
    // @ts-expect-error the same through the helper
    const helper = invalidField('deviceId', 'no_such_field_code');
    // @ts-expect-error a field code is not an error code: `unavailable` has only `field.unavailable`
    const wrongKind = new AppError(409, 'unavailable');
    expect([known, unknown, helper, wrongKind].every((e) => e instanceof AppError)).toBe(true);
    expect(field.code).toBe('no_such_field_code');
  });

  it('the unions are what the catalogue holds', () => {
    expectTypeOf<'loaner_unavailable'>().toExtend<ErrorCode>();
    expectTypeOf<'unavailable'>().toExtend<FieldCode>();
    expectTypeOf<'label.deviceId'>().toExtend<MessageKey>();
    // Namespaced keys and plain words are not error codes.
    expectTypeOf<'label.deviceId'>().not.toExtend<ErrorCode>();
    expectTypeOf<'notify.sla_breach.title'>().not.toExtend<ErrorCode>();
    expectTypeOf<'yes'>().not.toExtend<ErrorCode>();
  });

  it('the guards narrow runtime strings the same way', () => {
    expect(isErrorCode('not_found')).toBe(true);
    expect(isErrorCode('yes')).toBe(false);
    expect(isErrorCode('label.deviceId')).toBe(false);
    expect(isErrorCode('no_such_code')).toBe(false);
    expect(isFieldCode('unavailable')).toBe(true);
    expect(isFieldCode('no_such_field_code')).toBe(false);
    // Inherited properties are not messages.
    const reported: string[] = [];
    onMissingMessage((key) => reported.push(key));
    expect(isMessageKey('toString')).toBe(false);
    expect(t('constructor', 'en-US')).toBe(t('unknown_error', 'en-US'));
    expect(reported).toEqual(['constructor']);
  });
});
