import type { ComponentChildren, ComponentType } from 'preact';
import { currentUser } from '../api/session.js';
import { t } from '../i18n/i18n.js';

/** Whether the signed-in user may open the owner's screens (the server refuses agents anyway: 403). */
export const isAdmin = (): boolean => currentUser.value?.role === 'admin';

/**
 * The owner's screens for admins; an agent who follows a link here reads why not, and no admin
 * call is made (the screen inside is never drawn).
 */
export function AdminOnly({ children }: { children: ComponentChildren }) {
  if (isAdmin()) return <>{children}</>;
  return (
    <section class="admin-page" aria-labelledby="admin-only-heading">
      <h1 id="admin-only-heading">{t().admin.onlyHeading}</h1>
      <p>{t().admin.onlyBody}</p>
    </section>
  );
}

/**
 * Wraps a lazily loaded screen in {@link AdminOnly}, for a route: `<Route component={adminOnly(Sites)} />`.
 * An agent never loads the screen's chunk.
 */
export function adminOnly<P extends object>(Screen: ComponentType<P>): ComponentType<P> {
  return function Guarded(props: P) {
    return (
      <AdminOnly>
        <Screen {...props} />
      </AdminOnly>
    );
  };
}
