// Engineer profiles (工程师档案, R-DSP-2 inputs): the people who can be assigned work, and saving
// one's skills and areas (issue 11 item 2). The list screen is a ListPage over the same root, so
// a save refreshes it through engineerProfileKeys.lists().
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type EngineerProfile = components['schemas']['EngineerProfile'];

export const engineerProfileKeys = keysFor('engineer-profiles');

const everyone = { pageSize: 200, sort: 'displayName' } as const;

/** People who can be assigned work, for name look-ups and pickers (managers and dispatchers only). */
export const useEngineers = (enabled = true) =>
  useQuery({
    queryKey: engineerProfileKeys.list('/api/v1/engineer-profiles', everyone),
    queryFn: () => must(api.GET('/api/v1/engineer-profiles', { params: { query: everyone } })),
    enabled,
    staleTime: 60_000,
  });

export function useSaveEngineerProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, ...body }: { userId: string } & BodyOf<'/api/v1/engineer-profiles/{userId}', 'put'>) =>
      must(api.PUT('/api/v1/engineer-profiles/{userId}', { params: { path: { userId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: engineerProfileKeys.lists() }),
  });
}
