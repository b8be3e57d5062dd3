import { IANAZone } from 'luxon';
import { z } from 'zod';
import { chinaScheduleKnownUntil } from '../../lib/calendar.cn.ts';
import type { Interval } from '../../lib/calendar.ts';
import { isoDate, schemaId, text, version } from '../../lib/dto.ts';
import { INSTALLATION_WORKING_DAYS } from './sla.rules.ts';
import type { businessCalendars, slaPolicies } from './sla.tables.ts';

// ---- business calendars (R-SLA-1) ---------------------------------------------------------

/** HH:mm wall-clock time; 24:00 closes a day that works until midnight. */
const hm = z.string().refine((v) => /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/.test(v), {
  message: 'expected HH:mm',
  params: { code: 'invalid_format', format: 'HH:mm' },
});

export const intervalSchema = z
  .strictObject({ start: hm, end: hm })
  .refine((i) => i.start < i.end, { path: ['end'], message: 'must be after start', params: { code: 'time_order' } });

const dayHours = z
  .array(intervalSchema)
  .max(6)
  .superRefine((list, ctx) => {
    const sorted = list.map((i, idx) => ({ ...i, idx })).sort((a, b) => (a.start < b.start ? -1 : 1));
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k].start < sorted[k - 1].end) {
        ctx.addIssue({ code: 'custom', path: [sorted[k].idx, 'start'], message: 'overlaps another interval', params: { code: 'time_overlap' } });
      }
    }
  });

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export const weeklyHoursSchema = z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, dayHours])) as Record<(typeof WEEKDAYS)[number], typeof dayHours>);

export const timeZoneSchema = text(64).refine((tz) => IANAZone.isValidZone(tz), { message: 'unknown time zone', params: { code: 'invalid_time_zone' } });

export const putCalendarBody = z
  .strictObject({
    version,
    name: text(100),
    timeZone: timeZoneSchema,
    /** ISO weekday 1 = Monday … 7 = Sunday → working intervals. */
    weeklyHours: weeklyHoursSchema,
    /** Add the State Council holiday and 调休 schedule (shipped data) to the lists below. */
    useOfficialChina: z.boolean(),
    /** Company days off on top of the official schedule. */
    holidays: z.array(isoDate()).max(400),
    /** Extra working days (调休), worked with `makeUpHours`. */
    makeUpWorkdays: z.array(isoDate()).max(200),
    makeUpHours: dayHours,
  })
  .superRefine((b, ctx) => {
    const holidays = new Set(b.holidays);
    b.makeUpWorkdays.forEach((d, i) => {
      if (holidays.has(d)) {
        ctx.addIssue({ code: 'custom', path: ['makeUpWorkdays', i], message: 'also listed as a holiday', params: { code: 'holiday_and_makeup', date: d } });
      }
    });
    if (WEEKDAYS.every((d) => (b.weeklyHours[d] ?? []).length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['weeklyHours'], message: 'no working time in the week', params: { code: 'no_working_time' } });
    }
    // Make-up days (the company's, or the official 调休 days) are worked with these hours.
    if ((b.makeUpWorkdays.length > 0 || b.useOfficialChina) && b.makeUpHours.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['makeUpHours'], message: 'make-up days need hours', params: { code: 'required' } });
    }
  });

const intervalDto = z.object({ start: z.string(), end: z.string() });
export const calendarDto = z
  .object({
    id: z.string(),
    version: z.number().int(),
    name: z.string(),
    timeZone: z.string(),
    weeklyHours: z.record(z.string(), z.array(intervalDto)),
    useOfficialChina: z.boolean(),
    holidays: z.array(z.string()),
    makeUpWorkdays: z.array(z.string()),
    makeUpHours: z.array(intervalDto),
    isDefault: z.boolean(),
    /** Last year of the shipped official schedule; later years count weekends only. */
    officialScheduleKnownUntil: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta(schemaId('SlaCalendar'));
export const calendarListDto = z.object({ items: z.array(calendarDto) }).meta(schemaId('SlaCalendarList'));

// ---- SLA policies (R-SLA-2, R-SLA-4) -------------------------------------------------------

const basisSchema = z.enum(['working', 'calendar']);
export const targetSchema = z.strictObject({
  minutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 366),
  basis: basisSchema,
});
const perUrgency = z.strictObject({ emergency: targetSchema, urgent: targetSchema, normal: targetSchema, low: targetSchema });
const perRegion = z.strictObject({ urban: targetSchema, suburban: targetSchema, remote: targetSchema });
const arriveSchema = z.strictObject({ emergency: perRegion, urgent: perRegion, normal: perRegion, low: perRegion });

const policyTargets = {
  /** Engineer contacts the customer; by urgency. */
  respond: perUrgency,
  /** On site; by urgency × region class of the device's site. */
  arrive: arriveSchema,
  /** Unit restored; by urgency. */
  restore: perUrgency,
  /** R-SLA-4: warning at this share of each window. */
  warningPercent: z.number().int().min(1).max(99),
  /** R-SLA-3, calendar minutes: not restored this long after arrival ⇒ loaner task … */
  loanerAfterArrivalMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 60),
  /** … and the loaner is due this long after the request. */
  loanerWithinMinutesOfRequest: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 60),
  /**
   * Issue 12, seed 003 (在接到安装通知1-3个工作日内…安装、调试运行): installation and commissioning
   * within this many working days of the notice; 1–10.
   */
  installationWorkingDays: z.number().int().min(1).max(10),
};

export const createPolicyBody = z.strictObject({
  name: text(100),
  /** The latest version number the editor read (0 for a new policy name): a stale one gets 409. */
  basedOnVersion: z.number().int().min(0),
  /** Defaults to the calendar of the previous version (or the default calendar). */
  calendarId: z.uuid().optional(),
  /** When it takes over; now or later, never in the past. Defaults to now. */
  effectiveFrom: z.iso.datetime({ offset: true }).optional(),
  ...policyTargets,
  loanerAfterArrivalMinutes: policyTargets.loanerAfterArrivalMinutes.default(12 * 60),
  loanerWithinMinutesOfRequest: policyTargets.loanerWithinMinutesOfRequest.default(24 * 60),
  /** Left out: the previous version's (an editor that does not show it does not reset it), else INSTALLATION_WORKING_DAYS. */
  installationWorkingDays: policyTargets.installationWorkingDays.optional(),
});

const targetDto = z.object({ minutes: z.number(), basis: basisSchema });
const perUrgencyDto = z.object({ emergency: targetDto, urgent: targetDto, normal: targetDto, low: targetDto });
const perRegionDto = z.object({ urban: targetDto, suburban: targetDto, remote: targetDto });
export const policyDto = z
  .object({
    id: z.string(),
    name: z.string(),
    versionNo: z.number().int(),
    effectiveFrom: z.string(),
    /** The version of this name that applies to a request received now. */
    inForce: z.boolean(),
    isDefault: z.boolean(),
    calendarId: z.string(),
    calendarName: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    respond: perUrgencyDto,
    arrive: z.object({ emergency: perRegionDto, urgent: perRegionDto, normal: perRegionDto, low: perRegionDto }),
    restore: perUrgencyDto,
    warningPercent: z.number(),
    loanerAfterArrivalMinutes: z.number(),
    loanerWithinMinutesOfRequest: z.number(),
    installationWorkingDays: z.number(),
  })
  .meta(schemaId('SlaPolicy'));
export const policyListQuery = z.strictObject({ name: z.string().trim().max(100).optional() });
export const policyListDto = z.object({ items: z.array(policyDto) }).meta(schemaId('SlaPolicyList'));

// ---- views: stored rows as the API shows them ---------------------------------------------

const toIntervals = (list: Interval[] | undefined) => (list ?? []).map(([start, end]) => ({ start, end }));

export function calendarView(c: typeof businessCalendars.$inferSelect): z.infer<typeof calendarDto> {
  const weekly = c.weeklyHours as Record<string, Interval[]>;
  return {
    id: c.id,
    version: c.version,
    name: c.name,
    timeZone: c.timeZone,
    weeklyHours: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, toIntervals(weekly[d])])),
    useOfficialChina: c.useOfficialChina,
    holidays: c.holidays,
    makeUpWorkdays: c.makeUpWorkdays,
    makeUpHours: toIntervals(c.makeUpHours),
    isDefault: c.isDefault,
    officialScheduleKnownUntil: chinaScheduleKnownUntil,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function policyView({
  p,
  calendarName,
  inForce,
}: {
  p: typeof slaPolicies.$inferSelect;
  calendarName: string;
  inForce: boolean;
}): z.infer<typeof policyDto> {
  const r = p.rules;
  return {
    id: p.id,
    name: p.name,
    versionNo: p.versionNo,
    effectiveFrom: p.effectiveFrom.toISOString(),
    inForce,
    isDefault: p.isDefault,
    calendarId: p.calendarId,
    calendarName,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
    respond: r.respond,
    arrive: r.arrive,
    restore: r.restore,
    warningPercent: Math.round(r.warnAt * 100),
    loanerAfterArrivalMinutes: r.loanerAfterArrivalMinutes,
    loanerWithinMinutesOfRequest: r.loanerWithinMinutesOfRequest,
    installationWorkingDays: r.installationWorkingDays ?? INSTALLATION_WORKING_DAYS,
  };
}
