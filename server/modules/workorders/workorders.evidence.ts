// R-PM-2 (issue 13 §2; seed 002 虚假巡检报告): the evidence a maintenance visit must carry before its
// work order counts as done. Pure: the work-order step machine (linkRefusal) and the abilities the
// web shows buttons by both ask it, so a button is offered exactly when the endpoint lets it pass.
// The maintenance module records the evidence; this module only reads it (workorders.access linksOf).

/** The evidence of one maintenance visit as read from its record, readings, photos and signature. */
export interface VisitEvidence {
  arrivedAt: Date | null;
  departedAt: Date | null;
  /** The template's tasks, each with whether it was marked (done or not done, with a note). */
  tasks: readonly { key: string; label: string; marked: boolean }[];
  /** The template's checks, each with whether a reading was recorded. */
  checks: readonly { key: string; label: string; read: boolean }[];
  photosRequired: number;
  /** When each active visit photo was captured: EXIF DateTimeOriginal, else its upload time. */
  photoTimes: readonly Date[];
  /** The customer's signature of the current content version, if any. */
  signature: { signerName: string; meaning: string } | null;
}

export type EvidenceItem =
  | { code: 'evidence_record' }
  | { code: 'evidence_arrival' }
  | { code: 'evidence_departure' }
  | { code: 'evidence_task'; key: string; label: string }
  | { code: 'evidence_reading'; key: string; label: string }
  | { code: 'evidence_photos'; required: number; inWindow: number }
  | { code: 'evidence_signature' };

/** The step being asked for: resolve/sign need the visit's evidence; review/close also the signature. */
export type EvidenceStage = 'visit' | 'signed';

/** A photo counts when it was captured inside the on-site window (bounds included). */
export function photosInWindow(times: readonly Date[], arrivedAt: Date | null, departedAt: Date | null): number {
  if (!arrivedAt || !departedAt) return 0;
  return times.filter((t) => t.getTime() >= arrivedAt.getTime() && t.getTime() <= departedAt.getTime()).length;
}

/**
 * Everything a maintenance visit still lacks, in a fixed order (R-PM-2): no record at all; arrival;
 * departure; each unmarked task; each check without a reading; too few photos inside the on-site
 * window; and — once signed — the customer's signature with name and meaning. Empty when it passes.
 */
export function evidenceMissing(e: VisitEvidence | null, stage: EvidenceStage = 'visit'): EvidenceItem[] {
  if (!e) return [{ code: 'evidence_record' }];
  const out: EvidenceItem[] = [];
  if (!e.arrivedAt) out.push({ code: 'evidence_arrival' });
  if (!e.departedAt) out.push({ code: 'evidence_departure' });
  for (const t of e.tasks) if (!t.marked) out.push({ code: 'evidence_task', key: t.key, label: t.label });
  for (const c of e.checks) if (!c.read) out.push({ code: 'evidence_reading', key: c.key, label: c.label });
  const inWindow = photosInWindow(e.photoTimes, e.arrivedAt, e.departedAt);
  if (inWindow < e.photosRequired) out.push({ code: 'evidence_photos', required: e.photosRequired, inWindow });
  if (stage === 'signed' && !(e.signature?.signerName.trim() && e.signature.meaning.trim())) out.push({ code: 'evidence_signature' });
  return out;
}
