// GET /work-orders/:id/report.pdf — the service report (服务凭证) built by workorders.pdf.ts,
// sent inline with its number as the file name.
import { authorize } from '../../http/auth.ts';
import type { Api, AppContext } from '../../http/context.ts';
import { idParams } from '../../lib/dto.ts';
import { loadReport, renderReport } from './workorders.pdf.ts';
import { workOrdersPolicy } from './workorders.policy.ts';

export function workOrderPdfRoutes(app: Api, ctx: AppContext) {
  const db = ctx.database.db;
  app.get(
    '/work-orders/:id/report.pdf',
    {
      schema: {
        tags: ['work orders'],
        summary: '服务报告（服务凭证） as PDF: content, times, parts, the customer’s signature and the review (R-WO-4/5)',
        params: idParams,
      },
    },
    async (req, reply) => {
      const user = authorize(req, workOrdersPolicy, 'read');
      const data = await loadReport(db, user, req.params.id);
      const pdf = await renderReport(data, ctx.timeZone);
      const file = `${data.wo.number}.pdf`;
      const ascii = /^[\x20-\x7e]*$/.test(file) && !file.includes('"') ? file : 'service-report.pdf';
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file)}`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
