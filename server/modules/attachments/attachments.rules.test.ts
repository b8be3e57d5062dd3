// Pure rules of attachments (issue 12 item 0): the type comes from the bytes, the allow-list, safe
// names, RFC 5987 download names and the EXIF time read as evidence.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { exifInstant, wallClockToInstant } from './attachments.media.ts';
import { contentDisposition, INLINE, sanitiseFileName, sniff } from './attachments.rules.ts';

const png = () =>
  sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
const webp = () =>
  sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
    .webp()
    .toBuffer();
const jpeg = () =>
  sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
    .jpeg()
    .toBuffer();

describe('sniffing: the type is what the bytes are (issue 12 item 0)', () => {
  it('accepts JPEG, PNG, WebP and PDF by their magic bytes', async () => {
    expect(await sniff(await jpeg())).toEqual({ ok: true, mime: 'image/jpeg', ext: 'jpg' });
    expect(await sniff(await png())).toEqual({ ok: true, mime: 'image/png', ext: 'png' });
    expect(await sniff(await webp())).toEqual({ ok: true, mime: 'image/webp', ext: 'webp' });
    expect(await sniff(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toEqual({ ok: true, mime: 'application/pdf', ext: 'pdf' });
  });

  it('refuses HTML, SVG, scripts and plain text whatever they are called', async () => {
    for (const text of [
      '<!doctype html><script>alert(1)</script>',
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      '#!/bin/sh\nrm -rf /',
      'hello',
    ]) {
      expect(await sniff(Buffer.from(text))).toEqual({ ok: false, detected: null });
    }
  });

  it('refuses known kinds outside the allow-list (GIF, ZIP, executables) naming what they are', async () => {
    expect(await sniff(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'))).toEqual({ ok: false, detected: 'image/gif' });
    expect(await sniff(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]))).toMatchObject({ ok: false });
  });
});

describe('file names kept as evidence are safe to store and to send back', () => {
  it.each([
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['C:\\Users\\王工\\现场照片.JPG', 'jpg', '现场照片.JPG'],
    ['photo.jpeg', 'jpg', 'photo.jpeg'],
    ['report.jpg', 'pdf', 'report.jpg.pdf'],
    ['a<b>:"c"|?*.png', 'png', 'a_b___c____.png'],
    ['\u202egnp.exe', 'png', 'gnp.exe.png'],
    ['...hidden', 'pdf', 'hidden.pdf'],
    ['', 'webp', 'file.webp'],
    [null, 'pdf', 'file.pdf'],
    ['line\r\nbreak.pdf', 'pdf', 'linebreak.pdf'],
  ])('%j as %s → %j', (name, ext, out) => {
    expect(sanitiseFileName(name, ext)).toBe(out);
  });

  it('cuts a long name to 120 characters keeping the extension', () => {
    const n = sanitiseFileName(`${'长'.repeat(300)}.pdf`, 'pdf');
    expect(n.length).toBe(120);
    expect(n.endsWith('.pdf')).toBe(true);
  });

  it('Content-Disposition: ASCII fallback plus the exact UTF-8 name (RFC 5987), never a raw quote', () => {
    expect(contentDisposition('attachment', '验收报告 (1).pdf')).toBe(
      `attachment; filename="____ (1).pdf"; filename*=UTF-8''%E9%AA%8C%E6%94%B6%E6%8A%A5%E5%91%8A%20%281%29.pdf`,
    );
    expect(contentDisposition('inline', 'a"b\\c.jpg')).toBe(`inline; filename="a_b_c.jpg"; filename*=UTF-8''a%22b%5Cc.jpg`);
  });

  it('only raster images and PDF are ever served inline — never HTML or SVG', () => {
    expect([...INLINE].sort()).toEqual(['application/pdf', 'image/jpeg', 'image/png', 'image/webp']);
  });
});

describe('EXIF DateTimeOriginal as evidence', () => {
  it('a time without zone is the company wall clock; with OffsetTimeOriginal it is exact', () => {
    expect(exifInstant('2026:12:01 09:30:00', undefined, 'Asia/Shanghai')?.toISOString()).toBe('2026-12-01T01:30:00.000Z');
    expect(exifInstant('2026:12:01 09:30:00', '+02:00', 'Asia/Shanghai')?.toISOString()).toBe('2026-12-01T07:30:00.000Z');
    expect(wallClockToInstant(2026, 7, 1, 12, 0, 0, 'Europe/Berlin').toISOString()).toBe('2026-07-01T10:00:00.000Z');
  });

  it('nonsense or a camera never set (0000:00:00) gives no time rather than a wrong one', () => {
    for (const raw of ['0000:00:00 00:00:00', '2026:13:01 00:00:00', 'yesterday', 42, undefined])
      expect(exifInstant(raw, undefined, 'Asia/Shanghai')).toBeNull();
  });
});
