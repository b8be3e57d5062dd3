// Where attachment bytes live (issue 12 item 0): one content-addressed interface, keyed by the
// bytes' sha256, with two implementations — files under DATA_DIR (the default) and S3-compatible
// object storage through the official AWS SDK v3 (MinIO and every cloud store speak it). A blob is
// never overwritten or deleted: the same content is stored once, however many records attach it.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

export interface BlobStore {
  /** Stores the bytes under their sha256 (which the caller computed); storing the same content again is a no-op. */
  put(sha256: string, bytes: Buffer, mime: string): Promise<void>;
  /** The bytes, or null when no blob has this hash. */
  get(sha256: string): Promise<Buffer | null>;
  /** The stored size, or null when no blob has this hash. */
  head(sha256: string): Promise<{ size: number } | null>;
  readonly kind: 'file' | 's3';
}

const SHA256 = /^[0-9a-f]{64}$/;
function checkHash(sha256: string) {
  // The hash becomes a path or key: only 64 lowercase hex digits may ever reach it.
  if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
}

/** DATA_DIR/blobs/ab/cd/<sha256>: written to a temp file beside it, flushed, then renamed (atomic). */
export function fileBlobStore(root: string): BlobStore {
  const pathOf = (h: string) => path.join(root, h.slice(0, 2), h.slice(2, 4), h);
  return {
    kind: 'file',
    async put(sha256, bytes) {
      checkHash(sha256);
      const target = pathOf(sha256);
      if (await exists(target)) return;
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      const fh = await open(temp, 'wx', 0o640);
      try {
        await fh.writeFile(bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
      try {
        // Two writers of the same content rename the same bytes over each other: either wins.
        await rename(temp, target);
      } catch (e) {
        await rm(temp, { force: true });
        throw e;
      }
    },
    async get(sha256) {
      checkHash(sha256);
      try {
        return await readFile(pathOf(sha256));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    async head(sha256) {
      checkHash(sha256);
      try {
        return { size: (await stat(pathOf(sha256))).size };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
  };
}

async function exists(p: string) {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

export interface S3Settings {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** Key prefix inside the bucket, e.g. `medservice/`. */
  prefix: string;
}

/** S3-compatible object storage: key <prefix>blobs/ab/cd/<sha256>, Content-Type and sha256 checked by the store. */
export function s3BlobStore(s: S3Settings, client?: S3Client): BlobStore {
  const s3 =
    client ??
    new S3Client({
      region: s.region,
      endpoint: s.endpoint,
      forcePathStyle: s.forcePathStyle,
      credentials: s.accessKeyId && s.secretAccessKey ? { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } : undefined,
    });
  const keyOf = (h: string) => `${s.prefix}blobs/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`;
  const missing = (e: unknown) =>
    e instanceof NoSuchKey || e instanceof NotFound || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;
  const store: BlobStore = {
    kind: 's3',
    async put(sha256, bytes, mime) {
      checkHash(sha256);
      if (await store.head(sha256)) return;
      await s3.send(new PutObjectCommand({ Bucket: s.bucket, Key: keyOf(sha256), Body: bytes, ContentType: mime, ContentLength: bytes.length }));
    },
    async get(sha256) {
      checkHash(sha256);
      try {
        const r = await s3.send(new GetObjectCommand({ Bucket: s.bucket, Key: keyOf(sha256) }));
        if (!r.Body) return null;
        return Buffer.from(await r.Body.transformToByteArray());
      } catch (e) {
        if (missing(e)) return null;
        throw e;
      }
    },
    async head(sha256) {
      checkHash(sha256);
      try {
        const r = await s3.send(new HeadObjectCommand({ Bucket: s.bucket, Key: keyOf(sha256) }));
        return { size: Number(r.ContentLength ?? 0) };
      } catch (e) {
        if (missing(e)) return null;
        throw e;
      }
    },
  };
  return store;
}

/** The store the settings name: S3-compatible storage when a bucket is set, else DATA_DIR/blobs. Used by the server and the CLI. */
export function blobStoreFor(env: {
  DATA_DIR: string;
  S3_BUCKET?: string;
  S3_ENDPOINT?: string;
  S3_REGION: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
  S3_FORCE_PATH_STYLE: boolean;
  S3_PREFIX: string;
}): BlobStore {
  return env.S3_BUCKET
    ? s3BlobStore({
        bucket: env.S3_BUCKET,
        endpoint: env.S3_ENDPOINT,
        region: env.S3_REGION,
        accessKeyId: env.S3_ACCESS_KEY_ID,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY,
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
        prefix: env.S3_PREFIX,
      })
    : fileBlobStore(path.join(env.DATA_DIR, 'blobs'));
}
