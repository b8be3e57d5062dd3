// Default calendar for mainland China: Monday–Friday 08:30–12:00 and 13:30–17:30, public
// holidays and make-up working days (调休) from the official schedule shipped in
// `chinese-days`. For the two years after the last published schedule the statutory holiday
// days themselves are used (provisional: the State Council's yearly notice adds bridges and
// 调休, which an admin enters in the calendar when it is published).
import chineseDays from 'chinese-days';
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { BusinessCalendar, Interval } from './calendar.ts';

const officeHours: Interval[] = [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];

const officialHolidays = Object.keys((data as { holidays: Record<string, string> }).holidays);
export const chinaMakeUpWorkdays: ReadonlySet<string> = new Set(Object.keys((data as { workdays: Record<string, string> }).workdays));
/** Last year with an official schedule in the shipped data. */
export const chinaScheduleKnownUntil = Math.max(...officialHolidays.map((d) => Number(d.slice(0, 4))));

function shiftDay(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The statutory holiday days of a year (《全国年节及纪念日放假办法》 as amended in 2024):
 * New Year 1 day, Spring Festival 4 days (除夕 to 初三), Qingming 1, Labour Day 2, Dragon Boat 1,
 * Mid-Autumn 1, National Day 3. Lunar and solar-term dates come from `chinese-days`.
 */
export function statutoryChinaHolidays(year: number): string[] {
  const lunar = (monthDay: string) => chineseDays.getSolarDateFromLunar(`${year}-${monthDay}`).date;
  const springFestival = lunar('01-01');
  const qingming = chineseDays.getSolarTerms(`${year}-04-01`, `${year}-04-30`).find((t) => t.term === 'pure_brightness')?.date;
  return [
    `${year}-01-01`,
    shiftDay(springFestival, -1),
    springFestival,
    shiftDay(springFestival, 1),
    shiftDay(springFestival, 2),
    ...(qingming ? [qingming] : []),
    `${year}-05-01`,
    `${year}-05-02`,
    lunar('05-05'),
    lunar('08-15'),
    `${year}-10-01`,
    `${year}-10-02`,
    `${year}-10-03`,
  ];
}

/** Years whose holidays are the provisional statutory days, not a published schedule. */
export const chinaProvisionalYears = [chinaScheduleKnownUntil + 1, chinaScheduleKnownUntil + 2];

export const chinaHolidays: ReadonlySet<string> = new Set([...officialHolidays, ...chinaProvisionalYears.flatMap(statutoryChinaHolidays)]);

export function defaultChinaCalendar(timeZone = 'Asia/Shanghai'): BusinessCalendar {
  return {
    timeZone,
    weeklyHours: { 1: officeHours, 2: officeHours, 3: officeHours, 4: officeHours, 5: officeHours, 6: [], 7: [] },
    holidays: chinaHolidays,
    makeUpWorkdays: chinaMakeUpWorkdays,
    makeUpHours: officeHours,
  };
}
