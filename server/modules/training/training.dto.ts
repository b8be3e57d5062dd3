// Request and response shapes of the training endpoints (R-TR-1).
import { z } from 'zod';
import { isoDate, optionalText, schemaId, text, version } from '../../lib/dto.ts';

const score = z.number().int().min(0).max(100);

export const sessionBody = z.strictObject({
  customerId: z.uuid(),
  departmentId: z.uuid().nullable().optional(),
  modelId: z.uuid().nullable().optional(),
  deviceIds: z.array(z.uuid()).max(50).default([]),
  title: text(200),
  heldOn: isoDate(),
  place: text(200),
  trainerId: z.uuid(),
  syllabus: text(8000),
  passMark: score.default(60),
});
export const sessionPatch = z.strictObject({
  version,
  departmentId: z.uuid().nullable().optional(),
  modelId: z.uuid().optional(),
  deviceIds: z.array(z.uuid()).max(50).optional(),
  title: text(200).optional(),
  heldOn: isoDate().optional(),
  place: text(200).optional(),
  trainerId: z.uuid().optional(),
  syllabus: text(8000).optional(),
  passMark: score.optional(),
});
export const attendeeBody = z.strictObject({
  name: text(100),
  department: optionalText(100),
  jobTitle: optionalText(100),
  phone: optionalText(40),
  score: score.nullable().optional(),
});
export const attendeePatch = z.strictObject({
  version,
  name: text(100).optional(),
  department: optionalText(100),
  jobTitle: optionalText(100),
  phone: optionalText(40),
  score: score.nullable().optional(),
});

export const attendeeDto = z
  .object({
    id: z.string(),
    version: z.number(),
    name: z.string(),
    department: z.string().nullable(),
    jobTitle: z.string().nullable(),
    phone: z.string().nullable(),
    score: z.number().nullable(),
    passed: z.boolean().nullable(),
    certificateNumber: z.string().nullable(),
    /** The public verification path (/verify/certificate/<token>), for those who passed. */
    verifyPath: z.string().nullable(),
  })
  .meta(schemaId('TrainingAttendee'));

export const sessionDto = z
  .object({
    id: z.string(),
    version: z.number(),
    customerId: z.string(),
    customerName: z.string(),
    departmentId: z.string().nullable(),
    departmentName: z.string().nullable(),
    modelId: z.string(),
    modelCode: z.string(),
    modelName: z.string(),
    deviceIds: z.array(z.string()),
    title: z.string(),
    heldOn: z.string(),
    place: z.string(),
    trainerId: z.string(),
    trainerName: z.string(),
    syllabus: z.string(),
    passMark: z.number(),
    attendeeCount: z.number(),
    passedCount: z.number(),
  })
  .meta(schemaId('TrainingSession'));
export const sessionDetailDto = sessionDto
  .extend({
    attendees: z.array(attendeeDto),
    devices: z.array(z.object({ id: z.string(), serialNumber: z.string() })),
    /** update: the session is still planned (no assessment recorded) and the caller may manage training (R-TR-1). */
    abilities: z.object({ manage: z.boolean(), update: z.boolean() }),
  })
  .meta(schemaId('TrainingSessionDetail'));

export const publicCertificateDto = z
  .object({ number: z.string(), name: z.string(), hospital: z.string(), model: z.string(), heldOn: z.string(), valid: z.boolean() })
  .meta(schemaId('PublicCertificate'));

export const archiveRowDto = z
  .object({
    sessionId: z.string(),
    title: z.string(),
    heldOn: z.string(),
    place: z.string(),
    modelCode: z.string(),
    modelName: z.string(),
    trainerName: z.string(),
    passMark: z.number(),
    attendeeId: z.string().nullable(),
    name: z.string().nullable(),
    department: z.string().nullable(),
    jobTitle: z.string().nullable(),
    score: z.number().nullable(),
    passed: z.boolean().nullable(),
    certificateNumber: z.string().nullable(),
  })
  .meta(schemaId('TrainingArchiveRow'));

const subject = { modelId: z.uuid().nullable().optional(), skill: optionalText(100) };
export const planBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  topic: text(200),
  ...subject,
  plannedMonth: z.number().int().min(1).max(12),
  traineeIds: z.array(z.uuid()).max(200).default([]),
});
export const planDto = z
  .object({
    id: z.string(),
    version: z.number(),
    year: z.number(),
    topic: z.string(),
    modelId: z.string().nullable(),
    modelCode: z.string().nullable(),
    skill: z.string().nullable(),
    plannedMonth: z.number(),
    traineeIds: z.array(z.string()),
  })
  .meta(schemaId('StaffTrainingPlan'));

const assessment = {
  selfScore: score.nullable().optional(),
  supervisorScore: score.nullable().optional(),
  customerScore: score.nullable().optional(),
  assessmentComment: optionalText(2000),
};
export const recordBody = z.strictObject({
  planId: z.uuid().nullable().optional(),
  traineeId: z.uuid(),
  topic: text(200),
  ...subject,
  heldOn: isoDate(),
  hours: z.number().positive().max(1000).multipleOf(0.5),
  trainer: text(100),
  ...assessment,
});
export const assessBody = z.strictObject({ version, ...assessment });
export const recordDto = z
  .object({
    id: z.string(),
    version: z.number(),
    planId: z.string().nullable(),
    traineeId: z.string(),
    traineeName: z.string(),
    topic: z.string(),
    modelId: z.string().nullable(),
    modelCode: z.string().nullable(),
    skill: z.string().nullable(),
    heldOn: z.string(),
    hours: z.number(),
    trainer: z.string(),
    selfScore: z.number().nullable(),
    supervisorScore: z.number().nullable(),
    customerScore: z.number().nullable(),
    assessmentComment: z.string().nullable(),
    average: z.number().nullable(),
  })
  .meta(schemaId('StaffTrainingRecord'));

export const qualificationBody = z.strictObject({
  userId: z.uuid(),
  ...subject,
  grantedOn: isoDate(),
  expiresOn: isoDate(),
  basisRecordId: z.uuid().nullable().optional(),
  basis: text(500),
});
export const qualificationPatch = z.strictObject({ version, expiresOn: isoDate().optional(), basis: text(500).optional() });
export const qualificationDto = z
  .object({
    id: z.string(),
    version: z.number(),
    userId: z.string(),
    userName: z.string(),
    modelId: z.string().nullable(),
    modelCode: z.string().nullable(),
    modelName: z.string().nullable(),
    skill: z.string().nullable(),
    grantedOn: z.string(),
    expiresOn: z.string(),
    grantedBy: z.string(),
    basisRecordId: z.string().nullable(),
    basis: z.string(),
    state: z.enum(['valid', 'expiring', 'expired', 'future']),
  })
  .meta(schemaId('Qualification'));
export const matrixDto = z
  .object({
    day: z.string(),
    people: z.array(z.object({ id: z.string(), name: z.string() })),
    models: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
    cells: z.array(z.object({ userId: z.string(), modelId: z.string(), expiresOn: z.string(), state: z.enum(['valid', 'expiring', 'expired', 'future']) })),
  })
  .meta(schemaId('QualificationMatrix'));
