// THE LIST OF THE DOSSIER'S EVENT-LIKE SECTIONS (R-REG-5, issue 14 §5; 办法§23 如实提供有关情况和资料).
//
// Every section is a loader: one indexed query on the unit's id, returning DossierEntry rows.
// The richer typed sections (unit, sites over time, contracts, work orders, parts, signatures)
// are in traceability.service.ts. To add a section (adverse events, campaigns, returns — built by
// other modules), append one line to DOSSIER_SECTIONS below with a loader from that module's
// index.ts in the same DossierEntry shape, e.g.
//   { key: 'adverse_events', titleZh: '不良事件', titleEn: 'Adverse events', load: adverseEventsForDevice },
// The page, the PDF and the Excel workbook (one sheet per section) pick it up without other edits.
import { desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  complaints,
  deviceHolds,
  devices,
  followupPlans,
  followups,
  installations,
  maintenanceRecords,
  trainingSessions,
  users,
  workOrders,
} from '../../db/schema.ts';
import { allOf } from '../../lib/records.ts';
import { campaignsForDevice } from '../campaigns/index.ts';
import { returnsForDevice } from '../returns/index.ts';
import { adverseEventsForDevice } from '../vigilance/index.ts';

/** One event of the unit's life, in the shape every event-like section shares. */
export type DossierEntry = { at: Date; kind: string; number: string | null; title: string; status: string; link: string | null };

/** The reader's confinement: a hospital user's customer id, or null for staff. */
export type DossierScope = string | null;

export interface DossierSection {
  key: string;
  titleZh: string;
  titleEn: string;
  /** One query on the unit; `scope` (a hospital's id) limits rows to that hospital's own. */
  load: (ex: Executor, deviceId: string, scope?: DossierScope) => Promise<DossierEntry[]>;
  /** Hidden from hospital users (internal records: complaints handling, follow-ups, maintenance). */
  staffOnly?: boolean;
}

const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
const clip = (s: string | null | undefined, n = 200) => {
  const t = (s ?? '').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};

/** 回访 (R-FU-*): every follow-up planned for the unit, done or not. */
async function followupsForDevice(ex: Executor, deviceId: string, scope?: DossierScope): Promise<DossierEntry[]> {
  const rows = await ex
    .select({
      id: followups.id,
      number: followups.number,
      dueAt: followups.dueAt,
      doneAt: followups.doneAt,
      status: followups.status,
      method: followups.method,
      outcome: followups.outcome,
      record: followups.record,
      visitor: followups.visitorName,
    })
    .from(followups)
    .innerJoin(followupPlans, eq(followupPlans.id, followups.planId))
    .where(allOf(eq(followupPlans.deviceId, deviceId), scope ? eq(followupPlans.customerId, scope) : undefined))
    .orderBy(desc(followups.dueAt));
  return rows.map((r) => ({
    at: r.doneAt ?? r.dueAt,
    kind: `followup.${r.method}`,
    number: r.number,
    title: clip([r.outcome, r.visitor, r.record].filter(Boolean).join(' · ')) || r.method,
    status: r.status,
    link: null,
  }));
}

/** 投诉 (R-CP-*): complaints naming the unit. */
async function complaintsForDevice(ex: Executor, deviceId: string, scope?: DossierScope): Promise<DossierEntry[]> {
  const rows = await ex
    .select({ id: complaints.id, number: complaints.number, at: complaints.receivedAt, status: complaints.status, matter: complaints.matter })
    .from(complaints)
    .where(allOf(eq(complaints.deviceId, deviceId), scope ? eq(complaints.customerId, scope) : undefined))
    .orderBy(desc(complaints.receivedAt));
  return rows.map((r) => ({ at: r.at, kind: 'complaint', number: r.number, title: clip(r.matter), status: r.status, link: `/complaints/${r.id}` }));
}

/** 停用 (R-REG-1): safety holds, open or closed, with how they ended. */
async function holdsForDevice(ex: Executor, deviceId: string, scope?: DossierScope): Promise<DossierEntry[]> {
  const rows = await ex
    .select({ id: deviceHolds.id, at: deviceHolds.placedAt, reason: deviceHolds.reason, outcome: deviceHolds.outcome, closedAt: deviceHolds.closedAt })
    .from(deviceHolds)
    .where(allOf(eq(deviceHolds.deviceId, deviceId), scope ? eq(deviceHolds.customerId, scope) : undefined))
    .orderBy(desc(deviceHolds.placedAt));
  return rows.map((r) => ({ at: r.at, kind: 'hold', number: null, title: clip(r.reason), status: r.outcome ?? 'open', link: `/device-holds/${r.id}` }));
}

/** 安装验收 (R-IN-1): the unit's installation and its acceptance. */
async function installationsForDevice(ex: Executor, deviceId: string, scope?: DossierScope): Promise<DossierEntry[]> {
  const rows = await ex
    .select({
      id: installations.id,
      number: installations.number,
      createdAt: installations.createdAt,
      acceptedAt: installations.acceptedAt,
      acceptanceDate: installations.acceptanceDate,
      status: installations.status,
      site: installations.siteAddress,
    })
    .from(installations)
    .where(allOf(eq(installations.deviceId, deviceId), scope ? eq(installations.customerId, scope) : undefined))
    .orderBy(desc(installations.createdAt));
  return rows.map((r) => ({
    at: r.acceptedAt ?? r.createdAt,
    kind: 'installation',
    number: r.number,
    title: clip(r.acceptanceDate ? `${r.site} · 验收 ${r.acceptanceDate}` : r.site),
    status: r.status,
    link: `/installations/${r.id}`,
  }));
}

/** 培训 (R-TR-1): sessions naming the unit, or its model at its hospital when they name no unit. */
async function trainingForDevice(ex: Executor, deviceId: string, scope?: DossierScope): Promise<DossierEntry[]> {
  const rows = await ex
    .select({
      id: trainingSessions.id,
      title: trainingSessions.title,
      heldOn: trainingSessions.heldOn,
      place: trainingSessions.place,
      trainer: users.displayName,
    })
    .from(trainingSessions)
    .innerJoin(devices, eq(devices.id, deviceId))
    .leftJoin(users, eq(users.id, trainingSessions.trainerId))
    .where(
      allOf(
        eq(trainingSessions.customerId, devices.customerId),
        sql`(${deviceId}::uuid = any(${trainingSessions.deviceIds}) or (cardinality(${trainingSessions.deviceIds}) = 0 and ${trainingSessions.modelId} = ${devices.modelId}))`,
        scope ? eq(trainingSessions.customerId, scope) : undefined,
      ),
    )
    .orderBy(desc(trainingSessions.heldOn));
  return rows.map((r) => ({
    at: day(r.heldOn),
    kind: 'training',
    number: null,
    title: clip([r.title, r.place, r.trainer].filter(Boolean).join(' · ')),
    status: 'held',
    link: `/training/sessions/${r.id}`,
  }));
}

/** 保养/巡检 (R-PM-*): maintenance visits recorded on the unit. */
async function maintenanceForDevice(ex: Executor, deviceId: string, scope?: DossierScope): Promise<DossierEntry[]> {
  const rows = await ex
    .select({
      workOrderId: maintenanceRecords.workOrderId,
      number: workOrders.number,
      status: workOrders.status,
      arrivedAt: maintenanceRecords.arrivedAt,
      createdAt: maintenanceRecords.createdAt,
      template: maintenanceRecords.templateName,
    })
    .from(maintenanceRecords)
    .innerJoin(workOrders, eq(workOrders.id, maintenanceRecords.workOrderId))
    .where(allOf(eq(maintenanceRecords.deviceId, deviceId), scope ? eq(workOrders.customerId, scope) : undefined))
    .orderBy(desc(maintenanceRecords.createdAt));
  return rows.map((r) => ({
    at: r.arrivedAt ?? r.createdAt,
    kind: 'maintenance',
    number: r.number,
    title: clip(r.template ?? '保养'),
    status: r.status,
    link: `/work-orders/${r.workOrderId}`,
  }));
}

/**
 * The event-like sections, in the order the dossier prints them. Sections built by other
 * modules (adverse events, campaigns, returns) are added HERE, one line each (see the head comment).
 */
export const DOSSIER_SECTIONS: readonly DossierSection[] = [
  { key: 'installations', titleZh: '安装验收', titleEn: 'Installation and acceptance', load: installationsForDevice },
  { key: 'maintenance', titleZh: '保养巡检', titleEn: 'Maintenance visits', load: maintenanceForDevice, staffOnly: true },
  { key: 'followups', titleZh: '回访', titleEn: 'Follow-ups', load: followupsForDevice, staffOnly: true },
  { key: 'complaints', titleZh: '投诉', titleEn: 'Complaints', load: complaintsForDevice, staffOnly: true },
  { key: 'holds', titleZh: '停用', titleEn: 'Safety holds', load: holdsForDevice },
  { key: 'training', titleZh: '培训', titleEn: 'Training', load: trainingForDevice },
  // Adverse events are not shown to hospital users at all (vigilance policy); returns are, in their
  // own register, but a unit's returns may predate its present owner, so the dossier keeps them staff-only.
  { key: 'adverse_events', titleZh: '不良事件', titleEn: 'Adverse events', load: adverseEventsForDevice, staffOnly: true },
  { key: 'returns', titleZh: '退换货', titleEn: 'Returns and exchanges', load: returnsForDevice, staffOnly: true },
  // A recall or field action on the unit concerns whoever holds it now, so hospitals see it too.
  { key: 'campaigns', titleZh: '召回与现场行动', titleEn: 'Recalls and field actions', load: campaignsForDevice },
];
