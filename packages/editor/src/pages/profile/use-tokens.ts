// The signed-in user's API tokens: the list, a new token (its secret is in the reply once, kept here until the
// dialog closes) and deletion.
import { useCallback, useEffect, useState } from 'react';
import { call, errorMessage } from '../../api/client.js';
import type { ApiToken, CreatedToken } from '../../api/team-types.js';
import type { Role } from '../../model/team.js';

export interface Tokens {
  items: ApiToken[] | undefined;
  error: string | undefined;
  notice: string | undefined;
  reload(): void;
  create(name: string, role: Role): Promise<CreatedToken>;
  remove(token: ApiToken): Promise<void>;
}

export function useTokens(): Tokens {
  const [items, setItems] = useState<ApiToken[]>();
  const [message, setMessage] = useState<{ error?: string; notice?: string }>({});

  const reload = useCallback(() => {
    call('listTokens')
      .then((body) => setItems(body.items))
      .catch((e: unknown) => setMessage({ error: errorMessage(e) }));
  }, []);
  useEffect(reload, [reload]);

  return {
    items,
    error: message.error,
    notice: message.notice,
    reload,
    async create(name, role) {
      const created = await call('createToken', { body: { name, role } });
      setMessage({ notice: `Created the token “${name}”.` });
      reload();
      return created;
    },
    async remove(token) {
      try {
        await call('deleteToken', { params: { id: token.id } });
        setMessage({ notice: `Deleted the token “${token.name}”. Programs using it are refused from now on.` });
      } catch (e) {
        setMessage({ error: errorMessage(e) });
      }
      reload();
    },
  };
}
