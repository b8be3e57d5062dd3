// In-app notifications (the header bell; issue 11 item 2): the latest notices with the unread
// count, and marking them read.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type Notice = components['schemas']['Notification'];

export const notificationKeys = keysFor('notifications');
const latest = { limit: 50 };

export const useNotifications = () =>
  useQuery({
    queryKey: notificationKeys.list('/api/v1/notifications', latest),
    queryFn: () => must(api.GET('/api/v1/notifications', { params: { query: latest } })),
    refetchInterval: 60_000,
    retry: false,
  });

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/notifications/read', 'post'>) => must(api.POST('/api/v1/notifications/read', { body })),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.lists() }),
  });
}
