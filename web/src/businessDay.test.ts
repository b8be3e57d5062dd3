import { afterEach, describe, expect, it } from 'vitest';
import { businessToday, setBusinessTimeZone } from './businessDay';

describe('a date field offers the company’s date, not the browser’s', () => {
  afterEach(() => setBusinessTimeZone(undefined));

  it('at 16:30 UTC on 7 December it is already 8 December in Shanghai', () => {
    setBusinessTimeZone('Asia/Shanghai');
    expect(businessToday(new Date('2026-12-07T16:30:00Z')).format('YYYY-MM-DD')).toBe('2026-12-08');
    expect(businessToday(new Date('2026-12-07T15:59:59Z')).format('YYYY-MM-DD')).toBe('2026-12-07');
  });

  it('the result is a local midnight, so a date picker shows that day', () => {
    setBusinessTimeZone('Asia/Shanghai');
    const d = businessToday(new Date('2026-12-07T16:30:00Z'));
    expect([d.hour(), d.minute()]).toEqual([0, 0]);
  });

  it('before sign-in, and with a zone name the browser does not know, the browser’s own date is used', () => {
    const now = new Date(2026, 11, 7, 23, 0);
    expect(businessToday(now).format('YYYY-MM-DD')).toBe('2026-12-07');
    setBusinessTimeZone('Mars/Olympus_Mons');
    expect(businessToday(now).format('YYYY-MM-DD')).toBe('2026-12-07');
  });
});
