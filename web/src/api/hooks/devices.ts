// Installed devices (设备): the detail screen (record, model, contracts, timeline) and a
// customer's devices. Writes go through RecordForm / useDelete (keys by path).
import { useQuery } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, getPage, must } from '../../api';
import { keysFor } from '../keys';

export type Device = components['schemas']['DeviceListItem'];
export type DeviceDetail = components['schemas']['DeviceDetail'];
export type Coverage = components['schemas']['DeviceCoverage'];

export const deviceKeys = keysFor('devices');

export const useDevice = (id: string) =>
  useQuery({ queryKey: deviceKeys.detail(id), queryFn: () => must(api.GET('/api/v1/devices/{id}', { params: { path: { id } } })) });

/** A customer's devices (the customer screen's tab): one page of 200. */
export function useDevicesOf(customerId: string) {
  const query = { customerId, pageSize: 200 };
  return useQuery({ queryKey: deviceKeys.list('/api/v1/devices', query), queryFn: () => getPage('/api/v1/devices', query) });
}
