import fp from 'fastify-plugin';
import { sql } from 'kysely';
import pg from 'pg';
import type { Store } from '../db/database.js';

/** Called when a reporter may have new public events; the listener re-reads from its cursor. */
export type HubListener = () => void;

/**
 * What staff event streams listen to: any event, on any submission. Not a reporter id (those are
 * UUIDs), so the one hub carries both.
 */
export const STAFF_TOPIC = 'staff';
/** The topic published when a site's settings or origins change: every instance forgets its cached sites. */
export const SITES_TOPIC = 'sites';

/** Announced when a user's access changed (disabled, a token revoked, a password reset): open staff streams check theirs again. */
export const ACCESS_TOPIC = 'access';

/** The PostgreSQL channel instances tell each other about news on. */
export const CHANNEL = 'sori_updates';

/**
 * Topics go in one NOTIFY's payload joined by commas (reporter ids and the staff topic have
 * none), kept under PostgreSQL's 8,000-byte limit: a commit that touches ~200 reporters or fewer
 * sends one notification, a bigger one a few, all with one statement.
 */
const PAYLOAD_BYTES = 7_900;

function payloads(topics: Iterable<string>): string[] {
  const out: string[] = [];
  let current = '';
  for (const topic of topics) {
    if (current && current.length + 1 + topic.length > PAYLOAD_BYTES) {
      out.push(current);
      current = '';
    }
    current = current ? `${current},${topic}` : topic;
  }
  if (current) out.push(current);
  return out;
}

/**
 * Fan-out of "this reporter has new events" to the update streams open on this instance. What is
 * published carries ids only: every stream re-reads the timeline after its own cursor, so a missed
 * or doubled publish never loses or repeats an event.
 *
 * On PostgreSQL, publishing goes through `NOTIFY` so that streams on every instance hear it (the
 * sender hears its own back and wakes its streams then). SQLite is single-instance.
 *
 * Nothing calls {@link UpdateHub.publish} but the unit of work, after it commits
 * (`plugins/transaction.ts`), and {@link UpdateHub.announce} when a site's settings change ({@link SITES_TOPIC}).
 */
export class UpdateHub {
  private readonly listeners = new Map<string, Set<HubListener>>();
  private listener: pg.Client | undefined;
  private listenerPid: number | undefined;
  private closed = false;
  private retryMs = 500;

  constructor(
    private readonly store: Store,
    private readonly log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void },
  ) {}

  /** Listens for news on a topic (a reporter's id, or {@link STAFF_TOPIC}); returns the function that stops listening. */
  subscribe(topic: string, listener: HubListener): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(topic);
    };
  }

  /**
   * Tells this instance's listeners on `topic` at once and the other instances' as `publish` does:
   * for news that is not a timeline event (a site's settings changed), which this instance must act
   * on before it answers again. Listeners here hear it twice on PostgreSQL (once more from NOTIFY).
   */
  announce(topic: string): void {
    this.wakeStreams(topic);
    if (this.store.dialect === 'postgres') this.publish(topic);
  }

  /**
   * Tells every instance's streams on these topics (reporters' ids, or the staff's) to look for
   * new events. On PostgreSQL, one statement for all of them: what one commit published.
   */
  publish(topics: string | Iterable<string>): void {
    const all = typeof topics === 'string' ? [topics] : [...topics];
    if (all.length === 0) return;
    if (this.store.dialect !== 'postgres') {
      for (const topic of all) this.wakeStreams(topic);
      return;
    }
    sql`select pg_notify(${CHANNEL}, payload) from unnest(${payloads(all)}::text[]) as payload`.execute(this.store.db).catch((error: unknown) => {
      // The stream still catches up on its next read (reconnect, polling, the next publish).
      this.log.error({ err: error }, 'NOTIFY failed; waking streams on this instance only');
      for (const topic of all) this.wakeStreams(topic);
    });
  }

  /** The PostgreSQL backend process of the LISTEN session, while there is one (what an operator would terminate). */
  get listenerProcessId(): number | undefined {
    return this.listener ? this.listenerPid : undefined;
  }

  /** Open streams on this instance. */
  get size(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /** Wakes the streams on a topic open on this instance. */
  private wakeStreams(topic: string): void {
    for (const listener of this.listeners.get(topic) ?? []) listener();
  }

  /** Starts listening on PostgreSQL (a dedicated connection: LISTEN needs a session, not a pooled one). */
  async start(): Promise<void> {
    if (this.store.dialect !== 'postgres' || this.closed) return;
    // Named, so an operator sees which session in pg_stat_activity is an instance's listener.
    const client = new pg.Client({ connectionString: this.store.url, application_name: 'sori listener' });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      for (const topic of message.payload.split(',')) this.wakeStreams(topic);
    });
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'update listener lost its connection; reconnecting');
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      this.listenerPid = rows[0]?.pid;
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listener = client;
    this.retryMs = 500;
  }

  private drop(client: pg.Client): void {
    if (this.listener !== client) return;
    this.listener = undefined;
    client.removeAllListeners();
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    if (this.closed) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 30_000);
    setTimeout(() => {
      this.start().then(
        // What was published while we were away is lost: every stream re-reads from its cursor instead.
        () => {
          for (const topic of this.listeners.keys()) this.wakeStreams(topic);
        },
        (error: unknown) => {
          this.log.warn({ err: error }, 'update listener could not reconnect');
          this.scheduleRestart();
        },
      );
    }, delay).unref();
  }

  async stop(): Promise<void> {
    this.closed = true;
    const client = this.listener;
    this.listener = undefined;
    if (client) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
  }

  /** Drops the LISTEN connection as a network failure would (for tests of the catch-up path). */
  simulateDisconnect(): void {
    this.listener?.emit('error', new Error('simulated disconnect'));
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Fan-out of new timeline events to open update streams, across instances on PostgreSQL. */
    hub: UpdateHub;
  }
}

/** Decorates the app with the {@link UpdateHub}; on PostgreSQL it listens from start to close. */
export default fp(
  async (app) => {
    const hub = new UpdateHub(app.store, app.log);
    await hub.start();
    app.decorate('hub', hub);
    app.addHook('onClose', () => hub.stop());
  },
  { name: 'sori-hub', dependencies: ['sori-database'] },
);
