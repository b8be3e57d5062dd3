// One click from a call (R-CL-1): the call becomes a repair request (the same registration the
// dispatcher's intake runs, requests module), a consultation or a complaint (the complaints
// module's registration), and is linked to it — all in one transaction, the call locked first so
// two clicks cannot create two records.
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../lib/access.ts';
import type { Actor } from '../../lib/audit.ts';
import { AppError } from '../../lib/errors.ts';
import { type Locale, t } from '../../lib/i18n.ts';
import { lockById, updateAudited } from '../../lib/records.ts';
import { createComplaint } from '../complaints/index.ts';
import { registerRequest } from '../requests/index.ts';
import type { LinkKind } from './calls.rules.ts';
import { calls } from './calls.tables.ts';
import { insertConsultation } from './consultations.service.ts';

export interface ConvertInput {
  version: number;
  kind: LinkKind;
  /** Repair request: the fault as told (default: the call's topic and notes). */
  faultDescription?: string | null;
  deviceDown?: boolean;
  deviceId?: string | null;
  /** Consultation: the question (default: topic and notes). */
  question?: string | null;
  /** Complaint: what the caller complains about (default: topic and notes), and how serious. */
  matter?: string | null;
  severity?: 'minor' | 'normal' | 'major';
}

export async function convertCall(db: Db, user: Principal, id: string, input: ConvertInput, timeZone: string, locale: Locale, now = new Date()) {
  const actor: Actor = { id: user.id, name: user.displayName };
  return db.transaction(async (tx) => {
    const call = await lockById(tx, calls, id);
    if (call.linkedKind) throw new AppError(409, 'call_already_linked', { kind: t(`link.${call.linkedKind}`, locale) });
    if (call.version !== input.version) throw new AppError(409, 'version_conflict', { current: call.version }, undefined, { currentVersion: call.version });
    const told = [call.topic, call.notes].filter(Boolean).join('\n');
    const caller = call.callerName ?? call.phone;
    // The other modules' use cases open their own transaction: inside this one it is a savepoint,
    // so the record and the link commit together or not at all.
    const nested = tx as unknown as Db;
    let linkedId: string;
    if (input.kind === 'request') {
      const deviceId = input.deviceId ?? call.deviceId;
      if (!deviceId) throw new AppError(422, 'call_needs_device', {}, [{ field: 'deviceId', code: 'required' }]);
      const r = await registerRequest(
        nested,
        user,
        {
          deviceId,
          faultDescription: input.faultDescription ?? told,
          deviceDown: input.deviceDown ?? false,
          channel: 'phone',
          reporterName: caller,
          reporterPhone: call.phone,
          receivedAt: call.startedAt.toISOString(),
          urgencyReason: null,
          internal: false,
        },
        timeZone,
        now,
      );
      linkedId = r.requestId;
    } else {
      if (!call.customerId) throw new AppError(422, 'call_needs_customer', {}, [{ field: 'customerId', code: 'required' }]);
      if (input.kind === 'consultation') {
        const c = await insertConsultation(
          tx,
          actor,
          {
            question: input.question ?? told,
            customerId: call.customerId,
            deviceId: input.deviceId ?? call.deviceId,
            askerName: call.callerName,
            askerPhone: call.phone,
            askedAt: call.startedAt,
            callId: call.id,
          },
          now,
        );
        linkedId = c.id;
      } else {
        const c = await createComplaint(
          nested,
          actor,
          {
            channel: 'hotline',
            receivedAt: call.startedAt,
            customerId: call.customerId,
            complainantName: caller,
            complainantPhone: call.phone,
            deviceId: input.deviceId ?? call.deviceId,
            matter: input.matter ?? told,
            severity: input.severity ?? 'normal',
          },
          timeZone,
          now,
        );
        linkedId = c.id;
      }
    }
    return updateAudited(tx, actor, 'call', calls, id, input.version, { linkedKind: input.kind, linkedId, outcome: input.kind }, call);
  });
}
