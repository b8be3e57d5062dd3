// Satisfaction surveys (满意度调查, R-SV-1): the list, a customer link, answers entered by staff or
// the hospital user, and the public page behind a link (no login; the same client, whose CSRF
// header is empty without a session, as the public route expects).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, type GetQuery, must } from '../../api';
import { keysFor } from '../keys';

export type Survey = components['schemas']['Survey'];
export type PublicSurvey = components['schemas']['PublicSurvey'];
export type SurveyAnswers = BodyOf<'/api/v1/surveys/{id}/answers', 'post'>;

export const surveyKeys = keysFor('surveys');
const publicKeys = keysFor('public');
const LIST = '/api/v1/surveys';

export const useSurveys = (query: GetQuery<typeof LIST>) =>
  useQuery({ queryKey: surveyKeys.list(LIST, query), queryFn: () => must(api.GET(LIST, { params: { query } })) });

/** A signed single-use link for the customer (the previous one stops working). */
export const useIssueSurveyLink = () => useMutation({ mutationFn: (id: string) => must(api.POST('/api/v1/surveys/{id}/link', { params: { path: { id } } })) });

export function useEnterSurveyAnswers() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & SurveyAnswers) => must(api.POST('/api/v1/surveys/{id}/answers', { params: { path: { id } }, body })),
    onSuccess: (s) => {
      qc.setQueryData(surveyKeys.detail(s.id), s);
      return qc.invalidateQueries({ queryKey: surveyKeys.lists() });
    },
  });
}

// ---- the public page (no login) ----

export const usePublicSurvey = (token: string) =>
  useQuery({
    queryKey: publicKeys.detail('survey', token),
    queryFn: () => must(api.GET('/api/v1/public/surveys/{token}', { params: { path: { token } } })),
    retry: false,
  });

export const useAnswerPublicSurvey = (token: string) =>
  useMutation({
    mutationFn: (body: BodyOf<'/api/v1/public/surveys/{token}', 'post'>) =>
      must(api.POST('/api/v1/public/surveys/{token}', { params: { path: { token } }, body })),
  });
