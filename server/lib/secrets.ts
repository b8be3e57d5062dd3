// Secrets at rest (issue 10 item 5): channel passwords, robot secrets and webhook URLs that carry
// a key are stored as AES-256-GCM ciphertext `v1:<iv>:<tag>:<ct>` (base64url parts) under a key
// that is NOT in the database — SECRETS_KEY, or a key file in DATA_DIR created on first start —
// so a copy of the database (or a backup of it) does not give the secrets away. Audit entries
// carry a fingerprint instead: the first 8 hex of HMAC-SHA256(key, secret), enough to see that a
// secret changed, useless to recover it.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const KEY_FILE = 'secrets.key';
const PREFIX = 'v1:';

/** A stored secret that cannot be opened: the key is not the one it was sealed with, or it is damaged. */
export class SecretError extends Error {}

let current: Buffer | null = null;

/** The key the process seals and opens secrets with; set once at start (and by the test harness). */
export function setSecretsKey(key: Buffer) {
  if (key.length !== 32) throw new Error('the secrets key must be 32 bytes');
  current = key;
}

function key(): Buffer {
  if (!current) throw new SecretError('no secrets key is configured (SECRETS_KEY or DATA_DIR/secrets.key)');
  return current;
}

/** 32 bytes from hex (64 digits) or base64/base64url (43–44 characters); null when it is neither. */
export function parseKey(text: string): Buffer | null {
  const v = text.trim();
  if (/^[0-9a-f]{64}$/i.test(v)) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(v)) {
    const b = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return b.length === 32 ? b : null;
  }
  return null;
}

/**
 * The key: SECRETS_KEY when given; otherwise `DATA_DIR/secrets.key`, created (0600) on the first
 * start. A key file on a PostgreSQL deployment is a warning: every instance must share it, and it
 * must be backed up apart from the database.
 */
export function loadSecretsKey(opts: { fromEnv?: Buffer; dataDir: string; postgres: boolean; warn: (message: string) => void }): Buffer {
  if (opts.fromEnv) return opts.fromEnv;
  const file = path.resolve(opts.dataDir, KEY_FILE);
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new SecretError(`cannot read the secrets key file ${file}: ${(e as Error).message}`);
  }
  if (text === null) {
    const fresh = randomBytes(32);
    try {
      // On PostgreSQL nothing else creates DATA_DIR before this (PGlite's files live there).
      mkdirSync(path.dirname(file), { recursive: true });
      // 'wx': two instances starting at once cannot both write a key; the loser reads the winner's.
      writeFileSync(file, `${fresh.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
      text = fresh.toString('base64');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new SecretError(`cannot create the secrets key file ${file}: ${(e as Error).message}`);
      text = readFileSync(file, 'utf8');
    }
  }
  const k = parseKey(text);
  if (!k) throw new SecretError(`the secrets key file ${file} does not hold a 32-byte key (base64 or hex)`);
  if (opts.postgres) {
    opts.warn(
      `SECRETS_KEY is not set: channel secrets are encrypted with the key file ${file}. ` +
        'Every instance needs the same key and it is not in database backups: set SECRETS_KEY (32 bytes, base64 or hex) instead.',
    );
  }
  return k;
}

export const isSealed = (stored: string | null | undefined): boolean => !!stored?.startsWith(PREFIX);

/** Ciphertext of a secret; null stays null. Already sealed text is returned as it is. */
export function seal(plain: string | null): string | null {
  if (plain === null || isSealed(plain)) return plain;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${ct.toString('base64url')}`;
}

/** The secret. Text stored before encryption existed (not `v1:`) is returned as it is. */
export function open(stored: string | null): string | null {
  if (stored === null || !isSealed(stored)) return stored;
  const [iv, tag, ct] = stored.slice(PREFIX.length).split(':');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch (e) {
    if (e instanceof SecretError) throw e;
    throw new SecretError(
      'a stored secret cannot be decrypted: the secrets key (SECRETS_KEY or DATA_DIR/secrets.key) is not the one it was saved with; enter the secret again',
    );
  }
}

/** First 8 hex of HMAC-SHA256(key, secret): shows in the audit trail that a secret changed. */
export function fingerprint(plain: string | null): string | null {
  return plain === null ? null : createHmac('sha256', key()).update(plain).digest('hex').slice(0, 8);
}

/** How a secret appears in an audit entry: never the text, only whether it is set and its fingerprint. */
export function redacted(plain: string | null): string | null {
  return plain === null ? null : `[redacted ${fingerprint(plain)}]`;
}

/** A URL with its query values hidden (`…/send?key=…`): robot URLs carry their access key there. */
export function maskUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => (pair.includes('=') ? `${pair.slice(0, pair.indexOf('='))}=…` : pair))
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}
