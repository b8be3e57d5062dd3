import { z } from 'zod';
import { schemaId } from '../../lib/dto.ts';

export const importKindSchema = z.enum(['customers', 'devices']);
export const importModeSchema = z.enum(['validate', 'commit']);

export const importParams = z.strictObject({ kind: importKindSchema });
export const importQuery = z.strictObject({ mode: importModeSchema.default('validate') });

/**
 * Documents the multipart body for the OpenAPI document and the web client; the route reads
 * the part itself (@fastify/multipart), so this schema is not used to validate.
 */
export const importUploadBody = z.object({
  file: z.string().meta({ format: 'binary', description: 'The sheet: .xlsx, or .csv in UTF-8 (with or without BOM)' }),
});

export const importRowDto = z.object({
  /** Spreadsheet row number as Excel shows it (the header is row 1, so data starts at 2). */
  row: z.number().int(),
  status: z.enum(['ok', 'rejected']),
  /** Customer code or device serial number as written in the file. */
  key: z.string(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});

export const importReportDto = z
  .object({
    kind: importKindSchema,
    mode: importModeSchema,
    fileName: z.string(),
    totalRows: z.number().int(),
    validRows: z.number().int(),
    rejectedRows: z.number().int(),
    committed: z.boolean(),
    created: z.number().int(),
    rows: z.array(importRowDto),
  })
  .meta(schemaId('ImportReport'));
export type ImportReport = z.infer<typeof importReportDto>;
