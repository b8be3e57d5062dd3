// Follow-up questionnaires (回访问卷, R-FU-2) per device category and service type: the list, adding
// one and changing one (with the version read). Under /api/v1/followups, so the 'followups' root.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { followupKeys } from './followups';

export type Questionnaire = components['schemas']['Questionnaire'];
export type QuestionItem = Questionnaire['items'][number];
/** A text in both languages. */
export type Label = QuestionItem['label'];

const LIST = '/api/v1/followups/questionnaires';

export const useQuestionnaires = () => useQuery({ queryKey: followupKeys.list(LIST), queryFn: () => must(api.GET(LIST)) });

export type QuestionnaireBody = BodyOf<typeof LIST, 'post'>;
/** Adds a questionnaire, or changes the one given (id and version read). */
export function useSaveQuestionnaire() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ editing, body }: { editing: Pick<Questionnaire, 'id' | 'version'> | null; body: QuestionnaireBody }) =>
      editing
        ? must(api.PATCH('/api/v1/followups/questionnaires/{id}', { params: { path: { id: editing.id } }, body: { ...body, version: editing.version } }))
        : must(api.POST(LIST, { body })),
    // A follow-up shows the questionnaire of its device and service: open ones may change too.
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: followupKeys.list(LIST) }), qc.invalidateQueries({ queryKey: followupKeys.details() })]),
  });
}
