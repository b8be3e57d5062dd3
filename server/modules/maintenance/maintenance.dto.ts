// Maintenance templates over HTTP (issue 13 §1, R-PM-1). Shapes and bounds here; cross-field rules
// (unique keys, min ≤ max, range or expected) in maintenance.rules.ts, each naming its field.
import { z } from 'zod';
import { deviceCategory } from '../../db/schema.ts';
import { listQuery, optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { TASK_KINDS } from './maintenance.rules.ts';

const category = z.enum(deviceCategory.enumValues);
const key = z.string().regex(/^[a-z0-9_]{1,40}$/);
const bound = z.number().finite().min(-1e9).max(1e9).nullable().optional();

const taskBody = z.strictObject({ key, label: text(200), kind: z.enum(TASK_KINDS) });
const checkBody = z.strictObject({ key, label: text(200), unit: optionalText(20), min: bound, max: bound, expected: optionalText(200) });
const kitBody = z.strictObject({ partCode: text(50), qty: z.number().int().min(1).max(999) });

export const templateFields = {
  modelId: z.uuid().nullable().optional(),
  category: category.nullable().optional(),
  name: text(100),
  // Bounds of the interval and the photos are the rules' (maintenance.rules.ts): a 422 naming the field.
  intervalMonths: z.number().int().min(-1000).max(1000),
  estimatedMinutes: z.number().int().min(1).max(1440),
  minOnSiteMinutes: z.number().int().min(0).max(1440),
  photosRequired: z.number().int().min(-1000).max(1000),
  tasks: z.array(taskBody).max(60),
  checks: z.array(checkBody).max(60),
  partsKit: z.array(kitBody).max(40).default([]),
};
export const createTemplateBody = z.strictObject(templateFields);
export const updateTemplateBody = z.strictObject({ version, ...templateFields });

export const templateListQuery = listQuery(['name', 'updatedAt'], {
  modelId: z.uuid().optional(),
  category: category.optional(),
});

export const maintenanceTemplateDto = z
  .object({
    id: z.string(),
    version: z.number(),
    modelId: z.string().nullable(),
    modelCode: z.string().nullable(),
    modelName: z.string().nullable(),
    category: category.nullable(),
    name: z.string(),
    intervalMonths: z.number(),
    estimatedMinutes: z.number(),
    minOnSiteMinutes: z.number(),
    photosRequired: z.number(),
    tasks: z.array(z.object({ key: z.string(), label: z.string(), kind: z.enum(TASK_KINDS) })),
    checks: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        unit: z.string().nullable(),
        min: z.number().nullable(),
        max: z.number().nullable(),
        expected: z.string().nullable(),
      }),
    ),
    partsKit: z.array(z.object({ partCode: z.string(), qty: z.number(), partName: z.string().nullable() })),
    updatedAt: z.string(),
  })
  .meta(schemaId('MaintenanceTemplate'));
