// Service handbook (售后服务手册, issue 15 §5, R-KB-1). Staff read the handbook and get suggestions;
// the people who solve problems write drafts (engineers, technicians, experts, the service manager,
// quality); an expert, quality or the service manager reviews and publishes — never their own entry
// (handbook.rules.ts handbookSelfReview). Model documents (办法§17) are kept by experts, quality and
// the service manager (and admin); hospital users read the documents offered for the models they own.
import { ALL, definePolicy, STAFF } from '../../lib/access.ts';

export const handbookPolicy = definePolicy({
  read: STAFF,
  write: ['engineer', 'technician', 'technical_expert', 'service_manager', 'quality'],
  review: ['technical_expert', 'quality', 'service_manager'],
  manageFaultCodes: ['admin', 'technical_expert', 'quality', 'service_manager'],
  readDocuments: ALL,
  manageDocuments: ['admin', 'technical_expert', 'quality', 'service_manager'],
});
