// Quality tracking (质量跟踪, issue 14 §5, R-REG-6). Thin: the rules are in quality.service.ts / quality.rules.ts.
// The tracked models are few (a company's model catalogue), so the list is computed whole —
// one query per metric for every model — and searched, filtered, sorted and paged here.
import type { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields } from '../../http/errors.ts';
import { can, type Principal } from '../../lib/access.ts';
import { clockNow } from '../../lib/clock.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import {
  intervalBody,
  newLaunchBody,
  qualityModelDetailDto,
  qualityModelDto,
  qualityModelExportQuery,
  qualityModelListQuery,
  qualitySettingsBody,
  qualitySettingsDto,
  unstableBody,
} from './quality.dto.ts';
import { qualityPolicy } from './quality.policy.ts';
import {
  changeFlags,
  emptyTrend,
  type ModelFlags,
  type ModelRow,
  type ModelTrend,
  modelOrNotFound,
  modelsWithFlags,
  type QualitySettings,
  qualitySettingsOf,
  todayOf,
  trackingLines,
  trends,
  updateQualitySettings,
} from './quality.service.ts';

registerConstraintFields({
  model_quality_flags_new_ck: 'trackUntil',
  model_quality_flags_unstable_ck: 'reason',
  model_quality_flags_every_ck: 'visitEveryMonths',
  quality_settings_new_launch_years_ck: 'newLaunchYears',
  quality_settings_visit_every_ck: 'visitEveryMonths',
  quality_settings_repeat_window_ck: 'repeatWindowDays',
  quality_settings_trend_months_ck: 'trendMonths',
  quality_settings_jump_factor_ck: 'jumpFactor',
  quality_settings_jump_trailing_ck: 'jumpTrailingMonths',
  quality_settings_jump_min_faults_ck: 'jumpMinFaults',
});

type ModelView = z.infer<typeof qualityModelDto>;
const iso = (d: Date | null) => d?.toISOString() ?? null;
/** A model's flags; a cadence of its own, else the settings' default. */
const flagsView = (f: ModelFlags | null, defaultEvery: number) =>
  f && {
    version: f.version,
    launchDate: f.launchDate,
    newUntil: f.newUntil,
    unstable: f.unstable,
    unstableReason: f.unstableReason,
    unstableSince: iso(f.unstableSince),
    unstableByName: f.unstableByName,
    clearedAt: iso(f.clearedAt),
    clearedByName: f.clearedByName,
    clearedReason: f.clearedReason,
    visitEveryMonths: f.visitEveryMonths ?? defaultEvery,
  };
const settingsView = (s: QualitySettings, canEdit: boolean) => ({
  version: s.version,
  newLaunchYears: s.newLaunchYears,
  visitEveryMonths: s.visitEveryMonths,
  repeatWindowDays: s.repeatWindowDays,
  trendMonths: s.trendMonths,
  jumpFactor: Number(s.jumpFactor),
  jumpTrailingMonths: s.jumpTrailingMonths,
  jumpMinFaults: s.jumpMinFaults,
  updatedAt: s.updatedAt.toISOString(),
  canEdit,
});
const view = (m: ModelRow, t: ModelTrend, s: QualitySettings): ModelView => ({
  id: m.id,
  code: m.code,
  name: m.name,
  regulatoryClass: m.regulatoryClass,
  implantable: m.implantable,
  reasons: m.reasons,
  units: t.units,
  faults: t.faults,
  rate: t.months[t.months.length - 1]?.rate ?? null,
  repeats: t.repeats,
  mtbfDays: t.mtbfDays,
  operatingDays: t.operatingDays,
  failures: t.failures,
  alert: t.alert,
  months: t.months.map((p) => ({ month: p.month, units: p.units, faults: p.faults, rate: p.rate, repeats: p.repeats })),
  flags: flagsView(m.flags, s.visitEveryMonths),
});

type ListFilters = Omit<z.infer<typeof qualityModelListQuery>, 'page' | 'pageSize'>;

export function qualityRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['quality'];

  const listOf = async (f: ListFilters): Promise<ModelView[]> => {
    const now = clockNow();
    const s = await qualitySettingsOf(db);
    const models = await modelsWithFlags(db, todayOf(now, tz).today);
    const all = await trends(db, tz, now, undefined, s);
    const q = f.q?.trim().toLowerCase();
    const out = models
      .filter((m) => f.scope === 'all' || m.reasons.length > 0)
      .filter((m) => !f.reason || m.reasons.includes(f.reason))
      .filter((m) => !q || m.code.toLowerCase().includes(q) || m.name.toLowerCase().includes(q))
      .map((m) => view(m, all.get(m.id) ?? emptyTrend(tz, now, s.trendMonths), s))
      .filter((m) => !f.alert || (f.alert === 'true') === (m.alert !== null));
    const key = (f.sort ?? 'code').replace(/^-/, '') as 'code' | 'rate' | 'faults' | 'repeats' | 'mtbf';
    const dir = f.sort?.startsWith('-') ? -1 : 1;
    const val = (m: ModelView) => (key === 'code' ? m.code : key === 'mtbf' ? m.mtbfDays : m[key]);
    return out.sort((a, b) => {
      const x = val(a);
      const y = val(b);
      if (x === y) return a.code.localeCompare(b.code);
      if (x === null) return 1;
      if (y === null) return -1;
      return (typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number)) * dir;
    });
  };

  const detail = async (user: Principal, id: string): Promise<z.infer<typeof qualityModelDetailDto>> => {
    const now = clockNow();
    const m = await modelOrNotFound(db, todayOf(now, tz).today, id);
    const s = await qualitySettingsOf(db);
    const t = (await trends(db, tz, now, [id], s)).get(id) ?? emptyTrend(tz, now, s.trendMonths);
    const lines = await trackingLines(db, tz, now, id);
    const plan = { planned: 0, due: 0, done: 0, missed: 0 };
    for (const l of lines) plan[l.state]++;
    return {
      ...view(m, t, s),
      abilities: { flag: can(user, qualityPolicy, 'flag') },
      lines: lines.map((l) => ({ ...l, visitedAt: iso(l.visitedAt) })),
      plan,
    };
  };

  app.get(
    '/quality-tracking/models',
    {
      schema: {
        tags,
        summary:
          'Tracked models (质量跟踪, R-REG-6): why tracked, units, faults per 100 units per month (12 months), repeat repairs, MTBF, 质量异常; scope=all lists every model',
        querystring: qualityModelListQuery,
        response: { 200: pageOf(qualityModelDto) },
      },
    },
    async (req) => {
      authorize(req, qualityPolicy, 'read');
      const { page, pageSize, ...f } = req.query;
      const all = await listOf(f);
      return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length, page, pageSize };
    },
  );

  app.get(
    '/quality-tracking/models/export',
    { schema: { tags, summary: 'The quality-trend table as filtered, as an Excel workbook (one column per month)', querystring: qualityModelExportQuery } },
    async (req, reply) => {
      authorize(req, qualityPolicy, 'read');
      const rows = await listOf(req.query);
      const en = req.locale === 'en-US';
      const reasonText: Record<string, [string, string]> = {
        class_iii: ['第三类', 'Class III'],
        implantable: ['植入', 'Implantable'],
        new_launch: ['新上市', 'Newly launched'],
        unstable: ['质量不稳定', 'Unstable'],
      };
      const months = rows[0]?.months.map((p) => p.month) ?? [];
      const columns: ExportColumn<ModelView>[] = [
        { key: 'code', zh: '型号编码', en: 'Model code', width: 14, value: (r) => r.code },
        { key: 'name', zh: '型号', en: 'Model', width: 24, value: (r) => r.name },
        { key: 'reasons', zh: '跟踪原因', en: 'Why tracked', width: 20, value: (r) => r.reasons.map((x) => reasonText[x][en ? 1 : 0]).join(en ? ', ' : '、') },
        { key: 'units', zh: '在用台数', en: 'Units in service', value: (r) => r.units },
        ...months.map(
          (month, i): ExportColumn<ModelView> => ({
            key: `m${i}`,
            zh: `${month} 故障/百台`,
            en: `${month} faults/100`,
            width: 12,
            value: (r) => r.months[i]?.rate ?? null,
          }),
        ),
        { key: 'faults', zh: `${months.length}个月故障数`, en: `Faults (${months.length} months)`, value: (r) => r.faults },
        { key: 'repeats', zh: '重复维修', en: 'Repeat repairs', value: (r) => r.repeats },
        { key: 'mtbf', zh: 'MTBF（天）', en: 'MTBF (days)', value: (r) => r.mtbfDays },
        {
          key: 'alert',
          zh: '质量异常',
          en: 'Quality alert',
          width: 14,
          value: (r) => (r.alert ? `${r.alert.month} ${r.alert.rate}/${r.alert.baseline}` : null),
        },
      ];
      return sendXlsx(reply, en ? 'quality-trend' : '质量跟踪趋势', await xlsxBuffer(en ? 'Quality trend' : '质量跟踪趋势', columns, rows, req.locale));
    },
  );

  app.get(
    '/quality-tracking/settings',
    {
      schema: {
        tags,
        summary:
          'The quality-tracking numbers (R-REG-6): new-launch years, default visit cadence, repeat window, trend months, the rate-jump rule; canEdit for quality/executive',
        response: { 200: qualitySettingsDto },
      },
    },
    async (req) => {
      const user = authorize(req, qualityPolicy, 'read');
      return settingsView(await qualitySettingsOf(db), can(user, qualityPolicy, 'settings'));
    },
  );

  app.put(
    '/quality-tracking/settings',
    {
      schema: {
        tags,
        summary: 'Change the quality-tracking numbers (version-checked, audited); the trend, the tracking lines and the jobs follow from their next read',
        body: qualitySettingsBody,
        response: { 200: qualitySettingsDto },
      },
    },
    async (req) => {
      const user = authorize(req, qualityPolicy, 'settings');
      return settingsView(await updateQualitySettings(db, user, req.body), true);
    },
  );

  app.get(
    '/quality-tracking/models/:id',
    {
      schema: {
        tags,
        summary: 'One model: trend per month, flags, tracking-visit plan vs done, what the reader may do',
        params: idParams,
        response: { 200: qualityModelDetailDto },
      },
    },
    async (req) => detail(authorize(req, qualityPolicy, 'read'), req.params.id),
  );

  app.post(
    '/quality-tracking/models/:id/new-launch',
    {
      schema: {
        tags,
        summary:
          'Flag a model newly launched (新上市/首营) from its launch date, tracked until trackUntil (default launch + 2 years); launchDate null clears it',
        params: idParams,
        body: newLaunchBody,
        response: { 200: qualityModelDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, qualityPolicy, 'flag');
      const { version, ...b } = req.body;
      await changeFlags(db, user, req.params.id, version, { kind: 'new_launch', launchDate: b.launchDate, trackUntil: b.trackUntil });
      return detail(user, req.params.id);
    },
  );

  app.post(
    '/quality-tracking/models/:id/unstable',
    {
      schema: {
        tags,
        summary: 'Flag a model unstable (质量不稳定) with the reason, or clear the flag with the reason; who and when are recorded',
        params: idParams,
        body: unstableBody,
        response: { 200: qualityModelDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, qualityPolicy, 'flag');
      const { version, ...b } = req.body;
      await changeFlags(db, user, req.params.id, version, { kind: 'unstable', unstable: b.unstable, reason: b.reason });
      return detail(user, req.params.id);
    },
  );

  app.post(
    '/quality-tracking/models/:id/interval',
    {
      schema: {
        tags,
        summary: "The model's tracking-visit cadence: every 1–12 months (default 3)",
        params: idParams,
        body: intervalBody,
        response: { 200: qualityModelDetailDto },
      },
    },
    async (req) => {
      const user = authorize(req, qualityPolicy, 'flag');
      await changeFlags(db, user, req.params.id, req.body.version, { kind: 'interval', visitEveryMonths: req.body.visitEveryMonths });
      return detail(user, req.params.id);
    },
  );
}
