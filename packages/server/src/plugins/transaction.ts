import fp from 'fastify-plugin';
import { STAFF_TOPIC } from './hub.js';
import { GroupCommit, type BatchWork } from '../services/group-commit.js';
import { UnitOfWork, type Effects, type Work } from '../services/unit-of-work.js';

/** Options of {@link FastifyInstance.transaction}. */
export interface TransactionOptions {
  /**
   * Share a transaction with other writes that arrive meanwhile (group commit: one disk sync for
   * many requests). For intake, where many small independent writes arrive at once.
   * @default false
   */
  group?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The one write path for anything that appends timeline events or queues notifications: runs
     * `work` in a transaction, and after the commit publishes its events to the open event
     * streams (once per reporter, and once to the staff's) and wakes the notification worker. A rolled-back transaction
     * publishes nothing.
     *
     * @example
     * const change = await app.transaction((unit) => changeSubmission(unit, id, patch, request.user));
     */
    transaction<T>(work: Work<T>, options?: TransactionOptions): Promise<T>;
    /**
     * Joins the next group commit with `item`: every item queued for the same `batch` function
     * meanwhile is handed to it at once, so it can write them all with one statement per table.
     * Resolves with the item's own result after the commit; publishes as {@link transaction}.
     *
     * @example
     * const results = await app.batchTransaction(storeIntake, { site, reporter, submissions });
     */
    batchTransaction<I, R>(batch: BatchWork<I, R>, item: I): Promise<R>;
  }
}

/** Decorates the app with {@link FastifyInstance.transaction}, the unit of work that publishes after it commits. */
export default fp(
  async (app) => {
    const publish = (effects: Effects): void => {
      // One publish per commit: on PostgreSQL, one NOTIFY for every topic the commit touched.
      app.hub.publish(effects.events ? [...effects.reporters, STAFF_TOPIC] : effects.reporters);
      if (effects.notifications) app.notifier.wake();
    };
    const shared = new GroupCommit(app.store.db, publish);
    app.decorate('transaction', async function transaction<T>(work: Work<T>, options: TransactionOptions = {}): Promise<T> {
      if (options.group) return shared.run(work);
      const [result] = await UnitOfWork.commit(app.store.db, [work], publish);
      return result as T; // one piece of work in, one result out
    });
    app.decorate('batchTransaction', function batchTransaction<I, R>(batch: BatchWork<I, R>, item: I): Promise<R> {
      return shared.runBatched(batch, item);
    });
  },
  { name: 'sori-transaction', dependencies: ['sori-database', 'sori-hub', 'sori-notifier'] },
);
