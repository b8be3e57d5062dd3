// Renewals (issue 13 §3, R-CT-1): the pipeline (list, card, stage move, owner), the notice days
// setting, the expiry notices with the 保养到期通知书 letter (hospital users: their own only), and
// the renewal rate by month and salesperson with its Excel export.
import { z } from 'zod';
import { actorOf, authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { registerConstraintFields, registerTableLabels } from '../../http/errors.ts';
import { idParams, pageOf } from '../../lib/dto.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, xlsxBuffer } from '../../lib/excel.ts';
import { term } from '../../lib/glossary.ts';
import {
  moveBody,
  noticeDto,
  noticeListQuery,
  ownerBody,
  ownerOptionDto,
  priceLineBody,
  priceLineDto,
  quoteQuery,
  rateDto,
  rateQuery,
  renewalDto,
  renewalListQuery,
  renewalQuoteDto,
  settingsBody,
  settingsDto,
} from './renewals.dto.ts';
import { renderLetter } from './renewals.pdf.ts';
import { renewalsPolicy } from './renewals.policy.ts';
import * as svc from './renewals.service.ts';

registerConstraintFields({
  renewals_lost_ck: 'lostReason',
  renewals_won_ck: 'quoteAmount',
  renewal_settings_days_ck: 'customerNoticeDays',
  renewal_price_lines_model_uq: 'effectiveFrom',
  renewal_price_lines_category_uq: 'effectiveFrom',
  renewal_price_lines_model_id_device_models_id_fk: 'modelId',
});
registerTableLabels({ renewals: 'contracts', renewal_notices: 'contracts' });

export function renewalsRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['renewals'];
  const lang = (l: string) => (l === 'en-US' ? 'en-US' : 'zh-CN') as 'zh-CN' | 'en-US';

  app.get(
    '/renewals',
    { schema: { tags, summary: 'The renewal pipeline (R-CT-1)', querystring: renewalListQuery, response: { 200: pageOf(renewalDto) } } },
    async (req) => {
      authorize(req, renewalsPolicy, 'read');
      return svc.listRenewals(db, req.query);
    },
  );
  app.get(
    '/renewals/export',
    { schema: { tags, summary: 'The filtered renewal pipeline as an Excel file', querystring: renewalListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      authorize(req, renewalsPolicy, 'read');
      const L = lang(req.locale);
      const page = await svc.listRenewals(db, { ...req.query, page: 1, pageSize: EXPORT_MAX_ROWS });
      type Item = (typeof page.items)[number];
      const columns: ExportColumn<Item>[] = [
        { key: 'contract', zh: '合同/设备', en: 'Contract / device', width: 22, value: (r) => r.contractNumber ?? r.deviceLabel },
        { key: 'customer', zh: '客户', en: 'Customer', width: 26, value: (r) => r.customerName },
        { key: 'source', zh: '类型', en: 'Kind', width: 16, value: (r) => term('renewalSource', r.source, L) },
        { key: 'expires', zh: '到期日', en: 'Expires', value: (r) => r.expiresOn },
        { key: 'owner', zh: '负责销售', en: 'Salesperson', width: 16, value: (r) => r.ownerName },
        { key: 'stage', zh: '阶段', en: 'Stage', value: (r) => term('renewalStage', r.stage, L) },
        { key: 'quote', zh: '报价', en: 'Quote', value: (r) => (r.quoteAmount === null ? null : Number(r.quoteAmount)) },
        { key: 'lost', zh: '流失原因', en: 'Reason lost', width: 30, value: (r) => r.lostReason },
        { key: 'next', zh: '续约合同', en: 'Renewed contract', width: 22, value: (r) => r.newContractNumber },
      ];
      const name = L === 'en-US' ? 'renewals' : '续约跟进';
      return sendXlsx(reply, name, await xlsxBuffer(name, columns, page.items, L));
    },
  );
  app.get(
    '/renewals/rate',
    { schema: { tags, summary: 'Renewal rate (won / decided) by month of expiry and by salesperson', querystring: rateQuery, response: { 200: rateDto } } },
    async (req) => {
      authorize(req, renewalsPolicy, 'read');
      return svc.renewalRateReport(db, req.query, tz, lang(req.locale));
    },
  );
  app.get('/renewals/rate/export', { schema: { tags, summary: 'The renewal rate as an Excel file', querystring: rateQuery } }, async (req, reply) => {
    authorize(req, renewalsPolicy, 'read');
    const L = lang(req.locale);
    const r = await svc.renewalRateReport(db, req.query, tz, L);
    type Line = (typeof r.byMonth)[number] & { group: string };
    const columns: ExportColumn<Line>[] = [
      { key: 'group', zh: '维度', en: 'By', width: 10, value: (x) => x.group },
      { key: 'label', zh: '月份/销售', en: 'Month / salesperson', width: 22, value: (x) => x.label },
      { key: 'total', zh: '到期数', en: 'Expiring', value: (x) => x.total },
      { key: 'won', zh: '已续约', en: 'Won', value: (x) => x.won },
      { key: 'lost', zh: '已流失', en: 'Lost', value: (x) => x.lost },
      { key: 'open', zh: '跟进中', en: 'Open', value: (x) => x.open },
      { key: 'rate', zh: '续约率', en: 'Renewal rate', value: (x) => (x.rate === null ? null : x.rate) },
    ];
    const month = L === 'en-US' ? 'Month' : '月份';
    const sales = L === 'en-US' ? 'Salesperson' : '销售';
    const rows: Line[] = [
      ...r.byMonth.map((x) => ({ ...x, group: month })),
      ...r.byOwner.map((x) => ({ ...x, group: sales })),
      { ...r.overall, group: r.overall.label },
    ];
    const name = L === 'en-US' ? 'renewal-rate' : '续约率';
    return sendXlsx(reply, name, await xlsxBuffer(name, columns, rows, L));
  });
  app.get(
    '/renewals/owners',
    { schema: { tags, summary: 'Active sales users who can own a renewal', response: { 200: z.array(ownerOptionDto) } } },
    async (req) => {
      authorize(req, renewalsPolicy, 'read');
      return svc.ownerOptions(db);
    },
  );
  app.get(
    '/renewals/settings',
    { schema: { tags, summary: 'Days before the end each expiry notice goes out', response: { 200: settingsDto } } },
    async (req) => {
      authorize(req, renewalsPolicy, 'read');
      const { id: _id, ...s } = await svc.getSettings(db);
      return s;
    },
  );
  app.put('/renewals/settings', { schema: { tags, body: settingsBody, response: { 200: settingsDto } } }, async (req) =>
    svc.saveSettings(db, actorOf(authorize(req, renewalsPolicy, 'settings')), req.body),
  );
  app.get('/renewals/:id', { schema: { tags, params: idParams, response: { 200: renewalDto } } }, async (req) => {
    authorize(req, renewalsPolicy, 'read');
    return svc.getRenewal(db, req.params.id);
  });
  app.post(
    '/renewals/:id/stage',
    {
      schema: {
        tags,
        summary: 'Move a renewal: visited, quoted (amount), won (creates the gap-free new contract), lost (reason)',
        params: idParams,
        body: moveBody,
        response: { 200: renewalDto },
      },
    },
    async (req) => svc.moveStage(db, actorOf(authorize(req, renewalsPolicy, 'manage')), req.params.id, req.body, lang(req.locale)),
  );
  app.get(
    '/renewals/:id/price-list-quote',
    {
      schema: {
        tags,
        summary: "The quote the price list gives: each device's annual contract price (its model's line, else its category's) × years (issue 13 §3)",
        params: idParams,
        querystring: quoteQuery,
        response: { 200: renewalQuoteDto },
      },
    },
    async (req) => {
      authorize(req, renewalsPolicy, 'read');
      return svc.quoteFromPriceList(db, req.params.id, req.query.years);
    },
  );
  app.get(
    '/renewal-price-lines',
    { schema: { tags, summary: 'Annual maintenance-contract prices per model or category, effective from a day', response: { 200: z.array(priceLineDto) } } },
    async (req) => {
      authorize(req, renewalsPolicy, 'read');
      return svc.listPriceLines(db);
    },
  );
  app.post(
    '/renewal-price-lines',
    {
      schema: {
        tags,
        summary: 'Add an annual contract price for a model or a category from a day (sales); a new price is a new line',
        body: priceLineBody,
        response: { 201: priceLineDto },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createPriceLine(db, actorOf(authorize(req, renewalsPolicy, 'prices')), req.body)),
  );
  app.put(
    '/renewals/:id/owner',
    { schema: { tags, summary: 'Assign the renewal to a salesperson', params: idParams, body: ownerBody, response: { 200: renewalDto } } },
    async (req) => svc.assignOwner(db, actorOf(authorize(req, renewalsPolicy, 'manage')), req.params.id, req.body.version, req.body.ownerId),
  );
  app.get(
    '/renewal-notices',
    {
      schema: {
        tags,
        summary: 'Expiry notices sent (a hospital user: its own 保养到期通知书 only)',
        querystring: noticeListQuery,
        response: { 200: z.array(noticeDto) },
      },
    },
    async (req) => svc.listNotices(db, authorize(req, renewalsPolicy, 'notices'), req.query),
  );
  app.get('/renewal-notices/:id/letter.pdf', { schema: { tags, summary: '保养到期通知书 as PDF', params: idParams } }, async (req, reply) => {
    const user = authorize(req, renewalsPolicy, 'notices');
    const data = await svc.loadLetter(db, user, req.params.id);
    const pdf = await renderLetter(data);
    const file = `${data.contractNumber}-expiry-notice.pdf`;
    const ascii = /^[\x20-\x7e]*$/.test(file) && !file.includes('"') ? file : 'expiry-notice.pdf';
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file)}`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });
}
