// Submitting a form with missing fields must show the field errors, not throw: antd's
// validateFields() rejects when a rule fails, and an awaited rejection in a click handler is an
// uncaught error (issue 10 item 14). validFields() answers null then; the form shows the errors.
import type { FormInstance } from 'antd';

const isValidationError = (e: unknown): boolean => typeof e === 'object' && e !== null && 'errorFields' in e;

export async function validFields<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch (e) {
    if (isValidationError(e)) return null;
    throw e;
  }
}
