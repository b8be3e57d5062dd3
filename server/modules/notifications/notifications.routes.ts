// The in-app inbox of the logged-in user.
import { z } from 'zod';
import { requireUser } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { schemaId } from '../../lib/dto.ts';
import { listFor, markRead } from './notifications.service.ts';

/** What the notice is about, by business numbers, hospital and device (issue 10 item 11). */
const contextDto = z.object({
  requestNumber: z.string().nullable(),
  workOrderNumber: z.string().nullable(),
  recordNumber: z.string().nullable(),
  customerName: z.string().nullable(),
  deviceModel: z.string().nullable(),
  deviceSerial: z.string().nullable(),
});
const itemDto = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    refEntity: z.string().nullable(),
    refId: z.string().nullable(),
    context: contextDto.nullable(),
    /** The web page of the record (or the survey link). */
    link: z.string().nullable(),
    /** A file to fetch, e.g. the archived service report's PDF. */
    downloadUrl: z.string().nullable(),
    /** An instant (UTC, ISO 8601): the reader's screen shows it in local time. */
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta(schemaId('Notification'));

export function notificationsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tags = ['notifications'];
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first, in my language',
        querystring: z.strictObject({ unread: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(itemDto), unread: z.number() }) },
      },
    },
    async (req) => listFor(db, requireUser(req).id, req.query.unread === 'true', req.query.limit, req.locale, ctx.timeZone),
  );
  app.post(
    '/notifications/read',
    {
      schema: {
        tags,
        summary: 'Mark some or all of my notifications read',
        body: z.strictObject({ ids: z.union([z.array(z.uuid()).max(500), z.literal('all')]) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await markRead(db, requireUser(req).id, req.body.ids);
      return reply.status(204).send(null);
    },
  );
}
