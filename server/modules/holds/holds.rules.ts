// Safety hold rules (停用, issue 14 §1, R-REG-1). Pure: no I/O.
//
// A held unit comes back into use only on a verification: a work order on that same unit, done
// after the hazard was found, that records the tests proving it safe (维修验证 testResults) and has
// been reviewed; quality signs the release (R-AU-1: password again, meaning + content hash).

export type HoldRefusal = 'hold_wo_other_device' | 'hold_wo_before_hold' | 'hold_wo_no_tests' | 'hold_wo_not_reviewed';

export interface VerificationCandidate {
  deviceId: string;
  status: string;
  testResults: string | null;
  resolvedAt: Date | null;
  reviewedAt: Date | null;
}

/** Why a work order cannot be the verification that releases the hold, or null when it can (R-REG-1). */
export function verificationRefusal(hold: { deviceId: string; placedAt: Date }, wo: VerificationCandidate): HoldRefusal | null {
  if (wo.deviceId !== hold.deviceId) return 'hold_wo_other_device';
  if (!wo.resolvedAt || wo.resolvedAt.getTime() < hold.placedAt.getTime()) return 'hold_wo_before_hold';
  if (!wo.testResults?.trim()) return 'hold_wo_no_tests';
  if (!wo.reviewedAt || !['reviewed', 'closed'].includes(wo.status)) return 'hold_wo_not_reviewed';
  return null;
}

/** The status a released unit returns to: still down while an open request reports it down, else in service. */
export function statusAfterRelease(openDownRequests: number): 'in_service' | 'down' {
  return openDownRequests > 0 ? 'down' : 'in_service';
}
