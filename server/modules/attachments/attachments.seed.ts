// Demo attachments (issue 12 item 0), so the panels are not empty after a first `npm start`: the
// nameplate photo of one unit (with its EXIF time), an on-site photo on a work order of the demo
// week, and a one-page PDF on its model. Deterministic: drawn from fixed inputs.
import { createHash } from 'node:crypto';
import { asc, eq, isNotNull } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import type { Db } from '../../db/client.ts';
import { attachments, devices, users, workOrders } from '../../db/schema.ts';
import type { Actor } from '../../lib/audit.ts';
import { insertAudited } from '../../lib/records.ts';
import { readImage } from './attachments.media.ts';
import type { BlobStore } from './attachments.store.ts';

const seedActor: Actor = { id: null, name: 'seed' };

const photo = (colour: string, taken: string) =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: colour } })
    .jpeg({ quality: 80 })
    .withExif({ IFD0: { Make: 'MedService demo', Model: 'Phone' }, IFD2: { DateTimeOriginal: taken } })
    .toBuffer();

function pdf(title: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: title, CreationDate: new Date('2026-01-05T00:00:00Z') } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text(title).moveDown().fontSize(11).text('MedService demo document.');
    doc.end();
  });
}

export async function seedDemoAttachments(db: Db, store: BlobStore, timeZone: string): Promise<number> {
  if ((await db.select({ id: attachments.id }).from(attachments).limit(1)).length) return 0;
  const [device] = await db
    .select({ id: devices.id, modelId: devices.modelId, serial: devices.serialNumber })
    .from(devices)
    .orderBy(asc(devices.serialNumber))
    .limit(1);
  if (!device) return 0;
  const [engineer] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'engineer'));
  const [wo] = await db.select({ id: workOrders.id }).from(workOrders).where(isNotNull(workOrders.arrivedAt)).orderBy(asc(workOrders.number)).limit(1);
  const items: { kind: string; id: string; part: string | null; bytes: Buffer; mime: string; name: string; caption: string }[] = [
    {
      kind: 'device',
      id: device.id,
      part: null,
      bytes: await photo('#6b8fb3', '2026:11:20 10:15:00'),
      mime: 'image/jpeg',
      name: `${device.serial}-铭牌.jpg`,
      caption: '设备铭牌',
    },
    {
      kind: 'model',
      id: device.modelId,
      part: null,
      bytes: await pdf('Operator manual (demo)'),
      mime: 'application/pdf',
      name: '操作手册.pdf',
      caption: '操作手册（演示）',
    },
  ];
  if (wo)
    items.push({
      kind: 'work_order',
      id: wo.id,
      part: 'step:on_site',
      bytes: await photo('#8aa66b', '2026:12:02 14:40:00'),
      mime: 'image/jpeg',
      name: '现场照片.jpg',
      caption: '维修现场',
    });
  let n = 0;
  for (const it of items) {
    await storeDemoFile(db, store, timeZone, {
      ownerKind: it.kind,
      ownerId: it.id,
      ownerPart: it.part,
      bytes: it.bytes,
      mime: it.mime,
      fileName: it.name,
      caption: it.caption,
      uploadedBy: it.kind === 'model' ? null : (engineer?.id ?? null),
    });
    n++;
  }
  return n;
}

/** EXIF DateTimeOriginal ("YYYY:MM:DD HH:MM:SS", local time in `timeZone`) of an instant. */
function exifTime(at: Date, timeZone: string): string {
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(at);
  return local.replace(/-/g, ':');
}

/**
 * A demo photo taken at `takenAt` (EXIF in the company zone), stored and attached as the product
 * would store an upload: the blob, its thumbnail, an audited attachment row. Used by the demo
 * maintenance visits, whose evidence rules count photos taken on site (R-PM-2).
 */
export async function storeDemoPhoto(
  db: Db,
  store: BlobStore,
  timeZone: string,
  p: {
    ownerKind: string;
    ownerId: string;
    ownerPart: string | null;
    colour: string;
    takenAt: Date;
    fileName: string;
    caption: string;
    uploadedBy: string | null;
  },
) {
  const bytes = await photo(p.colour, exifTime(p.takenAt, timeZone));
  await storeDemoFile(db, store, timeZone, { ...p, bytes, mime: 'image/jpeg' });
}

async function storeDemoFile(
  db: Db,
  store: BlobStore,
  timeZone: string,
  it: {
    ownerKind: string;
    ownerId: string;
    ownerPart: string | null;
    bytes: Buffer;
    mime: string;
    fileName: string;
    caption: string;
    uploadedBy: string | null;
  },
) {
  const sha256 = createHash('sha256').update(it.bytes).digest('hex');
  await store.put(sha256, it.bytes, it.mime);
  const facts = it.mime.startsWith('image/') ? await readImage(it.bytes, timeZone) : null;
  let thumbSha256: string | null = null;
  if (facts?.thumbnail) {
    thumbSha256 = createHash('sha256').update(facts.thumbnail).digest('hex');
    await store.put(thumbSha256, facts.thumbnail, 'image/webp');
  }
  await db.transaction((tx) =>
    insertAudited(tx, seedActor, 'attachment', attachments, {
      ownerKind: it.ownerKind,
      ownerId: it.ownerId,
      ownerPart: it.ownerPart,
      sha256,
      mime: it.mime,
      size: it.bytes.length,
      fileName: it.fileName,
      caption: it.caption,
      thumbSha256,
      width: facts?.width ?? null,
      height: facts?.height ?? null,
      takenAt: facts?.takenAt ?? null,
      uploadedBy: it.uploadedBy,
    }),
  );
}
