// Default calendar for mainland China: Monday–Friday 08:30–12:00 and 13:30–17:30, public
// holidays and make-up working days (调休) from the official schedule shipped in
// `chinese-days`. Years the State Council has not yet published fall back to weekends only.
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { BusinessCalendar, Interval } from './calendar.ts';

const officeHours: Interval[] = [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];

export const chinaHolidays: ReadonlySet<string> = new Set(Object.keys((data as { holidays: Record<string, string> }).holidays));
export const chinaMakeUpWorkdays: ReadonlySet<string> = new Set(Object.keys((data as { workdays: Record<string, string> }).workdays));
/** Last year with an official schedule in the shipped data. */
export const chinaScheduleKnownUntil = Math.max(...[...chinaHolidays].map((d) => Number(d.slice(0, 4))));

export function defaultChinaCalendar(timeZone = 'Asia/Shanghai'): BusinessCalendar {
  return {
    timeZone,
    weeklyHours: { 1: officeHours, 2: officeHours, 3: officeHours, 4: officeHours, 5: officeHours, 6: [], 7: [] },
    holidays: chinaHolidays,
    makeUpWorkdays: chinaMakeUpWorkdays,
    makeUpHours: officeHours,
  };
}
