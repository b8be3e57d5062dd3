// Request and response shapes of the organisation (issue 15 §1, R-ORG-1): units, the copy rule,
// and branch daily reports (分公司日报, seed 002 §12).
import { z } from 'zod';
import { isoDate, listQuery, optionalText, schemaId, text, version } from '../../lib/dto.ts';
import { supervisorDailyDto } from '../reports/index.ts';
import { signatureDto } from '../signatures/index.ts';
import { BRANCH_REPORT_STATUSES, MANAGER_COPY, UNIT_KINDS } from './units.tables.ts';

export const unitKindSchema = z.enum(UNIT_KINDS);
export const managerCopySchema = z.enum(MANAGER_COPY);
export const branchReportStatusSchema = z.enum(BRANCH_REPORT_STATUSES);

const record = { id: z.string(), version: z.number(), createdAt: z.string(), updatedAt: z.string() };

export const unitDto = z
  .object({
    ...record,
    kind: unitKindSchema,
    code: z.string(),
    name: z.string(),
    managerId: z.string().nullable(),
    parentId: z.string().nullable(),
    active: z.boolean(),
  })
  .meta(schemaId('Unit'));

const unitFields = {
  kind: unitKindSchema,
  name: text(100),
  managerId: z.uuid().nullable().optional(),
  parentId: z.uuid().nullable().optional(),
  active: z.boolean(),
};
export const createUnitBody = z.strictObject({ code: text(30), ...unitFields, active: unitFields.active.default(true) });
export const updateUnitBody = z.strictObject({
  version,
  code: text(30).optional(),
  kind: unitKindSchema.optional(),
  name: text(100).optional(),
  managerId: z.uuid().nullable().optional(),
  parentId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
});
export const unitListQuery = listQuery(['code', 'name', 'kind', 'updatedAt'], {
  kind: unitKindSchema.optional(),
  parentId: z.uuid().optional(),
  managerId: z.uuid().optional(),
  active: z.enum(['true', 'false']).optional(),
});

/** The unit page: the unit, its manager's and parent's names, its teams and its head counts. */
export const unitDetailDto = unitDto
  .extend({
    managerName: z.string().nullable(),
    parentName: z.string().nullable(),
    children: z.array(unitDto),
    counts: z.object({ customers: z.number(), users: z.number(), warehouses: z.number(), sites: z.number() }),
  })
  .meta(schemaId('UnitDetail'));

/** The units the caller manages (a branch manager's default list filter), branches first. */
export const myUnitsDto = z.object({ items: z.array(unitDto) }).meta(schemaId('MyUnits'));

export const unitSettingsDto = z.object({ managerCopy: managerCopySchema, version: z.number() }).meta(schemaId('UnitSettings'));
export const unitSettingsBody = z.strictObject({ version, managerCopy: managerCopySchema });

export const branchReportDto = z
  .object({
    ...record,
    unitId: z.string(),
    unitName: z.string(),
    unitCode: z.string(),
    day: z.string(),
    status: branchReportStatusSchema,
    preparedByName: z.string(),
    signedAt: z.string().nullable(),
    signedByName: z.string().nullable(),
    comment: z.string().nullable(),
    receivedAt: z.string().nullable(),
    receivedByName: z.string().nullable(),
  })
  .meta(schemaId('BranchDailyReport'));

export const branchReportDetailDto = branchReportDto
  .extend({
    content: supervisorDailyDto,
    signature: signatureDto.nullable(),
    /** The signature still covers the stored content (R-AU-1). */
    signatureValid: z.boolean().nullable(),
    abilities: z.object({ sign: z.boolean(), refresh: z.boolean(), receive: z.boolean() }).meta(schemaId('BranchDailyReportAbilities')),
  })
  .meta(schemaId('BranchDailyReportDetail'));

export const branchReportListQuery = listQuery(['day', 'status', 'updatedAt'], {
  unitId: z.uuid().optional(),
  status: branchReportStatusSchema.optional(),
  from: isoDate().optional(),
  to: isoDate().optional(),
});
export const prepareBranchReportBody = z.strictObject({ unitId: z.uuid(), day: isoDate() });
export const signBranchReportBody = z.strictObject({ version, password: z.string().max(200), comment: optionalText(2000) });
export const receiveBranchReportBody = z.strictObject({ version });
