// Maintenance visit records (issue 13 §1 recording, §2; R-PM-1, R-PM-2; seed 002 实际工作未做却提供
// 虚假巡检报告…加倍乐捐): the pure rules of the manager's "巡检证据异常" list. Each pattern takes plain
// visit facts and answers the visits it flags; the service reads the facts, the routes list them.

export type ExceptionKind = 'identical_readings' | 'short_visit' | 'photo_reused' | 'signature_outside_window';
export const EXCEPTION_KINDS: readonly ExceptionKind[] = ['identical_readings', 'short_visit', 'photo_reused', 'signature_outside_window'];

export interface VisitFacts {
  recordId: string;
  workOrderId: string;
  deviceId: string;
  engineerId: string | null;
  arrivedAt: Date | null;
  departedAt: Date | null;
  minOnSiteMinutes: number;
  /** check key → value as recorded. */
  readings: Readonly<Record<string, string>>;
  photoHashes: readonly string[];
  signedAt: Date | null;
}

export interface EvidenceException {
  kind: ExceptionKind;
  workOrderId: string;
  /** The other visits in the pattern (identical readings, the same photo). */
  related: string[];
  params: Record<string, string | number>;
}

/** Minutes on site, rounded down; null until both arrival and departure are recorded. */
export function onSiteMinutes(arrivedAt: Date | null, departedAt: Date | null): number | null {
  if (!arrivedAt || !departedAt) return null;
  return Math.floor((departedAt.getTime() - arrivedAt.getTime()) / 60_000);
}

/** Readings as one comparable string (keys sorted, values trimmed); null with fewer than `minimum` readings. */
export function readingFingerprint(readings: Readonly<Record<string, string>>, minimum = 2): string | null {
  const keys = Object.keys(readings).sort();
  if (keys.length < minimum) return null;
  return keys.map((k) => `${k}=${readings[k].trim()}`).join('|');
}

/**
 * Several visits with identical readings (R-PM-2): of the same device, or by the same engineer,
 * two or more visits whose readings (at least two of them) are all the same value for value —
 * real instruments on real devices rarely repeat to the digit. Each visit of a group is flagged
 * once, naming the others.
 */
export function identicalReadings(visits: readonly VisitFacts[]): EvidenceException[] {
  const groups = new Map<string, VisitFacts[]>();
  for (const v of visits) {
    const fp = readingFingerprint(v.readings);
    if (!fp) continue;
    for (const scope of [`device:${v.deviceId}`, v.engineerId ? `engineer:${v.engineerId}` : null]) {
      if (!scope) continue;
      const key = `${scope}#${fp}`;
      groups.set(key, [...(groups.get(key) ?? []), v]);
    }
  }
  const flagged = new Map<string, Set<string>>();
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    for (const v of g) {
      const set = flagged.get(v.workOrderId) ?? new Set<string>();
      for (const o of g) if (o.workOrderId !== v.workOrderId) set.add(o.workOrderId);
      flagged.set(v.workOrderId, set);
    }
  }
  return [...flagged].map(([workOrderId, related]) => ({
    kind: 'identical_readings' as const,
    workOrderId,
    related: [...related].sort(),
    params: { count: related.size + 1 },
  }));
}

/** On site shorter than the template's minimum (R-PM-2); a visit still open is not judged. */
export function shortVisits(visits: readonly VisitFacts[]): EvidenceException[] {
  return visits.flatMap((v) => {
    const minutes = onSiteMinutes(v.arrivedAt, v.departedAt);
    if (minutes == null || v.minOnSiteMinutes <= 0 || minutes >= v.minOnSiteMinutes) return [];
    return [{ kind: 'short_visit' as const, workOrderId: v.workOrderId, related: [], params: { minutes, minimum: v.minOnSiteMinutes } }];
  });
}

/** The same photo (by sha256) in the evidence of two or more visits (R-PM-2). */
export function reusedPhotos(visits: readonly VisitFacts[]): EvidenceException[] {
  const byHash = new Map<string, Set<string>>();
  for (const v of visits) for (const h of new Set(v.photoHashes)) byHash.set(h, (byHash.get(h) ?? new Set()).add(v.workOrderId));
  const flagged = new Map<string, { related: Set<string>; photos: number }>();
  for (const owners of byHash.values()) {
    if (owners.size < 2) continue;
    for (const wo of owners) {
      const f = flagged.get(wo) ?? { related: new Set<string>(), photos: 0 };
      for (const o of owners) if (o !== wo) f.related.add(o);
      f.photos += 1;
      flagged.set(wo, f);
    }
  }
  return [...flagged].map(([workOrderId, f]) => ({ kind: 'photo_reused' as const, workOrderId, related: [...f.related].sort(), params: { photos: f.photos } }));
}

/**
 * The customer signed outside the on-site window (R-PM-2): before the arrival or after the
 * departure by more than `graceMinutes` (the signature taken on the way out). Unsigned or open
 * visits are not judged.
 */
export function signaturesOutsideWindow(visits: readonly VisitFacts[], graceMinutes = 15): EvidenceException[] {
  const grace = graceMinutes * 60_000;
  return visits.flatMap((v) => {
    if (!v.signedAt || !v.arrivedAt || !v.departedAt) return [];
    const t = v.signedAt.getTime();
    if (t >= v.arrivedAt.getTime() && t <= v.departedAt.getTime() + grace) return [];
    const minutes = Math.round((t < v.arrivedAt.getTime() ? v.arrivedAt.getTime() - t : t - v.departedAt.getTime()) / 60_000);
    return [{ kind: 'signature_outside_window' as const, workOrderId: v.workOrderId, related: [], params: { minutes } }];
  });
}

/** Every pattern over the visits, in the order of EXCEPTION_KINDS. */
export function evidenceExceptions(visits: readonly VisitFacts[]): EvidenceException[] {
  return [...identicalReadings(visits), ...shortVisits(visits), ...reusedPhotos(visits), ...signaturesOutsideWindow(visits)];
}
