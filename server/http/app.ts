// Builds the Fastify app: security headers, cookies, sessions, rate limits, the OpenAPI
// document generated from the Zod schemas, every module's routes under /api/v1, problem+json
// errors, and the built web UI with SPA fallback.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import pkg from '../../package.json' with { type: 'json' };
import { AppError } from '../lib/errors.ts';
import { appraisalsRoutes } from '../modules/appraisals/index.ts';
import { attachmentsRoutes } from '../modules/attachments/index.ts';
import { auditRoutes } from '../modules/audit/index.ts';
import { billingRoutes } from '../modules/billing/index.ts';
import { callsRoutes } from '../modules/calls/index.ts';
import { campaignsRoutes } from '../modules/campaigns/index.ts';
import { channelsRoutes } from '../modules/channels/index.ts';
import { complaintsRoutes } from '../modules/complaints/index.ts';
import { contractsRoutes } from '../modules/contracts/index.ts';
import { customersRoutes } from '../modules/customers/index.ts';
import { devicesRoutes } from '../modules/devices/index.ts';
import { dispatchRoutes } from '../modules/dispatch/index.ts';
import { escalationsRoutes } from '../modules/escalations/index.ts';
import { followupsRoutes } from '../modules/followups/index.ts';
import { handbookRoutes } from '../modules/handbook/index.ts';
import { holdsRoutes } from '../modules/holds/index.ts';
import { importsRoutes } from '../modules/imports/index.ts';
import { installationsRoutes } from '../modules/installations/index.ts';
import { instrumentsRoutes } from '../modules/instruments/index.ts';
import { kpisRoutes } from '../modules/kpis/index.ts';
import { labelsRoutes } from '../modules/labels/index.ts';
import { maintenancePlansRoutes, maintenanceReportRoutes, maintenanceRoutes } from '../modules/maintenance/index.ts';
import { notificationsRoutes } from '../modules/notifications/index.ts';
import { partsRoutes } from '../modules/parts/index.ts';
import { qualityRoutes } from '../modules/quality/index.ts';
import { quotesRoutes } from '../modules/quotes/index.ts';
import { renewalsRoutes } from '../modules/renewals/index.ts';
import { reportsRoutes } from '../modules/reports/index.ts';
import { requestsRoutes } from '../modules/requests/index.ts';
import { returnsRoutes } from '../modules/returns/index.ts';
import { slaRoutes } from '../modules/sla/index.ts';
import { surveysRoutes } from '../modules/surveys/index.ts';
import { systemRoutes } from '../modules/system/index.ts';
import { traceabilityRoutes } from '../modules/traceability/index.ts';
import { trainingRoutes } from '../modules/training/index.ts';
import { unitsRoutes } from '../modules/units/index.ts';
import { usersRoutes } from '../modules/users/index.ts';
import { vigilanceRoutes } from '../modules/vigilance/index.ts';
import { visitPlansRoutes } from '../modules/visitplans/index.ts';
import { workOrderPdfRoutes, workOrdersRoutes } from '../modules/workorders/index.ts';
import { authPlugin } from './auth.ts';
import type { Api, AppContext } from './context.ts';
import { problem, sendProblem, toProblem } from './errors.ts';
import { idempotencyPlugin } from './idempotency.ts';
import { transformObject } from './openapi.ts';
import { pgRateLimitStore } from './rate-limit-store.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route's multipart upload limit in bytes (default UPLOAD_LIMIT). */
    uploadLimit?: number;
  }
}

export const JSON_BODY_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 10 * 1024 * 1024;
/** The /api/v1 routes that work without a session: logging in and out, the signed survey link. */
export const PUBLIC_ROUTES = new Set([
  '/api/v1/auth/login',
  '/api/v1/auth/logout',
  '/api/v1/public/surveys/:token',
  '/api/v1/public/certificates/:token',
  '/api/v1/public/labels/:token',
  '/api/v1/public/labels/:token/reports',
]);

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
  webDir?: string;
  /** Whose X-Forwarded-For to believe (TRUST_PROXY); default: a reverse proxy on this host only. */
  trustProxy?: boolean | number | string | string[];
}

/** A hop count becomes "the nearest n proxies" (proxy-addr's hop semantics); the rest as Fastify takes it. */
function trustProxyOf(v: BuildOptions['trustProxy']): FastifyServerOptions['trustProxy'] {
  if (v === undefined) return 'loopback';
  if (typeof v === 'number') return (_address: string, hop: number) => hop < v;
  return v;
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<Api> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: JSON_BODY_LIMIT,
    // X-Forwarded-For only from a reverse proxy on this host unless TRUST_PROXY names another:
    // trusting it from anyone (clients on the hospital LAN included) would let a caller pick its
    // own address and slip past every per-address limit.
    trustProxy: trustProxyOf(opts.trustProxy),
    // Unknown query keys are refused by the strict schemas, so keep them as sent.
    routerOptions: { maxParamLength: 200 },
    // Errors the router raises before any hook (a malformed %-escape, an over-long path
    // parameter) are problem+json like every other error.
    frameworkErrors: (err, req, reply) => sendProblem(reply, toProblem(err, req)),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err, req, reply) => {
    const p = toProblem(err, req);
    if (p.status >= 500 && p.code === 'internal') req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, p);
  });
  app.setNotFoundHandler((req, reply) => {
    const webIndex = opts.webDir ? path.join(opts.webDir, 'index.html') : null;
    // A missing /assets/ file (a chunk of an older build) is a 404, not index.html: the browser
    // then reports a failed import, which the UI answers by loading the current build.
    if (req.method === 'GET' && !req.url.startsWith('/api') && !req.url.startsWith('/assets/') && webIndex && existsSync(webIndex)) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendProblem(reply, problem(404, 'route_not_found', req.locale ?? 'zh-CN', { method: req.method, url: req.url.split('?')[0] }));
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    hook: 'preHandler',
    // Counted in the database, so the limits hold across instances (issue 17 item 7). If the
    // database is away the request goes on and fails on its own 503, not on the counter.
    store: pgRateLimitStore(ctx.database.db) as never,
    skipOnError: true,
    errorResponseBuilder: (_req, context) => new AppError(429, 'rate_limited', { seconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
  await app.register(fastifyMultipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 10, parts: 12 } });
  // An upload that declares more than the limit (plus room for the multipart framing) is
  // refused before a byte of it is read, and the connection closed; a body that lies about its
  // length or is chunked still stops at the streamed part limit (FST_REQ_FILE_TOO_LARGE).
  app.addHook('onRequest', async (req, reply) => {
    if (!String(req.headers['content-type'] ?? '').startsWith('multipart/')) return;
    // A route may set its own limit (attachments: ATTACHMENT_MAX_MB).
    const limit = req.routeOptions.config?.uploadLimit ?? UPLOAD_LIMIT;
    if (Number(req.headers['content-length']) > limit + 64 * 1024) {
      reply.header('connection', 'close');
      throw new AppError(413, 'body_too_large', { limit: `${Math.round(limit / 1024 / 1024)} MB` });
    }
  });
  await app.register(authPlugin, { ...ctx.auth, database: ctx.database });
  await app.register(idempotencyPlugin, { db: ctx.database.db });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'MedService API',
        version: pkg.version,
        description:
          '医疗器械售后服务管理系统 — after-sales service management for medical-device companies\n\n' +
          '**Idempotency-Key** (optional, on any POST except login/logout): 1–200 printable ASCII characters, unique per ' +
          'create. Resending the same request with the same key within 24 h returns the first answer (same status and ' +
          'body, header `Idempotent-Replayed: true`) instead of creating a second record. The same key with a different ' +
          'body → 422 `idempotency_key_reused`; while the first attempt runs → 409 `idempotency_in_progress` (Retry-After); ' +
          'if it committed but its answer was lost → 409 `idempotent_request_committed` with `entity` and `entityId`. ' +
          'Keys are per user. Not available on file uploads.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ms_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  systemRoutes(app, ctx);
  await app.register(
    async (api) => {
      const v1 = api as unknown as Api;
      // Without a session only the public routes answer; everything else is 401 before the
      // body or query is validated (which would otherwise answer 400 first) or even parsed.
      v1.addHook('onRequest', async (req) => {
        if (!req.user && !PUBLIC_ROUTES.has(req.routeOptions.url ?? '')) throw new AppError(401, 'unauthenticated');
      });
      usersRoutes(v1, ctx);
      customersRoutes(v1, ctx);
      devicesRoutes(v1, ctx);
      contractsRoutes(v1, ctx);
      importsRoutes(v1, ctx);
      requestsRoutes(v1, ctx);
      workOrdersRoutes(v1, ctx);
      dispatchRoutes(v1, ctx);
      slaRoutes(v1, ctx);
      workOrderPdfRoutes(v1, ctx);
      reportsRoutes(v1, ctx);
      followupsRoutes(v1, ctx);
      installationsRoutes(v1, ctx);
      maintenanceRoutes(v1, ctx);
      maintenancePlansRoutes(v1, ctx);
      maintenanceReportRoutes(v1, ctx);
      surveysRoutes(v1, ctx);
      complaintsRoutes(v1, ctx);
      trainingRoutes(v1, ctx);
      callsRoutes(v1, ctx);
      instrumentsRoutes(v1, ctx);
      holdsRoutes(v1, ctx);
      vigilanceRoutes(v1, ctx);
      qualityRoutes(v1, ctx);
      traceabilityRoutes(v1, ctx);
      returnsRoutes(v1, ctx);
      kpisRoutes(v1, ctx);
      appraisalsRoutes(v1, ctx);
      unitsRoutes(v1, ctx);
      quotesRoutes(v1, ctx);
      billingRoutes(v1, ctx);
      handbookRoutes(v1, ctx);
      labelsRoutes(v1, ctx);
      campaignsRoutes(v1, ctx);
      escalationsRoutes(v1, ctx);
      visitPlansRoutes(v1, ctx);
      renewalsRoutes(v1, ctx);
      channelsRoutes(v1, ctx);
      notificationsRoutes(v1, ctx);
      partsRoutes(v1, ctx);
      auditRoutes(v1, ctx);
      attachmentsRoutes(v1, ctx);
    },
    { prefix: '/api/v1' },
  );

  if (opts.webDir && existsSync(opts.webDir)) {
    await app.register(fastifStatic, {
      root: path.resolve(opts.webDir),
      prefix: '/',
      // One `/*` route, not one GET and one HEAD route per built file (1,400 of them, a fifth of a
      // restart's app build, issue 17 item 5); a missing file falls through to the handler above.
      wildcard: true,
      index: ['index.html'],
      // The build writes .br and .gz beside each file (vite.config.ts): send the variant the
      // browser accepts, with Content-Encoding and Vary: Accept-Encoding (the SPA fallback too).
      preCompressed: true,
      // Files under assets/ have a content hash in their name, so they never change; anything
      // else (index.html) is revalidated on every load so a new build is picked up at once.
      setHeaders: (reply, file) => {
        reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  return app as unknown as Api;
}
