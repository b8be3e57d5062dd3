// Server field errors onto nested antd forms: the server names a field by its dotted path
// ("weeklyHours.1.0.start", "travelZones.urban"); antd wants a name path with list indexes
// as numbers.
import type { FormInstance } from 'antd';
import { ApiError, type FieldProblem } from '../../../api';

/** "a.b.0.c" → ['a', 'b', 0, 'c']; `keys` lists object keys that look numeric (weekday "1"). */
export function namePath(field: string, isObjectKey: (parent: string | number | undefined) => boolean = () => false): (string | number)[] {
  const out: (string | number)[] = [];
  for (const seg of field.split('.')) {
    const parent = out[out.length - 1];
    out.push(/^\d+$/.test(seg) && !isObjectKey(parent) ? Number(seg) : seg);
  }
  return out;
}

/** Puts every field problem on the form; returns them all for a summary list. */
export function applyNested(form: FormInstance, err: unknown, isObjectKey?: (parent: string | number | undefined) => boolean): FieldProblem[] {
  if (!(err instanceof ApiError) || !err.problem.fields?.length) return [];
  form.setFields(err.problem.fields.map((f) => ({ name: namePath(f.field, isObjectKey), errors: [f.message] })));
  return err.problem.fields;
}
