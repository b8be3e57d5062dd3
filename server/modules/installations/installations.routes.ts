// Installation and acceptance (issue 12 item 2, R-IN-1): notices, site check, commissioning,
// three-party acceptance, handover, PDFs; templates and accessory warranty terms. Thin: the
// rules are in installations.service.ts / installations.rules.ts.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { devices } from '../../db/schema.ts';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import type { Principal } from '../../lib/access.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { plain } from '../../lib/plain.ts';
import {
  accessoryTermDto,
  accessoryTermQuery,
  addAccessoryTermBody,
  cancelBody,
  changeAccessoryTermBody,
  commissionBody,
  correctAcceptanceBody,
  createNoticeBody,
  defectBody,
  deviceAccessoryWarrantyDto,
  handoverBody,
  installationDto,
  installationListItemDto,
  installationListQuery,
  overdueDto,
  saveTemplateBody,
  signBody,
  siteCheckBody,
  templateDto,
  updateNoticeBody,
  versionBody,
  waiveBody,
} from './installations.dto.ts';
import { type DocData, renderAcceptance, renderHandover } from './installations.pdf.ts';
import { installationsPolicy } from './installations.policy.ts';
import * as svc from './installations.service.ts';

registerConstraintFields({
  installations_device_live_uq: 'deviceId',
  installations_device_id_devices_id_fk: 'deviceId',
  installations_customer_id_customers_id_fk: 'customerId',
  installations_engineer_id_users_id_fk: 'engineerId',
  installation_templates_scope_uq: 'modelId',
  installation_templates_model_id_device_models_id_fk: 'modelId',
  installation_signatures_party_uq: 'party',
  accessory_terms_model_name_uq: 'name',
  accessory_terms_model_id_device_models_id_fk: 'modelId',
});

export function installationsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['installations'];
  const detail = async (user: Principal, id: string) => plain(await svc.getInstallation(db, user, id, tz));

  app.get(
    '/installations',
    {
      schema: {
        tags,
        summary: 'Installation notices (安装通知), searchable; ?handoverOverdue=true for the manager',
        querystring: installationListQuery,
        response: { 200: pageOf(installationListItemDto) },
      },
    },
    async (req) => {
      const user = authorize(req, installationsPolicy, 'read');
      const { handoverOverdue, ...q } = req.query;
      const page = await svc.listInstallations(db, user, { ...q, handoverOverdue: handoverOverdue === 'true' }, tz);
      return { ...page, items: page.items.map((i) => plain(i)) };
    },
  );

  app.get(
    '/installations/counts',
    { schema: { tags, summary: 'Overdue handover dossiers (seed 002: two weeks after acceptance)', response: { 200: overdueDto } } },
    async (req) => {
      const user = authorize(req, installationsPolicy, 'read');
      return { handoverOverdue: await svc.overdueHandovers(db, user, tz) };
    },
  );

  app.post(
    '/installations',
    {
      schema: {
        tags,
        summary: 'Register an installation notice from sales (R-IN-1); an unregistered unit is registered from its serial/UDI',
        body: createNoticeBody,
        response: { 201: installationDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, installationsPolicy, 'notify');
      const row = await svc.createNotice(db, user, req.body, tz);
      return reply.status(201).send(await detail(user, row.id));
    },
  );

  app.get('/installations/:id', { schema: { tags, params: idParams, response: { 200: installationDto } } }, async (req) =>
    detail(authorize(req, installationsPolicy, 'read'), req.params.id),
  );

  app.patch(
    '/installations/:id',
    {
      schema: {
        tags,
        summary: 'Planned date, site, sales contact, notes, engineer',
        params: idParams,
        body: updateNoticeBody,
        response: { 200: installationDto },
      },
    },
    async (req) => {
      const user = authorize(req, installationsPolicy, 'notify');
      await svc.updateNotice(db, user, req.params.id, req.body);
      return detail(user, req.params.id);
    },
  );

  const command = <B extends z.ZodType>(
    path: string,
    summary: string,
    action: 'work' | 'manage' | 'read',
    body: B,
    run: (user: Principal, id: string, b: z.infer<B>) => Promise<unknown>,
  ) =>
    app.post(path, { schema: { tags, summary, params: idParams, body, response: { 200: installationDto } } }, async (req) => {
      const user = authorize(req, installationsPolicy, action);
      await run(user, (req.params as { id: string }).id, req.body as z.infer<B>);
      return detail(user, (req.params as { id: string }).id);
    });

  command(
    '/installations/:id/site-check',
    'Site check results, each item pass/fail with a note; a failed item blocks installation (R-IN-1)',
    'work',
    siteCheckBody,
    (u, id, b) => svc.recordSiteCheck(db, u, id, b),
  );
  command('/installations/:id/site-check/waive', 'A manager waives a failed site-check item with a reason (audited)', 'manage', waiveBody, (u, id, b) =>
    svc.waiveSiteCheckItem(db, u, id, b),
  );
  command('/installations/:id/start', 'Start installing (needs a passed or waived site check)', 'work', versionBody, (u, id, b) =>
    svc.startInstallation(db, u, id, b),
  );
  command(
    '/installations/:id/commissioning',
    'Commissioning report: measured results per test item and the customer’s consent (name + signature) before the engineer leaves (seed 003)',
    'work',
    commissionBody,
    (u, id, b) => svc.commission(db, u, id, b),
  );
  command(
    '/installations/:id/sign',
    'One acceptance signature (service 安装调试完成 / customer 设备验收合格 / quality 质量检验合格); the third accepts the device',
    'read',
    signBody,
    (u, id, b) => svc.signAcceptance(db, u, id, b, tz),
  );
  command(
    '/installations/:id/acceptance-date',
    'Correct the acceptance date with a reason; the warranty end follows',
    'manage',
    correctAcceptanceBody,
    (u, id, b) => svc.correctAcceptanceDate(db, u, id, b),
  );
  command('/installations/:id/handover', 'Handover dossier items done / not with notes; all done → handed over (seed 002)', 'work', handoverBody, (u, id, b) =>
    svc.updateHandover(db, u, id, b),
  );
  command(
    '/installations/:id/defect',
    'Dead on arrival / installation defect and the decision: repair, exchange or return (seed 003)',
    'work',
    defectBody,
    (u, id, b) => svc.recordDefect(db, u, id, b, tz),
  );
  command('/installations/:id/cancel', 'Cancel with a reason', 'manage', cancelBody, (u, id, b) => svc.cancelInstallation(db, u, id, b));

  async function docData(user: Principal, id: string): Promise<DocData> {
    const d = await svc.getInstallation(db, user, id, tz); // hospital scope: 404 for another hospital's
    const [dev] = await db.select({ warrantyEnd: devices.warrantyEnd }).from(devices).where(eq(devices.id, d.deviceId));
    const acc = await svc.deviceAccessoryWarranty(db, user, d.deviceId, tz);
    return {
      ...d,
      warrantyEnd: dev?.warrantyEnd ?? null,
      accessories: acc.items,
      signatures: await svc.signaturesWithImages(db, id),
    };
  }
  const pdf = (path: string, summary: string, name: string, render: (d: DocData, tz: string) => Promise<Buffer>) =>
    app.get(path, { schema: { tags, summary, params: idParams } }, async (req, reply) => {
      const user = authorize(req, installationsPolicy, 'read');
      const d = await docData(user, req.params.id);
      const file = `${name}-${d.number}.pdf`;
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="installation-${d.number}.pdf"; filename*=UTF-8''${encodeURIComponent(file)}`)
        .header('cache-control', 'private, no-store')
        .send(await render(d, tz));
    });
  pdf(
    '/installations/:id/acceptance.pdf',
    '验收报告 (acceptance certificate) as PDF: checks, commissioning results, the three signatures, warranty',
    '验收报告',
    renderAcceptance,
  );
  pdf('/installations/:id/handover.pdf', '移交清单 (handover list) as PDF', '移交清单', renderHandover);

  // The acceptance certificate from the device (seed 003: 产品验收证明书…做好保修时间登记) and its accessory warranties.
  app.get(
    '/devices/:id/accessory-warranty',
    {
      schema: {
        tags,
        summary: 'Per-accessory warranty of a unit (seed 003: 穿刺器…2年质保…质保不延长) and its installation',
        params: idParams,
        response: { 200: deviceAccessoryWarrantyDto },
      },
    },
    async (req) => svc.deviceAccessoryWarranty(db, authorize(req, installationsPolicy, 'read'), req.params.id, tz),
  );

  app.get(
    '/installation-templates',
    { schema: { tags, summary: 'Checklist templates per model or category', response: { 200: z.object({ items: z.array(templateDto) }) } } },
    async (req) => {
      authorize(req, installationsPolicy, 'read');
      return { items: (await svc.listTemplates(db)).map((t) => plain(t)) };
    },
  );
  app.put(
    '/installation-templates',
    { schema: { tags, summary: 'Save the template of a model or category (service manager)', body: saveTemplateBody, response: { 200: templateDto } } },
    async (req) => plain(await svc.saveTemplate(db, authorize(req, installationsPolicy, 'manage'), req.body)),
  );

  app.get(
    '/accessory-terms',
    {
      schema: {
        tags,
        summary: 'Per-accessory warranty terms of models',
        querystring: accessoryTermQuery,
        response: { 200: z.object({ items: z.array(accessoryTermDto) }) },
      },
    },
    async (req) => {
      authorize(req, installationsPolicy, 'read');
      return { items: (await svc.listAccessoryTerms(db, req.query.modelId)).map((t) => plain(t)) };
    },
  );
  app.post(
    '/accessory-terms',
    { schema: { tags, summary: 'Add an accessory warranty term to a model', body: addAccessoryTermBody, response: { 201: accessoryTermDto } } },
    async (req, reply) => {
      const row = await svc.addAccessoryTerm(db, authorize(req, installationsPolicy, 'manage'), req.body);
      const [t] = (await svc.listAccessoryTerms(db, row.modelId)).filter((x) => x.id === row.id);
      return reply.status(201).send(plain(t));
    },
  );
  app.patch(
    '/accessory-terms/:id',
    { schema: { tags, summary: 'Change an accessory warranty term', params: idParams, body: changeAccessoryTermBody, response: { 200: accessoryTermDto } } },
    async (req) => {
      const row = await svc.changeAccessoryTerm(db, authorize(req, installationsPolicy, 'manage'), req.params.id, req.body);
      const [t] = (await svc.listAccessoryTerms(db, row.modelId)).filter((x) => x.id === row.id);
      return plain(t);
    },
  );
}
