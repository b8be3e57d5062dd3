// Device label rules (扫码报修, issue 16 §2): the signed token, the sheet layouts, what an
// anonymous visitor sees, who counts as the device's hospital, and the refusals.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  callbackPhoneRefusal,
  labelPages,
  labelSelectionRefusal,
  labelSlot,
  scanReportHandledRefusal,
  scanViewer,
  serialTail,
  sheetLayout,
} from './labels.rules.ts';
import { labelKey, labelKeyOfToken, newLabelKey, tokenOf } from './labels.token.ts';

describe('the label token: random key + HMAC, never the database id (issue 16 §2)', () => {
  const secret = labelKey(mkdtempSync(path.join(tmpdir(), 'labels-')));
  const key = newLabelKey();
  const token = tokenOf(secret, key);

  it('round-trips and is 38 URL-safe characters', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{38}$/);
    expect(labelKeyOfToken(secret, token)).toBe(key);
  });

  it.each([
    ['one character changed', () => token.slice(0, 5) + (token[5] === 'A' ? 'B' : 'A') + token.slice(6)],
    ['another server’s key', () => tokenOf(labelKey(mkdtempSync(path.join(tmpdir(), 'labels-')))!, key)],
    ['a uuid', () => '2f1c7a52-1c1e-4c1e-9a51-0c8d7b0d8a11'],
    ['too short', () => token.slice(0, 37)],
    ['empty', () => ''],
  ])('a forged token is refused: %s', (_why, make) => {
    expect(labelKeyOfToken(secret, make())).toBeNull();
  });

  it('keys are 128 random bits, different each time', () => {
    expect(newLabelKey()).toMatch(/^[0-9a-f]{32}$/);
    expect(newLabelKey()).not.toBe(newLabelKey());
  });

  it('the key file is kept: the same directory gives the same key', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'labels-'));
    expect(labelKey(dir).equals(labelKey(dir))).toBe(true);
  });
});

describe('label sheets on common stock', () => {
  it.each([
    ['a4_3x8', 24, 1],
    ['a4_3x8', 25, 2],
    ['a4_4x10', 40, 1],
    ['a4_4x10', 41, 2],
    ['single_50x30', 3, 3],
    ['single_50x30', 0, 1],
  ] as const)('%s: %i labels take %i pages', (size, n, pages) => {
    expect(labelPages(n, size)).toBe(pages);
  });

  it.each(['a4_3x8', 'a4_4x10', 'single_50x30'] as const)('%s: every slot lies on the page', (size) => {
    const l = sheetLayout(size);
    for (let i = 0; i < l.cols * l.rows; i++) {
      const s = labelSlot(i, size);
      expect(s.page).toBe(0);
      expect(s.x + l.labelW).toBeLessThanOrEqual(l.pageW + 1e-9);
      expect(s.y + l.labelH).toBeLessThanOrEqual(l.pageH + 1e-9);
    }
    expect(labelSlot(l.cols * l.rows, size)).toEqual({ page: 1, x: l.marginX, y: l.marginY });
  });
});

describe('what a scan shows, and to whom', () => {
  it.each([
    ['AB1234567', '…4567'],
    ['X12', 'X12'],
  ])('an anonymous visitor sees the serial %s as %s', (serial, shown) => {
    expect(serialTail(serial)).toBe(shown);
  });

  const hospital = 'c1';
  it.each([
    ['nobody logged in', null, 'anonymous'],
    ['staff', { roles: ['engineer'], customerId: null }, 'staff'],
    ['the device’s hospital', { roles: ['customer_user'], customerId: 'c1' }, 'customer'],
    ['another hospital: treated as anonymous', { roles: ['customer_user'], customerId: 'c2' }, 'anonymous'],
  ] as const)('%s', (_who, user, viewer) => {
    expect(scanViewer(user, hospital)).toBe(viewer);
  });
});

describe('refusals', () => {
  it('a held report is handled once', () => {
    expect(scanReportHandledRefusal('held')).toBeNull();
    expect(scanReportHandledRefusal('converted')).toBe('scan_report_handled');
    expect(scanReportHandledRefusal('dismissed')).toBe('scan_report_handled');
  });
  it('a sheet names ids or a filter, exactly one', () => {
    expect(labelSelectionRefusal(true, false)).toBeNull();
    expect(labelSelectionRefusal(false, true)).toBeNull();
    expect(labelSelectionRefusal(true, true)).toBe('label_selection_required');
    expect(labelSelectionRefusal(false, false)).toBe('label_selection_required');
  });
  it.each([
    ['13801010001', null],
    ['010-6512 3456', null],
    ['+86 138 0101 0001', null],
    ['12345', 'scan_phone_invalid'],
    ['call me', 'scan_phone_invalid'],
  ])('call-back phone %s', (phone, refusal) => {
    expect(callbackPhoneRefusal(phone)).toBe(refusal);
  });
});
