import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/client.ts';
import type { Queue } from '../jobs/queue.ts';
import type { BlobStore } from '../modules/attachments/index.ts';
import type { AuthOptions } from './auth.ts';

/** What route modules receive: the database, the job queue (absent in http-less tools) and auth settings. */
export interface AppContext {
  database: Database;
  queue: Queue | null;
  auth: AuthOptions;
  dataDir: string;
  /** IANA zone of the company's business calendar, e.g. Asia/Shanghai. */
  timeZone: string;
  /** Where attachment bytes go and how large one may be; default: files under DATA_DIR/blobs, 20 MB. */
  attachments?: { store: BlobStore; maxBytes: number };
  /** PUBLIC_URL: the address printed into QR labels; unset, the request's own host is used. */
  publicUrl?: string;
}

export type Api = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  ZodTypeProvider
>;
