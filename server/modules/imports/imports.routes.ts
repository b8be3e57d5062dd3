// Moving a company's customers and devices in from a spreadsheet: a template per kind, and an
// upload that is either checked (mode=validate, never writes) or committed (all rows in one
// transaction, or none — 422 import_rejected carries the same row-by-row report).
import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { actorOf, authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import { forbidden } from '../../lib/errors.ts';
import { importParams, importQuery, importReportDto, importUploadBody } from './imports.dto.ts';
import { importsPolicy } from './imports.policy.ts';
import type { ImportKind } from './imports.rules.ts';
import * as svc from './imports.service.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Zod validation for params and query; the multipart body is read by the handler instead. */
const skipBody: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body' ? () => ({ value: undefined }) : (validatorCompiler as FastifySchemaCompiler<unknown>)(route);

function importer(req: FastifyRequest, kind: ImportKind): Principal {
  const user = authorize(req, importsPolicy, kind);
  if (customerScope(user) !== null) throw forbidden();
  return user;
}

export function importsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['imports'];

  app.get(
    '/imports/templates/:kind',
    { schema: { tags, summary: 'The Excel template for importing customers or devices', params: importParams } },
    async (req, reply) => {
      const { kind } = req.params;
      importer(req, kind);
      const file = `${kind}-import-template.xlsx`;
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${file}"`)
        .send(await svc.templateBuffer(db, kind));
    },
  );

  app.post(
    '/imports/:kind',
    {
      schema: {
        tags,
        summary: 'Import customers or devices from an .xlsx or .csv sheet (validate, or commit all rows or none)',
        description:
          'multipart/form-data with one part `file`. mode=validate only reports; mode=commit writes every row in one transaction. ' +
          'When any row is rejected, commit answers 422 `import_rejected` with the report in `report` and writes nothing. ' +
          'Over 10 MB → 413 `body_too_large` (refused from Content-Length before the body is read); bytes that are not ' +
          'a spreadsheet, or not the one the name or declared type claims → 415 `import_invalid_file`.',
        consumes: ['multipart/form-data'],
        params: importParams,
        querystring: importQuery,
        body: importUploadBody,
        response: { 200: importReportDto },
      },
      validatorCompiler: skipBody,
    },
    async (req) => {
      const { kind } = req.params;
      const user = importer(req, kind);
      const part = await req.file();
      if (part?.fieldname !== 'file') throw svc.invalidFile('no_file', req.locale);
      const buffer = await part.toBuffer();
      return svc.runImport(db, actorOf(user), kind, req.query.mode, { buffer, fileName: part.filename ?? '', mimetype: part.mimetype ?? '' }, req.locale);
    },
  );
}
