// R-CL-1 tables: the call-back deadline across hotline hours (seed 002: 9:00–22:00), a holiday and a
// 24 h hotline (seed 003: 24小时电话服务); the duty date of the on-call roster; the consultation state
// machine (seed 004 §5.1, R-ESC-1); the PBX CSV reader.
import { describe, expect, it } from 'vitest';
import {
  type CONSULTATION_STATUSES,
  type ConsultationAction,
  callbackDeadline,
  dutyDateAt,
  type HotlineHours,
  hotlineCalendar,
  nextConsultationStatus,
  readPbxCsv,
} from './calls.rules.ts';

const TZ = 'Asia/Shanghai';
const DAILY: HotlineHours['weeklyHours'] = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), [['09:00', '22:00']]]));
const nineToTen: HotlineHours = { alwaysOpen: false, weeklyHours: DAILY, closedOnHolidays: false, callbackMinutes: 30 };
const local = (s: string) => new Date(`${s}+08:00`);
const fmt = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, dateStyle: 'short', timeStyle: 'short' }).format(d);

describe('R-CL-1 call-back deadline (seed 002 hotline 9:00–22:00; seed 003 24 h)', () => {
  const holiday = new Set(['2026-12-08']);
  it.each([
    ['missed at 10:00 → within 30 hotline minutes', nineToTen, '2026-12-07T10:00:00', '2026-12-07 10:30'],
    ['missed at 21:50 → 10 minutes tonight, 20 tomorrow from 9:00', nineToTen, '2026-12-07T21:50:00', '2026-12-08 09:20'],
    ['missed at 03:00 at night → 30 minutes after opening', nineToTen, '2026-12-07T03:00:00', '2026-12-07 09:30'],
    ['a holiday does not close the hotline by default', nineToTen, '2026-12-08T10:00:00', '2026-12-08 10:30'],
    ['closed on holidays → the next staffed day', { ...nineToTen, closedOnHolidays: true }, '2026-12-07T21:50:00', '2026-12-09 09:20'],
    ['24 h hotline → plain minutes, night or holiday', { ...nineToTen, alwaysOpen: true, closedOnHolidays: true }, '2026-12-08T03:00:00', '2026-12-08 03:30'],
    ['a hotline with no staffed hours → plain minutes', { ...nineToTen, weeklyHours: {} }, '2026-12-07T03:00:00', '2026-12-07 03:30'],
    ['a longer call-back time spans the night', { ...nineToTen, callbackMinutes: 120 }, '2026-12-07T21:00:00', '2026-12-08 10:00'],
  ])('%s', (_story, h, at, due) => {
    const cal = hotlineCalendar(h as HotlineHours, TZ, holiday);
    expect(fmt(callbackDeadline(cal, local(at), (h as HotlineHours).callbackMinutes))).toBe(due);
  });
});

describe('R-CL-1 on-call roster: whose duty covers an instant', () => {
  const cal = hotlineCalendar({ ...nineToTen, closedOnHolidays: true }, TZ, new Set(['2026-12-08']));
  it.each([
    ['after closing: that date’s engineer', '2026-12-07T23:00:00', '2026-12-07'],
    ['before opening: still the previous date’s engineer', '2026-12-07T02:00:00', '2026-12-06'],
    ['during opening hours: the day’s date (the hotline answers)', '2026-12-07T12:00:00', '2026-12-07'],
    ['a closed holiday: that date’s engineer all day', '2026-12-08T02:00:00', '2026-12-08'],
  ])('%s', (_s, at, date) => expect(dutyDateAt(cal, local(at))).toBe(date));
});

describe('consultation state machine (seed 004 §5.1, R-ESC-1)', () => {
  const table: [string, ConsultationAction, string | null][] = [
    ['open', 'answer', 'answered'],
    ['open', 'escalate', 'escalated'],
    ['open', 'research', null],
    ['open', 'close', null],
    ['escalated', 'research', 'researched'],
    ['escalated', 'answer', 'answered'],
    ['escalated', 'close', null],
    ['researched', 'answer', 'answered'],
    ['researched', 'escalate', null],
    ['answered', 'close', 'closed'],
    ['answered', 'escalate', 'escalated'],
    ['answered', 'answer', null],
    ['closed', 'answer', null],
    ['closed', 'escalate', null],
  ];
  it.each(table)('%s + %s → %s', (from, action, to) => {
    expect(nextConsultationStatus(from as (typeof CONSULTATION_STATUSES)[number], action)).toBe(to);
  });
});

describe('PBX CSV export (documented columns)', () => {
  it('reads English or Chinese headers, company-time stamps, skips answered rows, names bad lines', () => {
    const csv =
      '\uFEFF呼叫ID,来电时间,主叫号码,姓名,状态\r\nA1,2026-12-07 21:50,0531-8888 1234,王红,未接\r\nA2,2026-12-07 10:00,13800000000,,已接\r\nA3,2026-13-01 10:00,x,,未接\r\nA1,2026-12-07 11:00,13900000000,"李,四",未接\r\n';
    const r = readPbxCsv(csv, TZ);
    expect(r.skipped).toBe(1);
    expect(r.rows[0]).toMatchObject({ line: 2, callId: 'A1', phone: '053188881234', name: '王红' });
    expect(fmt(r.rows[0].receivedAt)).toBe('2026-12-07 21:50');
    expect(r.issues).toEqual([
      { line: 4, field: 'time', code: 'invalid' },
      { line: 4, field: 'caller', code: 'invalid' },
      { line: 5, field: 'call_id', code: 'duplicate' },
    ]);
  });
  it('a file without the time or caller column is refused at the header', () => {
    expect(readPbxCsv('a,b\n1,2\n', TZ).issues).toEqual([
      { line: 1, field: 'time', code: 'required' },
      { line: 1, field: 'caller', code: 'required' },
    ]);
  });
});
