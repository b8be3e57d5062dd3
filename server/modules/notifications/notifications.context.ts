// What a notice is about, in the reader's terms (issue 10 item 11): the request and work-order
// numbers, the record's own number (follow-up 回访单, complaint), the hospital and the device
// (model + serial), and where to open it. Read from the referenced record when the inbox is
// read — a few batched lookups per page, one per kind of record — so the rows store only
// structured data and every row ever written (older ones included) reads the same way.
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { complaints, customers, deviceModels, devices, followupPlans, followups, serviceRequests, workOrders } from '../../db/schema.ts';
import type { notifications } from './notifications.tables.ts';

export interface NoticeContext {
  requestNumber: string | null;
  workOrderNumber: string | null;
  /** The record's own number when it is neither a request nor a work order (FU-…, TS-…). */
  recordNumber: string | null;
  customerName: string | null;
  deviceModel: string | null;
  deviceSerial: string | null;
}

type Row = typeof notifications.$inferSelect;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Web addresses of the records notices point at. */
const PAGES: Record<string, string> = {
  work_order: '/work-orders/',
  service_request: '/requests/',
  complaint: '/complaints/',
  device: '/devices/',
  customer: '/customers/',
  // R-REG-6: a quality alert opens the model's quality-tracking page.
  quality_model: '/quality-tracking/',
  // 经营办法§38: an overdue reply about an adverse event opens the event.
  adverse_event: '/adverse-events/',
};

/** Where the notice opens, and a file to download (the archived report's PDF). */
export function linksOf(n: Pick<Row, 'kind' | 'refEntity' | 'refId' | 'params'>): { link: string | null; downloadUrl: string | null } {
  if (!n.refEntity || !n.refId) return { link: null, downloadUrl: null };
  // The survey notice opens the signed single-use link (surveys.service), or the portal's list.
  if (n.kind === 'customer_survey') return { link: n.params.surveyToken ? `/survey/${n.params.surveyToken}` : '/surveys', downloadUrl: null };
  if (n.kind === 'customer_archived') return { link: `/work-orders/${n.refId}`, downloadUrl: `/api/v1/work-orders/${n.refId}/report.pdf` };
  if (n.refEntity === 'followup') return { link: '/followups', downloadUrl: null };
  // 经营办法§38: an overdue supplier reply opens the notices, filtered to the overdue ones.
  if (n.refEntity === 'supplier_notice') return { link: '/supplier-notices?state=overdue', downloadUrl: null };
  // R-CT-1: the expiry notice opens the renewal (staff) or the portal's notices, with its letter.
  if (n.kind === 'contract_expiry_notice') return { link: '/renewal-notices', downloadUrl: `/api/v1/renewal-notices/${n.refId}/letter.pdf` };
  // Issue 15 §4: a quote opens its page (portal 我的报价 or the staff detail), with its PDF.
  if (n.refEntity === 'quote') return { link: `/quotes/${n.refId}`, downloadUrl: `/api/v1/quotes/${n.refId}/quote.pdf` };
  if (n.kind === 'warranty_expiry_report') return { link: n.params.contractId ? `/renewals?contract=${n.params.contractId}` : '/renewals', downloadUrl: null };
  // R-KB-1: the monthly handbook digest opens that month's what's new.
  if (n.refEntity === 'handbook_digest') return { link: `/handbook/whats-new?month=${n.refId}`, downloadUrl: null };
  const base = PAGES[n.refEntity];
  return { link: base ? base + n.refId : null, downloadUrl: null };
}

const device = { customerName: customers.name, deviceModel: deviceModels.name, deviceSerial: devices.serialNumber };

export async function contextOf(ex: Executor, rows: Row[]): Promise<Map<string, NoticeContext>> {
  const ids = (entity: string) => [...new Set(rows.filter((r) => r.refEntity === entity && r.refId && UUID.test(r.refId)).map((r) => r.refId as string))];
  const byRef = new Map<string, NoticeContext>();
  const put = (id: string, c: Partial<NoticeContext>) =>
    byRef.set(id, {
      requestNumber: c.requestNumber ?? null,
      workOrderNumber: c.workOrderNumber ?? null,
      recordNumber: c.recordNumber ?? null,
      customerName: c.customerName ?? null,
      deviceModel: c.deviceModel ?? null,
      deviceSerial: c.deviceSerial ?? null,
    });

  const wo = ids('work_order');
  if (wo.length) {
    const found = await ex
      .select({ id: workOrders.id, workOrderNumber: workOrders.number, requestNumber: serviceRequests.number, ...device })
      .from(workOrders)
      .innerJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
      .innerJoin(customers, eq(customers.id, workOrders.customerId))
      .innerJoin(devices, eq(devices.id, workOrders.deviceId))
      .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
      .where(inArray(workOrders.id, wo));
    for (const f of found) put(f.id, f);
  }
  const req = ids('service_request');
  if (req.length) {
    const found = await ex
      .select({ id: serviceRequests.id, requestNumber: serviceRequests.number, workOrderNumber: workOrders.number, ...device })
      .from(serviceRequests)
      .leftJoin(workOrders, eq(workOrders.requestId, serviceRequests.id))
      .innerJoin(customers, eq(customers.id, serviceRequests.customerId))
      .innerJoin(devices, eq(devices.id, serviceRequests.deviceId))
      .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
      .where(inArray(serviceRequests.id, req));
    for (const f of found) put(f.id, f);
  }
  const fu = ids('followup');
  if (fu.length) {
    const found = await ex
      .select({ id: followups.id, recordNumber: followups.number, workOrderNumber: workOrders.number, requestNumber: serviceRequests.number, ...device })
      .from(followups)
      .innerJoin(followupPlans, eq(followupPlans.id, followups.planId))
      .leftJoin(workOrders, eq(workOrders.id, followupPlans.workOrderId))
      .leftJoin(serviceRequests, eq(serviceRequests.id, workOrders.requestId))
      .innerJoin(customers, eq(customers.id, followupPlans.customerId))
      .innerJoin(devices, eq(devices.id, followupPlans.deviceId))
      .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
      .where(inArray(followups.id, fu));
    for (const f of found) put(f.id, f);
  }
  const cp = ids('complaint');
  if (cp.length) {
    const found = await ex
      .select({
        id: complaints.id,
        recordNumber: complaints.number,
        workOrderNumber: workOrders.number,
        customerName: customers.name,
        deviceModel: deviceModels.name,
        deviceSerial: devices.serialNumber,
      })
      .from(complaints)
      .innerJoin(customers, eq(customers.id, complaints.customerId))
      .leftJoin(workOrders, eq(workOrders.id, complaints.workOrderId))
      .leftJoin(devices, eq(devices.id, complaints.deviceId))
      .leftJoin(deviceModels, eq(deviceModels.id, devices.modelId))
      .where(inArray(complaints.id, cp));
    for (const f of found) put(f.id, f);
  }
  const out = new Map<string, NoticeContext>();
  for (const r of rows) {
    const c = r.refId ? byRef.get(r.refId) : undefined;
    if (c) out.set(r.id, c);
  }
  return out;
}
