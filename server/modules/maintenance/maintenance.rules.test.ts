// Pure maintenance-template rules (issue 13 §1, R-PM-1; seed 004 §4 运行参数): what a template may
// hold, which template a device gets, and where a reading falls against its check's range.
import { describe, expect, it } from 'vitest';
import { type MaintenanceCheck, readingStatus, type TemplateShape, templateFor, templateProblems } from './maintenance.rules.ts';

const check = (over: Partial<MaintenanceCheck> = {}): MaintenanceCheck => ({
  key: 'tube_kv',
  label: '管电压',
  unit: 'kV',
  min: 118,
  max: 122,
  expected: null,
  ...over,
});
const base: TemplateShape = {
  intervalMonths: 3,
  estimatedMinutes: 240,
  minOnSiteMinutes: 120,
  photosRequired: 4,
  tasks: [{ key: 'clean', label: '清洁', kind: 'clean' }],
  checks: [check()],
  partsKit: [{ partCode: 'BJ-CT-FILTER', qty: 2 }],
};

describe('R-PM-1 template validation: every problem names its field', () => {
  it.each<[string, Partial<TemplateShape>, { field: string; code: string }[]]>([
    ['a well-formed template', {}, []],
    ['interval 1 and 24 months are the bounds', { intervalMonths: 1 }, []],
    ['interval of 24 months', { intervalMonths: 24 }, []],
    ['interval of 0 months', { intervalMonths: 0 }, [{ field: 'intervalMonths', code: 'too_small' }]],
    ['interval of 25 months', { intervalMonths: 25 }, [{ field: 'intervalMonths', code: 'too_big' }]],
    ['minimum on site longer than the estimate', { minOnSiteMinutes: 241 }, [{ field: 'minOnSiteMinutes', code: 'too_big' }]],
    ['more than 20 photos', { photosRequired: 21 }, [{ field: 'photosRequired', code: 'too_big' }]],
    ['neither tasks nor checks', { tasks: [], checks: [] }, [{ field: 'tasks', code: 'required' }]],
    [
      'two tasks with one key',
      {
        tasks: [
          { key: 'clean', label: '清洁', kind: 'clean' },
          { key: 'clean', label: '清洁 2', kind: 'clean' },
        ],
      },
      [{ field: 'tasks.1.key', code: 'duplicate' }],
    ],
    [
      'a check with the key of a task (keys unique across tasks and checks)',
      { checks: [check({ key: 'clean' })] },
      [{ field: 'checks.0.key', code: 'duplicate' }],
    ],
    ['min above max', { checks: [check({ min: 26, max: 18 })] }, [{ field: 'checks.0.max', code: 'range_order' }]],
    ['min equal to max', { checks: [check({ min: 20, max: 20 })] }, []],
    ['only a minimum', { checks: [check({ max: null })] }, []],
    ['only a maximum (negative allowed)', { checks: [check({ min: null, max: -3 })] }, []],
    ['a pass/fail check with its expected text', { checks: [check({ min: null, max: null, expected: '无渗漏' })] }, []],
    ['neither a range nor an expected text', { checks: [check({ min: null, max: null })] }, [{ field: 'checks.0.min', code: 'range_or_expected' }]],
    [
      'blank expected text counts as none',
      { checks: [check({ min: null, max: null, expected: '  ' })] },
      [{ field: 'checks.0.min', code: 'range_or_expected' }],
    ],
    ['both a range and an expected text', { checks: [check({ expected: '正常' })] }, [{ field: 'checks.0.expected', code: 'range_or_expected' }]],
    [
      'the same part twice in the kit (case-insensitive)',
      {
        partsKit: [
          { partCode: 'BJ-CT-FILTER', qty: 1 },
          { partCode: 'bj-ct-filter', qty: 1 },
        ],
      },
      [{ field: 'partsKit.1.partCode', code: 'duplicate' }],
    ],
  ])('%s', (_name, over, expected) => {
    expect(templateProblems({ ...base, ...over }).map(({ field, code }) => ({ field, code }))).toEqual(expected);
  });
});

describe("R-PM-1 templateFor(model, category): the model's own, else the category's, else none", () => {
  type T = { id: string; modelId: string | null; category: string | null };
  const own: T = { id: 't1', modelId: 'ct', category: null };
  const cat: T = { id: 't2', modelId: null, category: 'ct' };
  const other: T = { id: 't3', modelId: 'mr', category: null };
  it.each<[string, T[], string | null]>([
    ['model has its own and the category has one', [cat, own, other], 't1'],
    ['only the category has one', [cat, other], 't2'],
    ["another model's template does not apply", [other], null],
    ['no templates', [], null],
  ])('%s', (_n, templates, id) => {
    expect(templateFor(templates, { id: 'ct', category: 'ct' })?.id ?? null).toBe(id);
  });
});

describe('R-PM-1 readingStatus(check, value): the visit flags out-of-range readings', () => {
  it.each<[string, Pick<MaintenanceCheck, 'min' | 'max'>, number | string | null, string]>([
    ['inside 118–122 kV', { min: 118, max: 122 }, 120, 'in_range'],
    ['on the lower bound', { min: 118, max: 122 }, 118, 'in_range'],
    ['on the upper bound', { min: 118, max: 122 }, 122, 'in_range'],
    ['below', { min: 118, max: 122 }, 117.9, 'low'],
    ['above', { min: 118, max: 122 }, 122.1, 'high'],
    ['negative range, dose deviation -3…3 %', { min: -3, max: 3 }, -3.5, 'low'],
    ['text value is parsed', { min: 18, max: 26 }, ' 27 ', 'high'],
    ['only a minimum', { min: 58, max: null }, 1000, 'in_range'],
    ['only a maximum', { min: null, max: 5 }, 6, 'high'],
    ['no value yet', { min: 18, max: 26 }, null, 'not_applicable'],
    ['empty text', { min: 18, max: 26 }, '', 'not_applicable'],
    ['not a number', { min: 18, max: 26 }, '正常', 'not_applicable'],
    ['a pass/fail check has no scale', { min: null, max: null }, 5, 'not_applicable'],
  ])('%s', (_n, c, value, status) => {
    expect(readingStatus(c, value)).toBe(status);
  });
});
