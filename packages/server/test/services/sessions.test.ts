import { scrypt } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { signIn } from '../../src/services/sessions.js';
import { createUser } from '../../src/services/users.js';
import { engines, freshStore } from '../helpers.js';

// The real scrypt, counted: what a sign-in costs is the work it does.
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  return { ...crypto, scrypt: vi.fn(crypto.scrypt) };
});

describe.each(engines)('signing in on %s', (engine) => {
  let store: Store;
  beforeEach(async () => {
    store = await freshStore(engine);
    await createUser(store.db, { email: 'agent@shop.example', role: 'agent', password: 'correct horse battery' });
  });
  afterEach(() => store.close());

  /** The scrypt calls, and their cost parameter N, that one failed sign-in made. */
  async function workOf(email: string): Promise<number[]> {
    vi.mocked(scrypt).mockClear();
    await expect(signIn(store.db, email, 'not the password')).rejects.toMatchObject({ statusCode: 401 });
    // The mock's type is scrypt's last overload, (password, salt, keylen, callback); ours pass options fourth.
    return vi.mocked(scrypt).mock.calls.map((call) => (call[3] as { N: number }).N);
  }

  it('does the same scrypt work for an unknown email as for a wrong password, so timing does not tell which emails exist', async () => {
    const known = await workOf('agent@shop.example');
    expect(known).toEqual([16384]);
    expect(await workOf('nobody@shop.example')).toEqual(known);
  });
});
