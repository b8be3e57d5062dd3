// The home screen's tiles (issue 17 item 3): one call answers every tile the caller may see (the
// server decides which by the caller's abilities), instead of one list request per tile.
import { useQuery } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, must } from '../../api';
import { keysFor } from '../keys';

export type HomeTiles = components['schemas']['HomeTiles'];
export type HomeTile = HomeTiles['tiles'][number];
export type HomeTileKey = HomeTile['key'];

export const homeKeys = keysFor('home');

export const useHome = () =>
  useQuery({
    queryKey: homeKeys.detail('tiles'),
    queryFn: () => must(api.GET('/api/v1/home')),
    retry: false,
  });
