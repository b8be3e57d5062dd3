import { definePolicy, STAFF } from '../../lib/access.ts';

/** R-CL-1: customer service (dispatchers) log calls and work the missed ones; managers read all. */
export const callsPolicy = definePolicy({
  read: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technical_expert', 'quality', 'executive'],
  log: ['admin', 'service_manager', 'dispatcher'],
});

/** Hotline hours and the on-call roster: everyone inside sees who is on duty; managers plan it. */
export const hotlinePolicy = definePolicy({
  read: STAFF,
  manage: ['admin', 'service_manager'],
});

/**
 * 技术咨询 (seed 004 §5.1; seed 003 4.4.2 客服管理岗 answers product questions): customer service
 * registers; engineers and experts answer what is assigned to them; escalation goes to a technical
 * expert (R-ESC-1); hospital users read their own hospital's consultations.
 */
export const consultationsPolicy = definePolicy({
  read: [...STAFF, 'customer_user'],
  create: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technical_expert'],
  answer: ['admin', 'service_manager', 'dispatcher', 'engineer', 'technical_expert'],
  escalate: ['admin', 'service_manager', 'dispatcher', 'engineer'],
  research: ['admin', 'service_manager', 'technical_expert'],
  close: ['admin', 'service_manager', 'dispatcher'],
});
