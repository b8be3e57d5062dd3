// Complaint rules (R-CP-1..5), pure: the lifecycle, the completeness of the file that a
// quality inspection reads (R-CP-4: ISO 13485 §8.2.2, 21 CFR 820.198), deadlines by severity,
// and the weight of a repeat (R-CP-3: the same problem again for the same customer counts double).
import { dateIn } from '../../lib/calendar.ts';

export const COMPLAINT_STATUSES = ['draft', 'open', 'investigating', 'replied', 'verified', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_CAUSES = ['product_quality', 'repair_quality', 'response_time', 'service_attitude', 'parts', 'billing', 'other'] as const;
export type Severity = 'minor' | 'normal' | 'major';

export const TRANSITIONS: Record<ComplaintStatus, ComplaintStatus[]> = {
  draft: ['open'],
  open: ['investigating', 'replied'],
  investigating: ['replied'],
  replied: ['verified', 'investigating', 'closed'],
  verified: ['closed', 'investigating'],
  closed: [],
};

/** A closed file is final: it is no longer edited (R-CP-4); every other state takes the handlers' edits. */
export const complaintEditable = (status: ComplaintStatus) => status !== 'closed';

/** Default handling deadlines in calendar days by severity (an editable policy's defaults). */
export const DEADLINE_DAYS: Record<Severity, number> = { major: 3, normal: 7, minor: 15 };

export interface ComplaintFile {
  deviceIdentifier: string | null;
  receivedAt: Date | null;
  complainantName: string | null;
  matter: string | null;
  cause: string | null;
  ownerId: string | null;
  reportable: boolean | null;
  reportabilityReason: string | null;
  noInvestigationReason: string | null;
  investigationStartedOn: string | null;
  investigationEndedOn: string | null;
  investigationResult: string | null;
  rootCause: string | null;
  correctiveAction: string | null;
  reply: string | null;
  repliedAt: Date | null;
  verification: string | null;
  substantiated: boolean | null;
  responsibleId: string | null;
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** The R-CP-4 fields still missing before the file may close; empty when complete. */
export function missingForClosure(c: ComplaintFile): string[] {
  const missing: string[] = [];
  const need = (field: keyof ComplaintFile) => {
    if (blank(c[field])) missing.push(field);
  };
  need('deviceIdentifier');
  need('receivedAt');
  need('complainantName');
  need('matter');
  need('cause');
  need('ownerId');
  need('reportable');
  need('reportabilityReason');
  if (blank(c.noInvestigationReason)) {
    // Investigated: dates, results, root cause, corrective action, verification of the fix.
    need('investigationStartedOn');
    need('investigationEndedOn');
    need('investigationResult');
    need('rootCause');
    need('correctiveAction');
    need('verification');
  }
  need('reply');
  need('repliedAt');
  need('substantiated');
  // 查实: a verified complaint names the responsible person (R-CP-3).
  if (c.substantiated === true) need('responsibleId');
  return missing;
}

export const weightOf = (repeatOfId: string | null) => (repeatOfId ? 2 : 1);

export function deadlineFor(severity: Severity, receivedAt: Date, timeZone: string): string {
  const day = new Date(receivedAt.getTime() + DEADLINE_DAYS[severity] * 86_400_000);
  return dateIn(day, timeZone);
}
