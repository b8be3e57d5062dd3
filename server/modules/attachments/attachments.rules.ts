// Pure rules of attachments (issue 12 item 0): what a file is, judged from its bytes and never from
// its name or the client's declared type; which kinds are allowed; how a name is made safe to keep
// and to send back; and how a download names its file (RFC 6266 / RFC 5987).
import { fileTypeFromBuffer } from 'file-type';

/** The allow-list: photos and scans (jpeg, png, webp, heic), PDF, and Word/Excel documents. */
export const ALLOWED = {
  'image/jpeg': { ext: 'jpg', image: true },
  'image/png': { ext: 'png', image: true },
  'image/webp': { ext: 'webp', image: true },
  'image/heic': { ext: 'heic', image: true },
  'image/heif': { ext: 'heif', image: true },
  'application/pdf': { ext: 'pdf', image: false },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: 'docx', image: false },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { ext: 'xlsx', image: false },
} as const;
export type AllowedMime = keyof typeof ALLOWED;

export const OWNER_PART = /^[a-z_]{1,40}(:[A-Za-z0-9_.-]{1,80})?$/;

export type Sniffed = { ok: true; mime: AllowedMime; ext: string } | { ok: false; detected: string | null };

/**
 * Issue 12 item 0 ("type sniffed from the content, not trusted from the name"): the kind is what
 * the magic bytes say; an HTML or SVG page renamed .jpg sniffs as nothing and is refused.
 */
export async function sniff(bytes: Uint8Array): Promise<Sniffed> {
  const t = await fileTypeFromBuffer(bytes);
  if (!t) return { ok: false, detected: null };
  const mime = (t.mime === 'image/heif-sequence' ? 'image/heif' : t.mime) as string;
  if (mime in ALLOWED) return { ok: true, mime: mime as AllowedMime, ext: ALLOWED[mime as AllowedMime].ext };
  return { ok: false, detected: t.mime };
}

export const isImage = (mime: string) => mime in ALLOWED && ALLOWED[mime as AllowedMime].image;

/**
 * The original name kept as the record's evidence and offered on download: the base name only (no
 * directory), no control or bidi-override characters, none of the characters Windows forbids,
 * no leading dots, at most 120 characters, and the extension of the sniffed type when the name
 * claims another one (a "report.jpg" that is a PDF becomes "report.jpg.pdf").
 */
export function sanitiseFileName(name: string | undefined | null, ext: string): string {
  let base = String(name ?? '')
    .normalize('NFC')
    .split(/[\\/]/)
    .pop() as string;
  base = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  if (!base) base = 'file';
  const lower = base.toLowerCase();
  const same = lower.endsWith(`.${ext}`) || (ext === 'jpg' && lower.endsWith('.jpeg')) || (ext === 'heic' && lower.endsWith('.heif'));
  if (!same) base = `${base}.${ext}`;
  if (base.length > 120) {
    const tail = base.slice(base.lastIndexOf('.'));
    base = base.slice(0, 120 - tail.length) + tail;
  }
  return base;
}

/**
 * Content-Disposition with an ASCII fallback and the exact UTF-8 name (RFC 6266 + RFC 5987), so a
 * Chinese name (现场照片.jpg) survives and no quote or line break can break the header.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Served inline only for the kinds a browser shows without running anything: raster images and PDF. Never HTML or SVG. */
export const INLINE = new Set<string>(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);

export const ATTACHMENT_STATUSES = ['active', 'superseded', 'withdrawn'] as const;
export type AttachmentStatus = (typeof ATTACHMENT_STATUSES)[number];
