// Maintenance templates (issue 13 §1, R-PM-1). Thin: the rules are in maintenance.service.ts /
// maintenance.rules.ts.
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { plain } from '../../lib/plain.ts';
import { createTemplateBody, maintenanceTemplateDto, templateListQuery, updateTemplateBody } from './maintenance.dto.ts';
import { maintenancePolicy } from './maintenance.policy.ts';
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
}
