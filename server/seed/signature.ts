// A drawn signature for the demo and the tests (the pad's PNG), the same on every run.
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A signature as the pad draws it: a 320×100 grayscale PNG with a pen stroke whose shape
 * comes from the signer's name, so each signer has their own, the same on every run.
 */
export function drawnSignature(name: string): string {
  const w = 320;
  const h = 100;
  const px = Buffer.alloc((w + 1) * h, 255);
  for (let y = 0; y < h; y++) px[y * (w + 1)] = 0; // filter byte per row
  const seeds = [...name].map((ch) => ch.codePointAt(0) ?? 1);
  const dot = (x: number, y: number) => {
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const xx = Math.round(x) + dx;
        const yy = Math.round(y) + dy;
        if (xx >= 0 && xx < w && yy >= 0 && yy < h) px[yy * (w + 1) + 1 + xx] = 20;
      }
  };
  for (let i = 0; i < 1200; i++) {
    const t = i / 1200;
    const x = 20 + t * 280;
    let y = 50;
    seeds.forEach((s, k) => {
      y += ((s % 17) + 6) * Math.sin(t * Math.PI * (2 + (s % 5) + k) + k) * (k === 0 ? 1 : 0.5);
    });
    dot(x, Math.max(4, Math.min(h - 5, y)));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(px)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}
