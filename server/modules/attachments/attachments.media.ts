// What is read from an image's bytes (issue 12 item 0): its size, a small webp thumbnail for the
// grid, and the EXIF DateTimeOriginal kept as evidence of when the photo was taken.
import exifr from 'exifr';
import sharp from 'sharp';

export const THUMB_SIZE = 320;

export interface ImageFacts {
  width: number | null;
  height: number | null;
  thumbnail: Buffer | null;
  takenAt: Date | null;
}

/** The instant a wall-clock time in `timeZone` names (EXIF times carry no zone unless OffsetTimeOriginal says). */
export function wallClockToInstant(y: number, mo: number, d: number, h: number, mi: number, s: number, timeZone: string): Date {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const offsetAt = (t: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(new Date(t))
        .map((p) => [p.type, p.value]),
    );
    return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second) - t;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

/** EXIF 'YYYY:MM:DD HH:MM:SS' (+ optional '+08:00') as an instant; null when absent or nonsense. */
export function exifInstant(raw: unknown, offset: unknown, timeZone: string): Date | null {
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(raw.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  if (y < 1990 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const o = typeof offset === 'string' ? /^([+-])(\d{2}):(\d{2})$/.exec(offset.trim()) : null;
  if (o) {
    const sign = o[1] === '-' ? -1 : 1;
    return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - sign * (Number(o[2]) * 60 + Number(o[3])) * 60_000);
  }
  return wallClockToInstant(y, mo, d, h, mi, s, timeZone);
}

export async function readImage(bytes: Buffer, timeZone: string): Promise<ImageFacts> {
  let takenAt: Date | null = null;
  try {
    const tags = await exifr.parse(bytes, { pick: ['DateTimeOriginal', 'OffsetTimeOriginal'], reviveValues: false });
    takenAt = exifInstant(tags?.DateTimeOriginal, tags?.OffsetTimeOriginal, timeZone);
  } catch {
    // No EXIF, or a damaged block: the photo simply has no taken-at time.
  }
  try {
    // Decoding at most 100 megapixels: a tiny file that claims a giant image is not expanded.
    const image = sharp(bytes, { limitInputPixels: 100_000_000, failOn: 'error' });
    const meta = await image.metadata();
    const thumbnail = await image.rotate().resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 70 }).toBuffer();
    const turned = (meta.orientation ?? 1) >= 5;
    return { width: (turned ? meta.height : meta.width) ?? null, height: (turned ? meta.width : meta.height) ?? null, thumbnail, takenAt };
  } catch {
    // A format sharp cannot decode here (HEIC without its codec, a damaged file): kept without a thumbnail.
    return { width: null, height: null, thumbnail: null, takenAt };
  }
}
