// The token a device label's QR code carries (issue 16 §2): the label's random 128-bit key and the
// first 96 bits of HMAC-SHA256(label key file, key), base64url — 38 characters. Not the database id
// and not guessable; a forged or altered token is refused before the database is asked. The key
// file is DATA_DIR/keys/label-hmac (32 random bytes, created 0600 on first use, like the audit
// ledger's key): instances sharing one database must share it, and a lost file voids the printed
// labels (revoke and reprint).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MAC_BYTES = 12;
const cache = new Map<string, Buffer>();

/** The HMAC key under `dataDir`, created on first use (a concurrent creator's file wins). */
export function labelKey(dataDir: string): Buffer {
  const file = path.resolve(dataDir, 'keys', 'label-hmac');
  const hit = cache.get(file);
  if (hit) return hit;
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length < 32) throw new Error(`${file}: expected 32 bytes as hex`);
  cache.set(file, key);
  return key;
}

/** A fresh label key: 128 random bits as 32 hex digits. */
export const newLabelKey = () => randomBytes(16).toString('hex');

const macOf = (secret: Buffer, key: Buffer) => createHmac('sha256', secret).update('device-label:').update(key).digest().subarray(0, MAC_BYTES);

export function tokenOf(secret: Buffer, labelKeyHex: string): string {
  const key = Buffer.from(labelKeyHex, 'hex');
  return Buffer.concat([key, macOf(secret, key)]).toString('base64url');
}

/** The label key a token names, or null when it is malformed or its HMAC does not match. */
export function labelKeyOfToken(secret: Buffer, token: string): string | null {
  if (!/^[A-Za-z0-9_-]{38}$/.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length !== 16 + MAC_BYTES) return null;
  const key = raw.subarray(0, 16);
  return timingSafeEqual(raw.subarray(16), macOf(secret, key)) ? key.toString('hex') : null;
}
