// Who may manage accounts (SPEC §1: admins manage users and roles).
import { definePolicy } from '../../lib/access.ts';

export const usersPolicy = definePolicy({
  list: ['admin'],
  read: ['admin'],
  create: ['admin'],
  update: ['admin'],
  resetPassword: ['admin'],
});
