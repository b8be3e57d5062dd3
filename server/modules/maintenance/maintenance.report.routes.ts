// 月度巡检报告 (issue 13 §1; seed 002): the monthly inspection report of one customer (optionally one
// device) as a Chinese PDF, and the same data as JSON for the screen. Readers are those of the year
// plans (maintenancePlansPolicy.read): the service side, and a hospital user for its own
// organisation only (another customer's report is a 404). Thin: loading in
// maintenance.report.service.ts, rendering in maintenance.report.pdf.ts.
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { maintenancePlansPolicy } from './maintenance.plans.policy.ts';
import { monthlyReportDto, monthlyReportQuery } from './maintenance.report.dto.ts';
import { renderMonthlyReport } from './maintenance.report.pdf.ts';
import { reportFileName, summarise } from './maintenance.report.rules.ts';
import { loadMonthlyReport, monthlySummary } from './maintenance.report.service.ts';

export function maintenanceReportRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  const tz = ctx.timeZone;
  const tags = ['maintenance'];

  app.get(
    '/maintenance-reports/monthly',
    {
      schema: {
        tags,
        summary:
          '月度巡检报告 as a Chinese PDF: the summary, the planned visits of the month, and per device each visit (tasks, readings with 超出范围, findings, signature) with six-month reading trends (seed 002)',
        querystring: monthlyReportQuery,
      },
    },
    async (req, reply) => {
      const user = authorize(req, maintenancePlansPolicy, 'read');
      const data = await loadMonthlyReport(db, user, req.query, tz);
      const pdf = await renderMonthlyReport({ ...data, summary: summarise(data) }, tz);
      const ascii = reportFileName(data.customerCode, data.month);
      const file = `${data.customerName}-${data.month}-月度巡检报告.pdf`;
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file)}`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.get(
    '/maintenance-reports/monthly/summary',
    {
      schema: {
        tags,
        summary: "The monthly inspection report's data as JSON (the report screen): the same content as the PDF, with its summary counts",
        querystring: monthlyReportQuery,
        response: { 200: monthlyReportDto },
      },
    },
    async (req) => monthlySummary(db, authorize(req, maintenancePlansPolicy, 'read'), req.query, tz),
  );
}
