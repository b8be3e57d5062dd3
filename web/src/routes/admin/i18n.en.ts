// English strings of ./i18n.ts (zh-CN there, and the shape both follow), in a module of their own
// so a session downloads only its language's strings (issue 17 item 6).
import { terms } from '../../glossary.ts';
import type { zh } from './i18n.ts';

export const en: typeof zh = {
  user: {
    title: 'User',
    username: 'Username',
    displayName: 'Name',
    roles: 'Roles',
    customer: 'Hospital',
    active: 'Active',
    lastLoginAt: 'Last login',
    password: 'Initial password',
    resetPassword: 'Reset password',
    newPassword: 'New password',
    locale: 'Language',
    email: 'Email',
    usernamePattern: '3–50 characters: letters, digits and . _ @ - only',
    customerRequired: 'A hospital user needs a hospital',
    customerUserAlone: 'A hospital user cannot hold other roles',
    passwordHint: 'At least 10 characters, with letters and digits',
    passwordReset: "Password reset; all of the user's sessions were ended",
    locales: { 'zh-CN': '简体中文', 'en-US': 'English' },
    roleNames: terms('role', 'en-US'),
  },
  audit: {
    title: 'Audit trail',
    verify: 'Verify hash chain',
    verifyOk: 'Chain intact: {{checked}} entries verified ({{batches}} signed batches), {{unsealed}} waiting to be sealed',
    verifyBroken: 'Chain broken at chain position {{seq}} ({{reason}})',
    seq: 'Seq',
    at: 'Time',
    actor: 'Actor',
    entity: 'Entity',
    entityId: 'Entity id',
    action: 'Action',
    changes: 'Changes',
    before: 'Before',
    after: 'After',
    history: 'History',
    actions: terms('auditAction', 'en-US'),
    reasons: { hash_mismatch: 'hash mismatch', link_mismatch: 'link mismatch' },
    field: 'Field',
    noDiff: 'No recorded changes',
  },
};
