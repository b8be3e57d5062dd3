import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { customers, departments, deviceModels, users } from '../../db/schema.ts';

/** 客户培训 (R-TR-1, seed 004 §5.2/§8): one session for a hospital on a model (and its devices). */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    ...recordColumns(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'restrict' }),
    modelId: uuid('model_id')
      .notNull()
      .references(() => deviceModels.id, { onDelete: 'restrict' }),
    /** devices ids of the hospital (an array cannot carry a foreign key; the service checks them). */
    deviceIds: uuid('device_ids').array().notNull().default(sql`'{}'::uuid[]`),
    title: text('title').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    trainerId: uuid('trainer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** 培训内容: one item per line. */
    syllabus: text('syllabus').notNull(),
    passMark: integer('pass_mark').notNull().default(60),
  },
  (t) => [index('training_sessions_customer_idx').on(t.customerId, t.heldOn)],
);

/** 参训人员 with the assessment and, when passed, the certificate (培训合格证书). */
export const trainingAttendees = pgTable(
  'training_attendees',
  {
    ...recordColumns(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    department: text('department'),
    jobTitle: text('job_title'),
    phone: text('phone'),
    score: integer('score'),
    passed: boolean('passed'),
    certificateNumber: text('certificate_number'),
    /** The unguessable key of the public verification URL. */
    certificateToken: text('certificate_token'),
    certificateIssuedAt: timestamp('certificate_issued_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('training_attendees_session_idx').on(t.sessionId),
    uniqueIndex('training_attendees_certificate_uq').on(t.certificateNumber),
    uniqueIndex('training_attendees_token_uq').on(t.certificateToken),
  ],
);

/** 年度培训计划 for engineers and dealers' staff. */
export const staffTrainingPlans = pgTable(
  'staff_training_plans',
  {
    ...recordColumns(),
    year: integer('year').notNull(),
    topic: text('topic').notNull(),
    modelId: uuid('model_id').references(() => deviceModels.id, { onDelete: 'restrict' }),
    skill: text('skill'),
    plannedMonth: integer('planned_month').notNull(),
    traineeIds: uuid('trainee_ids').array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [index('staff_training_plans_year_idx').on(t.year, t.plannedMonth)],
);

/** 培训记录 with its assessment by self, supervisor and customer. */
export const staffTrainingRecords = pgTable(
  'staff_training_records',
  {
    ...recordColumns(),
    planId: uuid('plan_id').references(() => staffTrainingPlans.id, { onDelete: 'restrict' }),
    traineeId: uuid('trainee_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    topic: text('topic').notNull(),
    modelId: uuid('model_id').references(() => deviceModels.id, { onDelete: 'restrict' }),
    skill: text('skill'),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    hours: numeric('hours', { precision: 5, scale: 1 }).notNull(),
    trainer: text('trainer').notNull(),
    selfScore: integer('self_score'),
    supervisorScore: integer('supervisor_score'),
    customerScore: integer('customer_score'),
    assessmentComment: text('assessment_comment'),
  },
  (t) => [index('staff_training_records_trainee_idx').on(t.traineeId, t.heldOn)],
);

/** 上岗资质: an engineer × model (or skill), valid from granted_on through expires_on - 1 day. */
export const qualifications = pgTable(
  'qualifications',
  {
    ...recordColumns(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    modelId: uuid('model_id').references(() => deviceModels.id, { onDelete: 'restrict' }),
    skill: text('skill'),
    grantedOn: date('granted_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    grantedBy: uuid('granted_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    basisRecordId: uuid('basis_record_id').references(() => staffTrainingRecords.id, { onDelete: 'restrict' }),
    basis: text('basis').notNull(),
  },
  (t) => [index('qualifications_user_idx').on(t.userId, t.modelId), index('qualifications_expiry_idx').on(t.expiresOn)],
);
