// The only reader of process.env. Every setting is parsed by Zod with a documented
// default; a bad value stops start-up with a message naming the variable.
import os from 'node:os';
import { z } from 'zod';
import { parseKey } from './lib/secrets.ts';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  /**
   * The embedded database's buffer cache (PostgreSQL's shared_buffers), inside the process's
   * memory. 64MB keeps the server's RSS near 420 MB (128MB: ~540 MB); the files it does not hold are
   * still in the operating system's cache. Raise it (e.g. 128MB) for a large embedded data set.
   */
  PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^[1-9]\d{0,5}(kB|MB|GB)$/, { message: 'must be a size such as 32MB, 128MB or 1GB' })
    .default('64MB'),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: 'must start with postgres:// or postgresql://',
    }),
  SESSION_SECRET: z
    .string()
    .optional()
    .refine((v) => v === undefined || v.length >= 32, { message: 'must be at least 32 characters' }),
  /** Key of the channel secrets at rest (AES-256-GCM): 32 bytes as base64 or 64 hex digits. Unset: DATA_DIR/secrets.key. */
  SECRETS_KEY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const key = parseKey(v);
      if (!key) ctx.addIssue({ code: 'custom', message: 'must be 32 bytes as base64 (44 characters) or hex (64 digits)' });
      return key ?? undefined;
    }),
  /** The audit ledger's Ed25519 private key (PEM, PKCS#8). Unset: DATA_DIR/keys/audit-ed25519, created on first start. */
  AUDIT_KEY_FILE: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  /** How often the audit ledger seals the entries of finished transactions (seconds). */
  AUDIT_SEAL_SECONDS: z.coerce.number().int().min(1).max(60).default(2),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `pretty`: one short line per API request, warnings and errors in words; `json`: pino's JSON lines. */
  LOG_FORMAT: z.enum(['pretty', 'json']).default('pretty'),
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  TZ_COMPANY: z.string().default('Asia/Shanghai'),
  /** The address users open the app at (e.g. https://service.example.com): links in emails. Unset: http://localhost:PORT. */
  PUBLIC_URL: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), { message: 'must be an http:// or https:// address' }),
  /**
   * Whose X-Forwarded-For to believe: unset = a proxy on this host (loopback); `true`/`false`;
   * a hop count; or addresses/CIDRs separated by commas (e.g. 10.0.0.5,10.0.1.0/24).
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx): boolean | number | string[] | undefined => {
      const s = v?.trim();
      if (!s) return undefined;
      if (s === 'true' || s === 'false') return s === 'true';
      if (/^\d+$/.test(s)) return Number(s);
      const parts = s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const address = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;
      if (parts.length === 0 || !parts.every((x) => address.test(x))) {
        ctx.addIssue({ code: 'custom', message: 'must be true, false, a hop count, or addresses/CIDRs separated by commas' });
        return undefined;
      }
      return parts;
    }),
  /**
   * HTTP processes on PORT (node:cluster; the job worker and the audit sealer stay single in the
   * primary): a number, or `auto` = this machine's cores. PostgreSQL only: PGlite is one process.
   */
  HTTP_PROCESSES: z
    .string()
    .optional()
    .transform((v, ctx): number | 'auto' => {
      const s = v?.trim() || '1';
      if (s === 'auto') return 'auto';
      const n = Number(s);
      if (!Number.isInteger(n) || n < 1 || n > 64) ctx.addIssue({ code: 'custom', message: 'must be auto or a whole number from 1 to 64' });
      return n;
    }),
  /** Largest attachment (photo, scan, document) accepted, in MB (issue 12 item 0). */
  ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(200).default(20),
  /**
   * Attachments in S3-compatible object storage (AWS SDK v3: MinIO, AWS, OSS, COS …) instead of
   * DATA_DIR/blobs: set the bucket; endpoint unset = AWS itself; keys unset = the SDK's default chain.
   */
  S3_BUCKET: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  S3_ENDPOINT: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), { message: 'must be an http:// or https:// address' }),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  S3_SECRET_ACCESS_KEY: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  /** Path-style addresses (http://host/bucket/key), as MinIO and most self-hosted stores need. */
  S3_FORCE_PATH_STYLE: z
    .enum(['0', '1', 'false', 'true', ''])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
  /** Key prefix inside the bucket, e.g. medservice/ when the bucket is shared. */
  S3_PREFIX: z.string().default(''),
  BACKUP_KEEP: z.coerce.number().int().min(0).max(365).default(7),
  /** Benchmarks: log each start-up phase's time and memory to stderr (`[startup] …` lines). */
  STARTUP_TRACE: z
    .enum(['0', '1', 'false', 'true', ''])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
  /** Benchmarks only: append every SQL statement (with its parameters) as a JSON line to this file. */
  LOG_SQL: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
});

export type Env = Omit<z.infer<typeof envSchema>, 'HTTP_PROCESSES'> & { HTTP_PROCESSES: number };

export class EnvError extends Error {}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const picked: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) picked[key] = source[key];
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    // A secret's value is never echoed, not even a wrong one.
    const shown = (k: string) => (/SECRET|ACCESS_KEY/.test(k) ? '(hidden)' : JSON.stringify(picked[k]));
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}=${shown(String(i.path[0]))}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const { HTTP_PROCESSES: processes, ...rest } = parsed.data;
  // An embedded database lives in one process: `auto` means one there, a number above one is refused.
  if (!rest.DATABASE_URL && processes !== 'auto' && processes > 1) {
    throw new EnvError(
      `Invalid configuration:\n  HTTP_PROCESSES=${processes}: several HTTP processes need PostgreSQL (DATABASE_URL); the embedded database serves one process`,
    );
  }
  const HTTP_PROCESSES = processes === 'auto' ? (rest.DATABASE_URL ? os.availableParallelism() : 1) : processes;
  return { ...rest, HTTP_PROCESSES };
}
