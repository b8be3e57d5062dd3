// Maintenance templates (issue 13 §1, R-PM-1). Thin: the rules are in maintenance.service.ts /
// maintenance.rules.ts.
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { plain } from '../../lib/plain.ts';
import { workOrdersPolicy } from '../workorders/index.ts';
import * as cor from './maintenance.corrections.service.ts';
import { createTemplateBody, maintenanceTemplateDto, templateListQuery, updateTemplateBody } from './maintenance.dto.ts';
import { maintenancePolicy } from './maintenance.policy.ts';
import {
  deviceReadingsDto,
  deviceReadingsQuery,
  evidenceExceptionListDto,
  exceptionsQuery,
  findingBody,
  instrumentReadingsDto,
  maintenanceRecordVersionsDto,
  maintenanceVisitDto,
  periodQuery,
  presenceBody,
  readingBody,
  recordCorrectionBody,
  taskBody,
  taskParams,
} from './maintenance.records.dto.ts';
import * as rec from './maintenance.records.service.ts';
import * as svc from './maintenance.service.ts';

registerConstraintFields({
  maintenance_templates_model_uq: 'modelId',
  maintenance_templates_category_uq: 'category',
  maintenance_templates_model_id_device_models_id_fk: 'modelId',
});

export function maintenanceRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['maintenance'];

  app.get(
    '/maintenance-templates',
    {
      schema: {
        tags,
        summary: 'Maintenance templates (保养模板) per model or category; search by name/model, filter by model or category (R-PM-1)',
        querystring: templateListQuery,
        response: { 200: pageOf(maintenanceTemplateDto) },
      },
    },
    async (req) => {
      authorize(req, maintenancePolicy, 'read');
      const page = await svc.listTemplates(db, req.query);
      return { ...page, items: page.items.map((t) => plain(t)) };
    },
  );

  app.get('/maintenance-templates/:id', { schema: { tags, params: idParams, response: { 200: maintenanceTemplateDto } } }, async (req) => {
    authorize(req, maintenancePolicy, 'read');
    return plain(await svc.getTemplate(db, req.params.id));
  });

  app.post(
    '/maintenance-templates',
    {
      schema: {
        tags,
        summary: 'Create the template of a model or a device category: tasks, checks with ranges, parts kit, interval, durations, photos (service manager)',
        body: createTemplateBody,
        response: { 201: maintenanceTemplateDto },
      },
    },
    async (req, reply) => {
      const row = await svc.createTemplate(db, authorize(req, maintenancePolicy, 'manage'), req.body);
      return reply.status(201).send(plain(await svc.getTemplate(db, row.id)));
    },
  );

  app.put(
    '/maintenance-templates/:id',
    {
      schema: {
        tags,
        summary: 'Replace a template (with the version read; 409 when stale)',
        params: idParams,
        body: updateTemplateBody,
        response: { 200: maintenanceTemplateDto },
      },
    },
    async (req) => {
      const row = await svc.updateTemplate(db, authorize(req, maintenancePolicy, 'manage'), req.params.id, req.body);
      return plain(await svc.getTemplate(db, row.id));
    },
  );

  app.get(
    '/device-models/:id/maintenance-template',
    {
      schema: {
        tags,
        summary: "The template a unit of this model follows: the model's own, else its category's; 404 when none",
        params: idParams,
        response: { 200: maintenanceTemplateDto },
      },
    },
    async (req) => {
      authorize(req, maintenancePolicy, 'read');
      return plain(await svc.templateForModel(db, req.params.id));
    },
  );

  // ---- visit records on a maintenance work order (issue 13 §1 recording, §2; R-PM-1, R-PM-2) ----
  const visit = { 200: maintenanceVisitDto };
  const tz = ctx.timeZone;

  app.get(
    '/work-orders/:id/maintenance-record',
    {
      schema: {
        tags,
        summary: 'The visit record of a maintenance work order: tasks, readings, findings, photos, on-site window and the evidence still missing (R-PM-2)',
        params: idParams,
        response: visit,
      },
    },
    async (req) => rec.getRecord(db, authorize(req, workOrdersPolicy, 'read'), req.params.id),
  );

  app.post(
    '/work-orders/:id/maintenance-record',
    {
      schema: {
        tags,
        summary: "Open the visit record: the device's template (model, else category) is copied into it; opening again is a no-op",
        params: idParams,
        response: visit,
      },
    },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'act');
      await rec.openRecord(db, user, req.params.id);
      return rec.getRecord(db, user, req.params.id);
    },
  );

  app.post(
    '/work-orders/:id/maintenance-record/arrival',
    {
      schema: {
        tags,
        summary: 'Record the arrival on site (now, or the time given; not in the future)',
        params: idParams,
        body: presenceBody,
        response: visit,
      },
    },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'act');
      await rec.markPresence(db, user, req.params.id, 'arrival', req.body);
      return rec.getRecord(db, user, req.params.id);
    },
  );

  app.post(
    '/work-orders/:id/maintenance-record/departure',
    {
      schema: {
        tags,
        summary: 'Record the departure (now, or the time given; not in the future, not before the arrival)',
        params: idParams,
        body: presenceBody,
        response: visit,
      },
    },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'act');
      await rec.markPresence(db, user, req.params.id, 'departure', req.body);
      return rec.getRecord(db, user, req.params.id);
    },
  );

  app.put(
    '/work-orders/:id/maintenance-record/tasks/:key',
    { schema: { tags, summary: 'Mark a task done or not done (not done needs a note)', params: taskParams, body: taskBody, response: visit } },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'act');
      await rec.setTask(db, user, req.params.id, req.params.key, req.body);
      return rec.getRecord(db, user, req.params.id);
    },
  );

  app.post(
    '/work-orders/:id/maintenance-record/readings',
    {
      schema: {
        tags,
        summary: 'Record a reading of a check with the instrument that took it (calibrated, else 422); out of range is flagged; again replaces it',
        params: idParams,
        body: readingBody,
        response: visit,
      },
    },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'act');
      await rec.recordReading(db, user, req.params.id, req.body, tz);
      return rec.getRecord(db, user, req.params.id);
    },
  );

  app.post(
    '/work-orders/:id/maintenance-record/findings',
    {
      schema: {
        tags,
        summary: 'Record a finding; one not fixed on the spot opens a linked repair request in the same transaction (R-PM-1)',
        params: idParams,
        body: findingBody,
        response: visit,
      },
    },
    async (req) => {
      const user = authorize(req, workOrdersPolicy, 'act');
      await rec.addFinding(db, user, req.params.id, req.body, tz);
      return rec.getRecord(db, user, req.params.id);
    },
  );

  app.post(
    '/work-orders/:id/maintenance-record/corrections',
    {
      schema: {
        tags,
        summary:
          'Correct a signed visit record (R-PM-2): a reason and the changed tasks, readings or findings make the next version; the earlier ones stay readable (service manager, quality, or the engineer who did it)',
        params: idParams,
        body: recordCorrectionBody,
        response: visit,
      },
    },
    async (req) => {
      const user = authorize(req, maintenancePolicy, 'correct');
      await cor.correctRecord(db, user, req.params.id, req.body);
      return rec.getRecord(db, user, req.params.id);
    },
  );

  app.get(
    '/work-orders/:id/maintenance-record/versions',
    {
      schema: {
        tags,
        summary: 'Every version of the visit record, oldest first: as signed, then each correction with its reason (R-PM-2)',
        params: idParams,
        response: { 200: maintenanceRecordVersionsDto },
      },
    },
    async (req) => cor.recordVersions(db, authorize(req, workOrdersPolicy, 'read'), req.params.id),
  );

  app.get(
    '/devices/:id/maintenance-readings',
    {
      schema: {
        tags,
        summary: "A device's maintenance readings per check over time, with each check's range (the trend chart)",
        params: idParams,
        querystring: deviceReadingsQuery,
        response: { 200: deviceReadingsDto },
      },
    },
    async (req) => rec.readingsOfDevice(db, authorize(req, maintenancePolicy, 'read'), req.params.id, req.query),
  );

  app.get(
    '/instruments/:id/maintenance-readings',
    {
      schema: {
        tags,
        summary: 'The readings an instrument took and the devices they concern (what a recalled instrument may have affected)',
        params: idParams,
        querystring: periodQuery,
        response: { 200: instrumentReadingsDto },
      },
    },
    async (req) => {
      authorize(req, maintenancePolicy, 'read');
      return rec.readingsByInstrument(db, req.params.id, req.query);
    },
  );

  app.get(
    '/maintenance-evidence-exceptions',
    {
      schema: {
        tags,
        summary:
          '巡检证据异常: identical readings, visits shorter than the minimum, photos reused across visits, signatures outside the on-site window (R-PM-2)',
        querystring: exceptionsQuery,
        response: { 200: evidenceExceptionListDto },
      },
    },
    async (req) => {
      authorize(req, maintenancePolicy, 'evidence');
      return rec.evidenceExceptionList(db, req.query);
    },
  );
}
