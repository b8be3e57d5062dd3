// Device models (型号): the catalogue of makes a device is one of. Writes go through RecordForm.
import { useQuery } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, must } from '../../api';
import { keysFor } from '../keys';

export type DeviceModel = components['schemas']['DeviceModel'];

export const modelKeys = keysFor('device-models');

/** One model (e.g. its warranty term for a device form); idle without an id. */
export const useModel = (id: string | undefined) =>
  useQuery({
    queryKey: modelKeys.detail(id ?? ''),
    queryFn: () => must(api.GET('/api/v1/device-models/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
  });
