// Channel settings (admin): SMTP, WeCom/DingTalk group robots, the outbox view; and each
// user's own preferences (email on/off, kinds muted). Thin: parse, authorize, call
// channels.settings.ts, present with channels.dto.ts.
import { z } from 'zod';
import { actorOf, authorize, requireUser } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { idParams } from '../../lib/dto.ts';
import {
  endpointBody,
  endpointDto,
  endpointPatch,
  endpointView,
  outboxDto,
  outboxItemView,
  prefsBody,
  prefsDto,
  prefsView,
  settingsBody,
  settingsDto,
  settingsView,
} from './channels.dto.ts';
import { channelsPolicy } from './channels.policy.ts';
import {
  addEndpoint,
  changeEndpoint,
  latestDeliveries,
  listEndpoints,
  readPreferences,
  readSettings,
  replacePreferences,
  replaceSettings,
} from './channels.settings.ts';

export function channelsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['channels'];

  app.get('/channels/settings', { schema: { tags, summary: 'SMTP settings (the password is never shown)', response: { 200: settingsDto } } }, async (req) => {
    authorize(req, channelsPolicy, 'admin');
    return settingsView(await readSettings(db));
  });

  app.put(
    '/channels/settings',
    { schema: { tags, summary: 'Replace the SMTP settings (send the version read; 0 the first time)', body: settingsBody, response: { 200: settingsDto } } },
    async (req) => {
      const user = authorize(req, channelsPolicy, 'admin');
      return settingsView(await replaceSettings(db, actorOf(user), req.body));
    },
  );

  app.get(
    '/channels/endpoints',
    { schema: { tags, summary: 'WeCom / DingTalk group robots', response: { 200: z.object({ items: z.array(endpointDto) }) } } },
    async (req) => {
      authorize(req, channelsPolicy, 'admin');
      return { items: (await listEndpoints(db)).map(endpointView) };
    },
  );

  app.post(
    '/channels/endpoints',
    { schema: { tags, summary: 'Add a group robot webhook', body: endpointBody, response: { 201: endpointDto } } },
    async (req, reply) => {
      const user = authorize(req, channelsPolicy, 'admin');
      return reply.status(201).send(endpointView(await addEndpoint(db, actorOf(user), req.body)));
    },
  );

  app.patch(
    '/channels/endpoints/:id',
    {
      schema: {
        tags,
        summary: 'Change a group robot (send the version read)',
        params: idParams,
        body: endpointPatch,
        response: { 200: endpointDto },
      },
    },
    async (req) => {
      const user = authorize(req, channelsPolicy, 'admin');
      return endpointView(await changeEndpoint(db, actorOf(user), req.params.id, req.body));
    },
  );

  app.get('/channels/outbox', { schema: { tags, summary: 'The latest deliveries and their state', response: { 200: outboxDto } } }, async (req) => {
    authorize(req, channelsPolicy, 'admin');
    return { items: (await latestDeliveries(db)).map(outboxItemView) };
  });

  app.get('/channels/preferences', { schema: { tags, summary: 'My channel preferences', response: { 200: prefsDto } } }, async (req) => {
    const user = requireUser(req);
    return prefsView(await readPreferences(db, user.id));
  });

  app.put(
    '/channels/preferences',
    { schema: { tags, summary: 'Replace my channel preferences (send the version read; 0 the first time)', body: prefsBody, response: { 200: prefsDto } } },
    async (req) => {
      const user = requireUser(req);
      return prefsView(await replacePreferences(db, actorOf(user), user.id, req.body));
    },
  );
}
