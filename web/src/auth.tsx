// The signed-in user (GET /auth/me) and what they may do. The server enforces every permission;
// the UI only hides what the user could not do anyway, by the abilities the server computes
// from its policies (issue 11 item 3) — no role lists are copied here.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import type { paths } from '../api/schema';
import { api, type BodyOf, must } from './api';
import { setBusinessTimeZone } from './businessDay';

type MeResponse = paths['/api/v1/auth/me']['get']['responses'][200]['content']['application/json'];
/** '<module>.<action>' → allowed, one key per action of every server policy. */
export type Abilities = MeResponse['abilities'];
export type Ability = keyof Abilities;

/** The signed-in user: the account (the contract's User) and what it may do. */
export type Me = MeResponse['user'] & { abilities: Abilities; timeZone?: string };

/** The user as the app keeps it, from GET /auth/me or the login answer (same shape). */
export function meOf(data: Pick<MeResponse, 'user' | 'abilities' | 'timeZone'>): Me {
  setBusinessTimeZone(data.timeZone);
  return { ...data.user, abilities: data.abilities, timeZone: data.timeZone };
}

const MeContext = createContext<Me | null>(null);

// Issue 16 §1/§3: the engineer's phone opens the app without a signal. The last user /auth/me
// answered is kept on the device, and a start with no connection (the fetch itself fails, no
// answer from the server) uses it, so the cached shell shows his work from the offline pack
// instead of a login form that cannot work offline. A 401 or a logout forgets it; the server
// still checks the session on every call once the connection is back.
const KEPT_ME = 'medservice.me';
const keepMe = (me: Me | null) => {
  try {
    if (me) localStorage.setItem(KEPT_ME, JSON.stringify(me));
    else localStorage.removeItem(KEPT_ME);
  } catch {
    // storage full or disabled: the app just needs a connection to start
  }
};
const keptMe = (): Me | null => {
  try {
    return JSON.parse(localStorage.getItem(KEPT_ME) ?? 'null') as Me | null;
  } catch {
    return null;
  }
};

export function useMeQuery() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      const r = await api.GET('/api/v1/auth/me').catch((e: unknown) => {
        const kept = e instanceof TypeError ? keptMe() : null;
        if (kept) {
          setBusinessTimeZone(kept.timeZone);
          return kept;
        }
        throw e;
      });
      if (!('response' in r)) return r;
      if (r.response.status === 401) {
        keepMe(null);
        return null;
      }
      const me = meOf(await must(Promise.resolve(r)));
      keepMe(me);
      return me;
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside MeProvider');
  return me;
}

/** Whether the signed-in user may do this (the server's policy for the user's roles). */
export function useAbility(ability: Ability): boolean {
  return useMe().abilities[ability];
}

/** True when the user holds any of the abilities: menus and tiles that open on one of several. */
export function hasAny(me: Me, ...abilities: Ability[]): boolean {
  return abilities.some((a) => me.abilities[a]);
}

/** Signs in: the answer is the user (as /auth/me), kept as the current one. */
export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/auth/login', 'post'>) => must(api.POST('/api/v1/auth/login', { body })),
    onSuccess: (data) => {
      keepMe(meOf(data));
      qc.setQueryData(['me'], meOf(data));
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return async () => {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    keepMe(null);
    qc.clear();
    qc.setQueryData(['me'], null);
  };
}
