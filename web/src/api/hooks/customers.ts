// Customers (客户) and what hangs off one: departments, sites, contacts. Creates, edits and
// deletes go through RecordForm / useDelete, which invalidate the resource's keys by its path.
import { useQuery } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, getPage, must } from '../../api';
import { keysFor, rootOf } from '../keys';

export type Customer = components['schemas']['Customer'];
export type Department = components['schemas']['Department'];
export type Site = components['schemas']['Site'];
export type Contact = components['schemas']['Contact'];

export const customerKeys = keysFor('customers');

export const useCustomer = (id: string) =>
  useQuery({ queryKey: customerKeys.detail(id), queryFn: () => must(api.GET('/api/v1/customers/{id}', { params: { path: { id } } })) });

/** The lists of a customer's departments, sites and contacts. */
export type CustomerChildPath = '/api/v1/departments' | '/api/v1/sites' | '/api/v1/contacts';

/** One customer's departments, sites or contacts: one page of 200 (a hospital has few). */
export function useCustomerChildren<P extends CustomerChildPath>(path: P, customerId: string) {
  const query = { customerId, pageSize: 200 };
  return useQuery({ queryKey: keysFor(rootOf(path)).list(path, query), queryFn: () => getPage(path, query) });
}
