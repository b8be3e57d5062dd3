// One contract, two stores (issue 12 item 0): the DATA_DIR file store and the S3 store, the latter
// against a real S3-compatible server (s3rver) started here on a random port in a temp dir.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BlobStore, fileBlobStore, s3BlobStore } from './attachments.store.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let tmp: string;
let s3rver: S3rver;
let endpoint: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'blobs-'));
  s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(tmp, 's3'), configureBuckets: [{ name: 'medservice' }] });
  const addr = (await s3rver.run()) as AddressInfo;
  endpoint = `http://127.0.0.1:${addr.port}`;
});
afterAll(async () => {
  await s3rver?.close();
  await rm(tmp, { recursive: true, force: true });
});

const stores: [string, () => BlobStore][] = [
  ['file store under DATA_DIR', () => fileBlobStore(path.join(tmp, 'data', 'blobs'))],
  [
    'S3 store (AWS SDK v3 against s3rver)',
    () =>
      s3BlobStore({
        endpoint,
        region: 'us-east-1',
        bucket: 'medservice',
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        forcePathStyle: true,
        prefix: 'test/',
      }),
  ],
];

describe.each(stores)('BlobStore contract: %s', (_name, make) => {
  it('stores bytes under their sha256 and gives them back byte for byte', async () => {
    const store = make();
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(70_000, 7), Buffer.from([0, 255, 13, 10])]);
    const h = sha(bytes);
    expect(await store.head(h)).toBeNull();
    expect(await store.get(h)).toBeNull();
    await store.put(h, bytes, 'application/pdf');
    expect(await store.head(h)).toEqual({ size: bytes.length });
    expect((await store.get(h))?.equals(bytes)).toBe(true);
  });

  it('is idempotent: the same content stored twice (even at once) is one blob', async () => {
    const store = make();
    const bytes = Buffer.from(`same content ${Date.now()}`);
    const h = sha(bytes);
    await Promise.all([store.put(h, bytes, 'text/plain'), store.put(h, bytes, 'text/plain'), store.put(h, bytes, 'text/plain')]);
    await store.put(h, bytes, 'text/plain');
    expect((await store.get(h))?.toString()).toBe(bytes.toString());
  });

  it('refuses anything but a sha256 as a key (no path or key injection)', async () => {
    const store = make();
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/sha256/);
    await expect(store.put('ab'.repeat(31), Buffer.from('x'), 'text/plain')).rejects.toThrow(/sha256/);
  });
});

describe('file store layout', () => {
  it('writes DATA_DIR/blobs/ab/cd/<sha256> and leaves no temp file behind', async () => {
    const root = path.join(tmp, 'layout');
    const store = fileBlobStore(root);
    const bytes = Buffer.from('layout');
    const h = sha(bytes);
    await store.put(h, bytes, 'text/plain');
    expect(await readdir(path.join(root, h.slice(0, 2), h.slice(2, 4)))).toEqual([h]);
  });
});
