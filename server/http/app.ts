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
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import pkg from '../../package.json' with { type: 'json' };
import { AppError } from '../lib/errors.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { channelsRoutes } from '../modules/channels/channels.routes.ts';
import { complaintsRoutes } from '../modules/complaints/complaints.routes.ts';
import { contractsRoutes } from '../modules/contracts/contracts.routes.ts';
import { customersRoutes } from '../modules/customers/customers.routes.ts';
import { devicesRoutes } from '../modules/devices/devices.routes.ts';
import { dispatchRoutes } from '../modules/dispatch/dispatch.routes.ts';
import { followupsRoutes } from '../modules/followups/followups.routes.ts';
import { importsRoutes } from '../modules/imports/imports.routes.ts';
import { notificationsRoutes } from '../modules/notifications/notifications.routes.ts';
import { partsRoutes } from '../modules/parts/parts.routes.ts';
import { reportsRoutes } from '../modules/reports/reports.routes.ts';
import { requestsRoutes } from '../modules/requests/requests.routes.ts';
import { slaRoutes } from '../modules/sla/sla.routes.ts';
import { surveysRoutes } from '../modules/surveys/surveys.routes.ts';
import { systemRoutes } from '../modules/system/system.routes.ts';
import { usersRoutes } from '../modules/users/users.routes.ts';
import { workOrderPdfRoutes } from '../modules/workorders/workorders.pdf.ts';
import { workOrdersRoutes } from '../modules/workorders/workorders.routes.ts';
import { authPlugin } from './auth.ts';
import type { Api, AppContext } from './context.ts';
import { problem, sendProblem, toProblem } from './errors.ts';

export const JSON_BODY_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 10 * 1024 * 1024;

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
  webDir?: string;
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<Api> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: true,
    // Unknown query keys are refused by the strict schemas, so keep them as sent.
    routerOptions: { maxParamLength: 200 },
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
    if (req.method === 'GET' && !req.url.startsWith('/api') && webIndex && existsSync(webIndex)) {
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
    errorResponseBuilder: (_req, context) => new AppError(429, 'rate_limited', { after: context.after }),
  });
  await app.register(fastifyMultipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 10, parts: 12 } });
  await app.register(authPlugin, ctx.auth);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'MedService API',
        version: pkg.version,
        description: '医疗器械售后服务管理系统 — after-sales service management for medical-device companies',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ms_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  systemRoutes(app, ctx);
  await app.register(
    async (api) => {
      const v1 = api as unknown as Api;
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
      surveysRoutes(v1, ctx);
      complaintsRoutes(v1, ctx);
      channelsRoutes(v1, ctx);
      notificationsRoutes(v1, ctx);
      partsRoutes(v1, ctx);
      auditRoutes(v1, ctx);
    },
    { prefix: '/api/v1' },
  );

  if (opts.webDir && existsSync(opts.webDir)) {
    await app.register(fastifStatic, { root: path.resolve(opts.webDir), prefix: '/', wildcard: false, index: ['index.html'] });
  }
  return app as unknown as Api;
}
