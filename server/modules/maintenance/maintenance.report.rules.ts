// 月度巡检报告 (issue 13 §1; seed 002: 售后服务组每月对所有维护期内的系统巡检一次，并对每个系统形成一份
// 月度巡检报告): the pure part — the month's bounds, the summary counted from the loaded visits, and the
// six-month trend window. No I/O here; the SQL is in maintenance.report.service.ts, the PDF in
// maintenance.report.pdf.ts.
import type { VisitStatus } from './maintenance.plans.rules.ts';

/** A reading as the report prints it. */
export interface ReportReading {
  checkKey: string;
  label: string;
  value: string;
  numericValue: number | null;
  unit: string | null;
  min: number | null;
  max: number | null;
  expected: string | null;
  status: 'in_range' | 'low' | 'high' | 'not_applicable';
  outOfRange: boolean;
  instrumentCode: string | null;
  instrumentName: string | null;
}

/** A finding and, when not fixed on the spot, its repair request (R-PM-1). */
export interface ReportFinding {
  description: string;
  fixedOnSpot: boolean;
  requestNumber: string | null;
  /** The linked repair request is not yet resolved/closed/cancelled. */
  open: boolean;
}

/** One visit (maintenance record) of the month. */
export interface ReportVisit {
  workOrderId: string;
  workOrderNumber: string;
  workOrderStatus: string;
  date: string;
  engineerName: string | null;
  arrivedAt: string | null;
  departedAt: string | null;
  onSiteMinutes: number | null;
  tasks: { key: string; label: string; done: boolean | null; note: string | null }[];
  readings: ReportReading[];
  findings: ReportFinding[];
  signerName: string | null;
  /** R-PM-2: the record's version — above 1 it was corrected after sign-off (已更正 vN); the report shows the latest. */
  contentVersion: number;
}

/** One point of a check's trend: a reading's day and value. */
export interface TrendPoint {
  date: string;
  value: string;
  numericValue: number | null;
  outOfRange: boolean;
}
export interface TrendSeries {
  checkKey: string;
  label: string;
  unit: string | null;
  min: number | null;
  max: number | null;
  points: TrendPoint[];
}

export interface ReportDevice {
  deviceId: string;
  serialNumber: string;
  modelName: string;
  departmentName: string | null;
  location: string | null;
  /** Covered by a maintenance contract during the month (a 维护期内的系统). */
  underContract: boolean;
  visits: ReportVisit[];
  trends: TrendSeries[];
}

/** A planned visit (year plan) falling in the month. */
export interface ReportPlannedVisit {
  visitId: string;
  deviceId: string;
  serialNumber: string;
  plannedDate: string;
  engineerName: string | null;
  status: VisitStatus;
  overdue: boolean;
  workOrderNumber: string | null;
}

export interface MonthlyReportData {
  companyName: string;
  customerId: string;
  customerName: string;
  month: string;
  generatedAt: string;
  devices: ReportDevice[];
  plannedVisits: ReportPlannedVisit[];
}

export interface MonthlySummary {
  systems: number;
  plannedVisits: number;
  doneVisits: number;
  overdueVisits: number;
  missedVisits: number;
  recordedVisits: number;
  readings: number;
  outOfRange: number;
  findings: number;
  openFindings: number;
}

/** 'YYYY-MM' → its first and last day, and the first day of the trend window (6 months incl. this one). */
export function monthBounds(month: string): { from: string; to: string; trendFrom: string } {
  const [y, m] = month.split('-').map(Number);
  const pad = (n: number) => String(n).padStart(2, '0');
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const t = new Date(Date.UTC(y, m - 1 - 5, 1));
  return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(last)}`, trendFrom: `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-01` };
}

/**
 * The report's summary (seed 002): systems under maintenance (under contract, or visited), planned
 * visits vs done, overdue and missed ones, visits recorded, readings and those out of range,
 * findings and those still open (their repair request not finished).
 */
export function summarise(d: Pick<MonthlyReportData, 'devices' | 'plannedVisits'>): MonthlySummary {
  const visits = d.devices.flatMap((x) => x.visits);
  const readings = visits.flatMap((v) => v.readings);
  const findings = visits.flatMap((v) => v.findings);
  return {
    systems: d.devices.filter((x) => x.underContract || x.visits.length > 0).length,
    plannedVisits: d.plannedVisits.length,
    doneVisits: d.plannedVisits.filter((v) => v.status === 'done').length,
    overdueVisits: d.plannedVisits.filter((v) => v.overdue).length,
    missedVisits: d.plannedVisits.filter((v) => v.status === 'missed').length,
    recordedVisits: visits.length,
    readings: readings.length,
    outOfRange: readings.filter((r) => r.outOfRange).length,
    findings: findings.length,
    openFindings: findings.filter((f) => f.open).length,
  };
}

/** The range as printed: "2–8 °C", "≥ 2", "≤ 8", the expected text, or "—". */
export function rangeText(r: { min: number | null; max: number | null; expected: string | null; unit: string | null }): string {
  const u = r.unit ? ` ${r.unit}` : '';
  if (r.min !== null && r.max !== null) return `${r.min}–${r.max}${u}`;
  if (r.min !== null) return `≥ ${r.min}${u}`;
  if (r.max !== null) return `≤ ${r.max}${u}`;
  return r.expected ?? '—';
}

/** A safe ASCII file name for the report (the Chinese one goes into filename*). */
export function reportFileName(customerCode: string, month: string): string {
  const code = customerCode.replace(/[^A-Za-z0-9_-]/g, '') || 'customer';
  return `inspection-report-${code}-${month}.pdf`;
}
