// Request and response shapes of traceability (追溯, issue 14 §5, R-REG-5).
import { z } from 'zod';
import { listQuery, schemaId } from '../../lib/dto.ts';

const NO_CONTROL = /^[^\p{Cc}]*$/u;
const code = z.string().trim().min(1).max(100).regex(NO_CONTROL, { message: 'control characters are not allowed' });

/** A part lot or a serial (exactly one), optionally narrowed to a part code. */
export const partTraceQuery = z
  // "Exactly one of lot and serial" is checked by unitsWithPart, after the authorization.
  .strictObject({ lot: code.optional(), serial: code.optional(), partCode: code.optional() });

export const DEVICE_STATUSES = ['in_service', 'down', 'safety_hold', 'retired'] as const;
export const modelTraceQuery = listQuery(['customerName', 'serialNumber', 'softwareVersion'], {
  modelId: z.uuid(),
  softwareVersion: code.optional(),
  status: z.enum(DEVICE_STATUSES).optional(),
});
export const modelTraceExportQuery = modelTraceQuery.omit({ page: true, pageSize: true });

export const partTraceRowDto = z
  .object({
    lineId: z.string(),
    at: z.string(),
    direction: z.enum(['fitted', 'removed']),
    partNo: z.string().nullable(),
    partName: z.string(),
    quantity: z.string(),
    lot: z.string().nullable(),
    installedSerial: z.string().nullable(),
    removedSerial: z.string().nullable(),
    workOrderId: z.string(),
    workOrderNumber: z.string(),
    workOrderStatus: z.string(),
    deviceId: z.string(),
    serialNumber: z.string(),
    modelName: z.string(),
    deviceStatus: z.string(),
    customerId: z.string(),
    customerName: z.string(),
  })
  .meta(schemaId('TracePartRow'));

export const partTraceResultDto = z
  .object({
    items: z.array(partTraceRowDto),
    /** Distinct units and hospitals the lot/serial reached: the recall's "who has it?". */
    devices: z.number(),
    customers: z.number(),
    truncated: z.boolean(),
  })
  .meta(schemaId('TracePartResult'));

export const modelTraceRowDto = z
  .object({
    deviceId: z.string(),
    serialNumber: z.string(),
    softwareVersion: z.string().nullable(),
    status: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    siteName: z.string().nullable(),
    location: z.string().nullable(),
    acceptanceDate: z.string().nullable(),
    modelName: z.string(),
  })
  .meta(schemaId('TraceModelRow'));

const entry = z.object({
  at: z.string(),
  kind: z.string(),
  number: z.string().nullable(),
  title: z.string(),
  status: z.string(),
  link: z.string().nullable(),
});

export const dossierDto = z
  .object({
    unit: z.object({
      id: z.string(),
      serialNumber: z.string(),
      udi: z.string().nullable(),
      modelId: z.string(),
      modelCode: z.string(),
      modelName: z.string(),
      manufacturer: z.string().nullable(),
      regulatoryClass: z.string(),
      implantable: z.boolean(),
      softwareVersion: z.string().nullable(),
      status: z.string(),
      customerId: z.string(),
      customerName: z.string(),
      siteName: z.string().nullable(),
      departmentName: z.string().nullable(),
      location: z.string().nullable(),
      installDate: z.string().nullable(),
      acceptanceDate: z.string().nullable(),
      warrantyEnd: z.string().nullable(),
    }),
    placements: z.array(
      z.object({
        from: z.string(),
        to: z.string().nullable(),
        customerName: z.string().nullable(),
        siteName: z.string().nullable(),
        departmentName: z.string().nullable(),
        location: z.string().nullable(),
        actorName: z.string().nullable(),
      }),
    ),
    contracts: z.array(
      z.object({
        id: z.string(),
        number: z.string(),
        kind: z.string(),
        startDate: z.string(),
        endDate: z.string(),
        slaPolicy: z.string().nullable(),
        visitsPerYear: z.number(),
      }),
    ),
    workOrders: z.array(
      z.object({
        id: z.string(),
        number: z.string(),
        kind: z.string(),
        status: z.string(),
        createdAt: z.string(),
        resolvedAt: z.string().nullable(),
        closedAt: z.string().nullable(),
        cancelledAt: z.string().nullable(),
        engineerName: z.string().nullable(),
        fault: z.string(),
        cause: z.string().nullable(),
        actions: z.string().nullable(),
        testResults: z.string().nullable(),
      }),
    ),
    parts: z.array(
      z.object({
        id: z.string(),
        at: z.string(),
        workOrderId: z.string(),
        workOrderNumber: z.string(),
        partNo: z.string().nullable(),
        name: z.string(),
        quantity: z.string(),
        lot: z.string().nullable(),
        installedSerial: z.string().nullable(),
        removedSerial: z.string().nullable(),
        source: z.string(),
      }),
    ),
    signatures: z.array(
      z.object({
        id: z.string(),
        entity: z.string(),
        entityId: z.string(),
        number: z.string().nullable(),
        meaningText: z.string(),
        signerName: z.string(),
        signedAt: z.string(),
        contentHash: z.string(),
        manifestation: z.string(),
      }),
    ),
    sections: z.array(z.object({ key: z.string(), titleZh: z.string(), titleEn: z.string(), entries: z.array(entry) })),
    abilities: z.object({ export: z.boolean(), search: z.boolean() }),
  })
  .meta(schemaId('DeviceDossier'));
