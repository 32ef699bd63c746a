import fp from 'fastify-plugin';
import type { Store } from '../db/database.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The open database. */
    store: Store;
  }
}

/** Decorates the app with the database; closes it with the app when the app opened it. */
export default fp<{ store: Store; owned: boolean }>(
  async (app, { store, owned }) => {
    app.decorate('store', store);
    if (owned) app.addHook('onClose', () => store.close());
  },
  { name: 'sori-database', dependencies: [] },
);
