import { signal } from '@preact/signals';
import type { AdminUser, PasswordReset, UserInviteInput, UserInvited, UserUpdateInput } from '@sori/protocol';
import { ADMIN_PATHS } from '@sori/protocol/constants';
import { desk } from '../api/client.js';

/** The users as admins manage them; `undefined` until loaded. */
export const staff = signal<readonly AdminUser[] | undefined>(undefined);

/** Counts the writes answered here, so a list asked for before one cannot overwrite what it answered. */
let writes = 0;

function keep(user: AdminUser): AdminUser {
  writes++;
  const list = staff.peek() ?? [];
  staff.value = list.some((u) => u.id === user.id) ? list.map((u) => (u.id === user.id ? user : u)) : [...list, user];
  return user;
}

/** Loads every user, disabled ones too. */
export async function loadStaff(): Promise<readonly AdminUser[]> {
  const before = writes;
  const { users } = await desk<{ users: AdminUser[] }>('GET', ADMIN_PATHS.users);
  if (writes !== before) return loadStaff();
  staff.value = users;
  return users;
}

/** Invites a user: with a password they sign in with it; without, the answer's setup token lets them choose one. */
export async function inviteUser(input: UserInviteInput): Promise<UserInvited> {
  const invited = await desk<UserInvited>('POST', ADMIN_PATHS.users, { body: input });
  keep(invited.user);
  return invited;
}

/** Changes a user's role, department, sites, or disables them (their sessions and tokens stop at once). */
export async function updateUser(id: string, change: UserUpdateInput): Promise<AdminUser> {
  return keep(await desk<AdminUser>('PATCH', ADMIN_PATHS.user(id), { body: change }));
}

/** Sets another user's password (their sessions end). */
export async function resetPassword(id: string, password: string): Promise<PasswordReset> {
  return desk<PasswordReset>('POST', ADMIN_PATHS.userPassword(id), { body: { password } });
}

/**
 * A password to hand over once: 16 characters from an alphabet without look-alikes (no 0/O, 1/l),
 * about 90 bits, from the browser's cryptographic random source.
 */
export function generatePassword(length = 16): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const out: string[] = [];
  const bytes = new Uint8Array(length * 2);
  while (out.length < length) {
    crypto.getRandomValues(bytes);
    // Bytes past the largest multiple of the alphabet's size are skipped, so every character is equally likely.
    for (const byte of bytes) if (byte < 256 - (256 % alphabet.length) && out.length < length) out.push(alphabet[byte % alphabet.length] ?? '');
  }
  return out.join('');
}
