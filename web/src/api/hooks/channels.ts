// Notification channels (通知渠道): my preferences, SMTP settings, group robots, the outbox.
// The worked example of a resource's hooks (issue 11 item 2, docs/ARCHITECTURE.md): a key
// factory, one useQuery per read, one useMutation per write; each write invalidates only the
// keys of what it changed. Types come from the contract (web/api/schema.d.ts), never by hand.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, type BodyOf, must } from '../../api';
import { keysFor } from '../keys';

export type ChannelSettings = components['schemas']['ChannelSettings'];
export type ChannelEndpoint = components['schemas']['ChannelEndpoint'];
export type NotificationPreferences = components['schemas']['NotificationPreferences'];
export type ChannelOutboxRow = components['schemas']['ChannelOutbox']['items'][number];

export const channelKeys = keysFor('channels');
const prefsKey = channelKeys.detail('preferences');
const settingsKey = channelKeys.detail('settings');
const endpointsKey = channelKeys.list('/api/v1/channels/endpoints');
const outboxKey = channelKeys.list('/api/v1/channels/outbox');

export const usePreferences = () => useQuery({ queryKey: prefsKey, queryFn: () => must(api.GET('/api/v1/channels/preferences')) });
export const useChannelSettings = () => useQuery({ queryKey: settingsKey, queryFn: () => must(api.GET('/api/v1/channels/settings')) });
export const useEndpoints = () => useQuery({ queryKey: endpointsKey, queryFn: () => must(api.GET('/api/v1/channels/endpoints')) });
export const useOutbox = () => useQuery({ queryKey: outboxKey, queryFn: () => must(api.GET('/api/v1/channels/outbox')) });

export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/channels/preferences', 'put'>) => must(api.PUT('/api/v1/channels/preferences', { body })),
    onSuccess: (saved) => qc.setQueryData(prefsKey, saved),
  });
}

export function useSaveChannelSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/channels/settings', 'put'>) => must(api.PUT('/api/v1/channels/settings', { body })),
    onSuccess: (saved) => qc.setQueryData(settingsKey, saved),
  });
}

export function useAddEndpoint() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/channels/endpoints', 'post'>) => must(api.POST('/api/v1/channels/endpoints', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: endpointsKey }),
  });
}

export function useUpdateEndpoint() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & BodyOf<'/api/v1/channels/endpoints/{id}', 'patch'>) =>
      must(api.PATCH('/api/v1/channels/endpoints/{id}', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: endpointsKey }),
  });
}
