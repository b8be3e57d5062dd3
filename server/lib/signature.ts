// A drawn signature (R-WO-4; the work order's customer signature and the three acceptance
// signatures of an installation, R-IN-1) arrives as a PNG data URL; anything else is not one.

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Widest/tallest signature image: a pad on a dense phone screen stays far below it; a small
 * file declaring a huge image (a decompression bomb for the PDF renderer) does not. */
export const PNG_MAX_SIDE = 4096;

export function isPngDataUrl(dataUrl: string): boolean {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/]+=*)$/.exec(dataUrl);
  if (!m) return false;
  const bytes = Buffer.from(m[1], 'base64');
  if (bytes.length < 67 || !PNG_MAGIC.every((b, i) => bytes[i] === b)) return false;
  // The first chunk is always IHDR: width and height, read before anything decodes the image.
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return false;
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  return width >= 1 && height >= 1 && width <= PNG_MAX_SIDE && height <= PNG_MAX_SIDE;
}
