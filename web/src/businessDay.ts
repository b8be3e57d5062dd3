// "Today" for a date field is the company's date (its business calendar's zone, sent with
// /auth/me), not the date where the browser is: the server checks a receipt or a reply date
// against dates it computes in that zone, so a browser in UTC after 16:00 on 7 December must
// offer 8 December, the date it already is in Shanghai.
import dayjs, { type Dayjs } from 'dayjs';

let zone: string | undefined;

/** Set from the signed-in user's answer; until then the browser's own zone is used. */
export function setBusinessTimeZone(timeZone: string | undefined): void {
  zone = timeZone;
}

/** The company's calendar date, as a dayjs at local midnight for date pickers. */
export function businessToday(now: Date = new Date()): Dayjs {
  if (!zone) return dayjs(now).startOf('day');
  try {
    // en-CA formats as YYYY-MM-DD.
    return dayjs(new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now));
  } catch {
    return dayjs(now).startOf('day'); // an unknown zone name: the browser's date rather than nothing
  }
}
