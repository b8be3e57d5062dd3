// Errors the domain raises on purpose. The HTTP layer turns them into problem+json.
// Codes are closed unions read from the message catalogue (issue 11 item 4): a code without a
// zh-CN and an en-US message does not compile.
import type { ErrorCode, FieldCode } from './i18n.ts';

export type { ErrorCode, FieldCode } from './i18n.ts';

export interface FieldError {
  field: string;
  code: FieldCode;
  params?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly params: Record<string, unknown>;
  readonly fields?: FieldError[];
  readonly extra?: Record<string, unknown>;
  constructor(status: number, code: ErrorCode, params: Record<string, unknown> = {}, fields?: FieldError[], extra?: Record<string, unknown>) {
    super(code);
    this.status = status;
    this.code = code;
    this.params = params;
    this.fields = fields;
    this.extra = extra;
  }
}

export const notFound = () => new AppError(404, 'not_found');
export const forbidden = () => new AppError(403, 'forbidden');
export const versionConflict = (current: number) => new AppError(409, 'version_conflict', { current }, undefined, { currentVersion: current });
export const invalidField = (field: string, code: FieldCode = 'invalid', params?: Record<string, unknown>) =>
  new AppError(422, 'validation_failed', {}, [{ field, code, params }]);
