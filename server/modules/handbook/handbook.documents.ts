// Model documents (办法§17, issue 15 §5): maintenance manual, service manual, software backup,
// fault-code table and spare-parts list kept per model with their version; the file hangs on the
// record as an attachment (owner kind `model_document`). A document flagged "offered to the
// customer" is readable by hospital users owning a unit of that model — never by others (404).
import { and, eq, exists, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { deviceModels, devices } from '../../db/schema.ts';
import { customerScope, type Principal } from '../../lib/access.ts';
import type { Actor } from '../../lib/audit.ts';
import { invalidField, notFound } from '../../lib/errors.ts';
import { allOf, insertAudited, lockById, updateAudited } from '../../lib/records.ts';
import { type MODEL_DOCUMENT_KINDS, modelDocuments } from './handbook.tables.ts';

export type ModelDocument = typeof modelDocuments.$inferSelect;
const actorOf = (u: Principal): Actor => ({ id: u.id, name: u.displayName });

/** Hospital users see offered documents of the models they own a unit of. */
const hospitalSees = (ex: Executor, customerId: string): SQL =>
  and(
    eq(modelDocuments.offeredToCustomer, true),
    exists(
      ex
        .select({ one: devices.id })
        .from(devices)
        .where(and(eq(devices.modelId, modelDocuments.modelId), eq(devices.customerId, customerId))),
    ),
  ) as SQL;

export async function listModelDocuments(ex: Executor, user: Principal, f: { modelId?: string }) {
  const scope = customerScope(user);
  return ex
    .select({ d: modelDocuments, modelName: deviceModels.name, modelCode: deviceModels.code })
    .from(modelDocuments)
    .innerJoin(deviceModels, eq(deviceModels.id, modelDocuments.modelId))
    .where(allOf(f.modelId ? eq(modelDocuments.modelId, f.modelId) : undefined, scope !== null ? hospitalSees(ex, scope) : undefined))
    .orderBy(deviceModels.code, modelDocuments.kind, modelDocuments.title);
}

export async function getModelDocument(ex: Executor, user: Principal, id: string) {
  const scope = customerScope(user);
  const [row] = await ex
    .select({ d: modelDocuments, modelName: deviceModels.name, modelCode: deviceModels.code })
    .from(modelDocuments)
    .innerJoin(deviceModels, eq(deviceModels.id, modelDocuments.modelId))
    .where(allOf(eq(modelDocuments.id, id), scope !== null ? hospitalSees(ex, scope) : undefined));
  if (!row) throw notFound();
  return row;
}

/** May this hospital read the document (offered, and it owns a unit of the model)? */
export async function hospitalMayReadDocument(ex: Executor, id: string, customerId: string): Promise<boolean> {
  const rows = await ex
    .select({ id: modelDocuments.id })
    .from(modelDocuments)
    .where(and(eq(modelDocuments.id, id), hospitalSees(ex, customerId)));
  return rows.length > 0;
}

export interface DocumentInput {
  modelId: string;
  kind: (typeof MODEL_DOCUMENT_KINDS)[number];
  title: string;
  docVersion: string;
  offeredToCustomer: boolean;
  note?: string | null;
}

export async function createModelDocument(db: Db, user: Principal, input: DocumentInput): Promise<ModelDocument> {
  return db.transaction(async (tx) => {
    const [m] = await tx.select({ id: deviceModels.id }).from(deviceModels).where(eq(deviceModels.id, input.modelId));
    if (!m) throw invalidField('modelId', 'not_found');
    return insertAudited(tx, actorOf(user), 'model_document', modelDocuments, { ...input, note: input.note ?? null });
  });
}

export async function updateModelDocument(
  db: Db,
  user: Principal,
  id: string,
  input: { version: number; title?: string; docVersion?: string; offeredToCustomer?: boolean; note?: string | null },
): Promise<ModelDocument> {
  return db.transaction(async (tx) => {
    const row = await lockById(tx, modelDocuments, id);
    const { version, ...patch } = input;
    return updateAudited(tx, actorOf(user), 'model_document', modelDocuments, id, version, patch, row);
  });
}
