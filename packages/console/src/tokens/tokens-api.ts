import { signal } from '@preact/signals';
import type { ApiToken, ApiTokenCreated, ApiTokenInput } from '@sori/protocol';
import { ADMIN_PATHS } from '@sori/protocol/constants';
import { desk } from '../api/client.js';

/** API tokens: one's own, or everyone's for an admin; `undefined` until loaded. */
export const tokens = signal<readonly ApiToken[] | undefined>(undefined);

/** Loads the tokens (never the tokens themselves: only their names and dates). */
export async function loadTokens(): Promise<readonly ApiToken[]> {
  const { tokens: list } = await desk<{ tokens: ApiToken[] }>('GET', ADMIN_PATHS.tokens);
  tokens.value = list;
  return list;
}

/** Makes a token for oneself; the answer holds it, once. */
export async function createToken(input: ApiTokenInput): Promise<ApiTokenCreated> {
  const created = await desk<ApiTokenCreated>('POST', ADMIN_PATHS.tokens, { body: input });
  await loadTokens();
  return created;
}

/** Revokes a token: it stops working at once. */
export async function revokeToken(id: string): Promise<void> {
  await desk<void>('DELETE', ADMIN_PATHS.token(id));
  tokens.value = (tokens.peek() ?? []).filter((token) => token.id !== id);
}
