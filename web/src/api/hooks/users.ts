// User accounts (用户). Create / edit go through RecordForm; the password reset is its own write.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type User = components['schemas']['User'];
export type Role = User['roles'][number];

export const userKeys = keysFor('users');

/** Sets someone else's password (ends all their sessions); bumps the record's version. */
export function useResetPassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/users/{id}/password', 'post'>) =>
      must(api.POST('/api/v1/users/{id}/password', { params: { path: { id } }, body })),
    // It also ends the user's sessions: when that is the signed-in admin, /auth/me now answers 401
    // and the app shows the login.
    onSuccess: (_, { id }) => Promise.all([userKeys.lists(), userKeys.detail(id), ['me']].map((queryKey) => qc.invalidateQueries({ queryKey }))),
  });
}
