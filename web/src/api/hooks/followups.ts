// Follow-ups (回访, R-FU-1..4): the list by due date, one follow-up with its questionnaire, its
// steps (answer, approve, inform, review) and the cadence rule sets (issue 11 item 2). Every step
// answers with the follow-up: it becomes the cached detail and the lists refresh.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type FollowUp = components['schemas']['FollowupDetail'];
export type FuStatus = FollowUp['status'];
export type RuleSet = components['schemas']['FollowupRuleSet'];
export type RuleSetBody = BodyOf<'/api/v1/followups/rule-sets', 'post'>;

export const followupKeys = keysFor('followups');
const LIST = '/api/v1/followups';
const RULE_SETS = '/api/v1/followups/rule-sets';

export const useFollowups = (query: GetQuery<typeof LIST>) =>
  useQuery({ queryKey: followupKeys.list(LIST, query), queryFn: () => must(api.GET(LIST, { params: { query } })) });

export const useFollowup = (id: string) =>
  useQuery({ queryKey: followupKeys.detail(id), queryFn: () => must(api.GET('/api/v1/followups/{id}', { params: { path: { id } } })) });

type StepBody<S extends 'answer' | 'approve' | 'inform' | 'review'> = BodyOf<`/api/v1/followups/{id}/${S}`, 'post'>;
/** One step of a follow-up, with the version read. */
export type FollowupStep =
  | { step: 'answer'; body: StepBody<'answer'> }
  | { step: 'approve'; body: StepBody<'approve'> }
  | { step: 'inform'; body: StepBody<'inform'> }
  | { step: 'review'; body: StepBody<'review'> };

export function useFollowupStep(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: FollowupStep) => {
      const params = { path: { id } };
      switch (s.step) {
        case 'answer':
          return must(api.POST('/api/v1/followups/{id}/answer', { params, body: s.body }));
        case 'approve':
          return must(api.POST('/api/v1/followups/{id}/approve', { params, body: s.body }));
        case 'inform':
          return must(api.POST('/api/v1/followups/{id}/inform', { params, body: s.body }));
        case 'review':
          return must(api.POST('/api/v1/followups/{id}/review', { params, body: s.body }));
      }
    },
    onSuccess: (f) => {
      qc.setQueryData(followupKeys.detail(f.id), f);
      return qc.invalidateQueries({ queryKey: followupKeys.list(LIST) });
    },
  });
}

export const useRuleSets = () => useQuery({ queryKey: followupKeys.list(RULE_SETS), queryFn: () => must(api.GET(RULE_SETS)) });

/** A new version of a service type's rule set. */
export function useAddRuleSet() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RuleSetBody) => must(api.POST(RULE_SETS, { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: followupKeys.list(RULE_SETS) }),
  });
}
