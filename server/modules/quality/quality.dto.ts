// Request and response shapes of the quality-tracking endpoints (质量跟踪, issue 14 §5, R-REG-6).
import { z } from 'zod';
import { isoDate, listQuery, schemaId, text } from '../../lib/dto.ts';
import { QUALITY_DEFAULTS, QUALITY_SETTING_RANGES as R, TRACKING_LINE_STATES, TRACKING_REASONS } from './quality.rules.ts';

/** The flags' version the client read; 0 when the model had no flags yet. */
const flagsVersion = z.number().int().min(0);

export const newLaunchBody = z.strictObject({
  version: flagsVersion,
  /** 新上市/首营: the launch (first sale) date; null clears the flag. */
  launchDate: isoDate().nullable(),
  /** Tracked through this date; default launch + 2 years. */
  trackUntil: isoDate().nullable().optional(),
});
export const unstableBody = z.strictObject({
  version: flagsVersion,
  /** true flags the model 质量不稳定, false clears the flag; both with a reason. */
  unstable: z.boolean(),
  reason: text(2000),
});
export const intervalBody = z.strictObject({
  version: flagsVersion,
  visitEveryMonths: z.number().int().min(QUALITY_DEFAULTS.visitEveryMin).max(QUALITY_DEFAULTS.visitEveryMax),
});

/** The quality-tracking numbers (R-REG-6); each range is a translated 422 on its field. */
const whole = (k: Exclude<keyof typeof R, 'jumpFactor'>) => z.number().int().min(R[k][0]).max(R[k][1]);
export const qualitySettingsBody = z.strictObject({
  version: z.number().int().min(1),
  newLaunchYears: whole('newLaunchYears'),
  visitEveryMonths: whole('visitEveryMonths'),
  repeatWindowDays: whole('repeatWindowDays'),
  trendMonths: whole('trendMonths'),
  /** One decimal: 1.1–10. */
  jumpFactor: z.number().min(R.jumpFactor[0]).max(R.jumpFactor[1]).multipleOf(0.1),
  jumpTrailingMonths: whole('jumpTrailingMonths'),
  jumpMinFaults: whole('jumpMinFaults'),
});
export const qualitySettingsDto = z
  .object({
    version: z.number(),
    newLaunchYears: z.number(),
    visitEveryMonths: z.number(),
    repeatWindowDays: z.number(),
    trendMonths: z.number(),
    jumpFactor: z.number(),
    jumpTrailingMonths: z.number(),
    jumpMinFaults: z.number(),
    updatedAt: z.string(),
    canEdit: z.boolean(),
  })
  .meta(schemaId('QualitySettings'));

const reason = z.enum(TRACKING_REASONS);
export const QUALITY_SCOPES = ['tracked', 'all'] as const;
export const qualityModelListQuery = listQuery(['code', 'rate', 'faults', 'repeats', 'mtbf'], {
  /** tracked (default): only tracked models; all: every model, to flag one not tracked yet. */
  scope: z.enum(QUALITY_SCOPES).default('tracked'),
  reason: reason.optional(),
  /** Only models showing 质量异常. */
  alert: z.enum(['true', 'false']).optional(),
});
export const qualityModelExportQuery = qualityModelListQuery.omit({ page: true, pageSize: true });

const flagsDto = z
  .object({
    version: z.number(),
    launchDate: z.string().nullable(),
    newUntil: z.string().nullable(),
    unstable: z.boolean(),
    unstableReason: z.string().nullable(),
    unstableSince: z.string().nullable(),
    unstableByName: z.string().nullable(),
    clearedAt: z.string().nullable(),
    clearedByName: z.string().nullable(),
    clearedReason: z.string().nullable(),
    visitEveryMonths: z.number(),
  })
  .meta(schemaId('QualityModelFlags'));

const monthDto = z
  .object({ month: z.string(), units: z.number(), faults: z.number(), rate: z.number().nullable(), repeats: z.number() })
  .meta(schemaId('QualityTrendMonth'));
const alertDto = z
  .object({ month: z.string(), rate: z.number(), baseline: z.number(), faults: z.number(), units: z.number() })
  .meta(schemaId('QualityRateAlert'));

export const qualityModelDto = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    regulatoryClass: z.string(),
    implantable: z.boolean(),
    reasons: z.array(reason),
    /** Units in service this month. */
    units: z.number(),
    /** Faults (repair requests) in the last 12 months. */
    faults: z.number(),
    /** This month's faults per 100 units (month to date). */
    rate: z.number().nullable(),
    repeats: z.number(),
    mtbfDays: z.number().nullable(),
    operatingDays: z.number(),
    failures: z.number(),
    /** 质量异常: the rate-jump alert of this or last month. */
    alert: alertDto.nullable(),
    /** The last 12 months, oldest first (the sparkline). */
    months: z.array(monthDto),
    flags: flagsDto.nullable(),
  })
  .meta(schemaId('QualityTrackedModel'));

export const qualityLineDto = z
  .object({
    id: z.string(),
    deviceId: z.string(),
    serialNumber: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    periodStart: z.string(),
    dueMonth: z.string(),
    state: z.enum(TRACKING_LINE_STATES),
    visitedAt: z.string().nullable(),
  })
  .meta(schemaId('QualityVisitLine'));

export const qualityModelDetailDto = qualityModelDto
  .extend({
    abilities: z.object({ flag: z.boolean() }),
    lines: z.array(qualityLineDto),
    /** Plan vs done of the tracking visits shown. */
    plan: z.object({ planned: z.number(), due: z.number(), done: z.number(), missed: z.number() }),
  })
  .meta(schemaId('QualityTrackedModelDetail'));
