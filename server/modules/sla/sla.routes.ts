// SLA administration (R-SLA-1, R-SLA-2, R-SLA-4): business calendars are edited in place
// (versioned, audited); policies are never edited, a change is a new version that applies to
// requests received from its effective instant on — clocks already running keep the targets
// they started with (ARCHITECTURE principle 6; policyInForce picks the version by time).
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { idParams } from '../../lib/dto.ts';
import { notFound } from '../../lib/errors.ts';
import { calendarById, createPolicyVersion, listCalendars, listPolicies, putCalendar } from './sla.admin.ts';
import {
  calendarDto,
  calendarListDto,
  calendarView,
  createPolicyBody,
  policyDto,
  policyListDto,
  policyListQuery,
  policyView,
  putCalendarBody,
} from './sla.dto.ts';
import { slaAdminPolicy } from './sla.policy.ts';

registerConstraintFields({
  business_calendars_name_uq: 'name',
  sla_policies_name_version_uq: 'name',
  sla_policies_calendar_id_business_calendars_id_fk: 'calendarId',
});

export function slaRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['sla'];

  app.get('/sla/calendars', { schema: { tags, summary: 'Business calendars (R-SLA-1)', response: { 200: calendarListDto } } }, async (req) => {
    authorize(req, slaAdminPolicy, 'read');
    return { items: (await listCalendars(db)).map(calendarView) };
  });

  app.get('/sla/calendars/:id', { schema: { tags, params: idParams, response: { 200: calendarDto } } }, async (req) => {
    authorize(req, slaAdminPolicy, 'read');
    return calendarView(await calendarById(db, req.params.id));
  });

  app.put(
    '/sla/calendars/:id',
    {
      schema: {
        tags,
        summary: 'Replace a calendar: weekly hours, time zone, holidays and make-up days (send the version read)',
        params: idParams,
        body: putCalendarBody,
        response: { 200: calendarDto },
      },
    },
    async (req) => {
      const user = authorize(req, slaAdminPolicy, 'edit');
      return calendarView(await putCalendar(db, user, req.params.id, req.body));
    },
  );

  app.get(
    '/sla/policies',
    { schema: { tags, summary: 'SLA policies, every version (R-SLA-2)', querystring: policyListQuery, response: { 200: policyListDto } } },
    async (req) => {
      authorize(req, slaAdminPolicy, 'read');
      return { items: (await listPolicies(db, req.query.name)).map(policyView) };
    },
  );

  app.get('/sla/policies/:id', { schema: { tags, summary: 'One version of a policy', params: idParams, response: { 200: policyDto } } }, async (req) => {
    authorize(req, slaAdminPolicy, 'read');
    const [p] = await listPolicies(db, undefined, req.params.id);
    if (!p) throw notFound();
    return policyView(p);
  });

  app.post(
    '/sla/policies',
    {
      schema: {
        tags,
        summary: 'A new version of a named policy; it applies to requests received from effectiveFrom on',
        body: createPolicyBody,
        response: { 201: policyDto },
      },
    },
    async (req, reply) => {
      const user = authorize(req, slaAdminPolicy, 'edit');
      const id = await createPolicyVersion(db, user, req.body);
      const [p] = await listPolicies(db, undefined, id);
      return reply.status(201).send(policyView(p));
    },
  );
}
