import { computed, signal } from '@preact/signals';
import type { User } from '@sori/protocol';
import type { Kind } from '@sori/protocol/constants';
import { desk } from './client.js';

/** A site as the desk lists it, with what its submissions can be routed to and classified as. */
export interface DeskSite {
  id: string;
  name: string;
  departments: string[];
  products: string[];
  kinds: Kind[];
}

/** The users (staff) one can assign to, by name. */
export const users = signal<readonly User[]>([]);
/** The sites the signed-in user works on. */
export const sites = signal<readonly DeskSite[]>([]);

/** Every department of every site, once each, for the inbox's filters. */
export const allDepartments = computed(() => [...new Set(sites.value.flatMap((site) => site.departments))]);
/** Every product of every site, once each. */
export const allProducts = computed(() => [...new Set(sites.value.flatMap((site) => site.products))].sort());

/** A user's name by id, or `undefined` if unknown. */
export const userName = (id: string | null | undefined): string | undefined => (id ? users.value.find((user) => user.id === id)?.name : undefined);

/** Loads users and sites (once per sign-in; they change rarely). */
export async function loadDirectory(): Promise<void> {
  const [userList, siteList] = await Promise.all([
    desk<{ users: User[] }>('GET', '/v1/desk/users'),
    desk<{ sites: DeskSite[] }>('GET', '/v1/desk/sites'),
  ]);
  users.value = userList.users;
  sites.value = siteList.sites;
}
