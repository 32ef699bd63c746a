import type {
  ContactPreference,
  ErrorCode,
  Kind,
  PublicEvent,
  PublicStatus,
  Rating,
  SiteConfig,
  Status,
} from '@sori/protocol';

export type { Kind, Status, PublicStatus, PublicEvent, Rating, SiteConfig, ContactPreference, ErrorCode };

/** Options of {@link createSori}. */
export interface SoriOptions {
  /**
   * The site's public key (`pk_…`), from `pnpm sori site create` or the console.
   * @example 'pk_live_3f9a…'
   */
  site: string;
  /**
   * Where the Sori server is. The script tag defaults it to the script's own origin.
   * @example 'https://feedback.example.com'
   */
  endpoint: string;
  /**
   * Name of the IndexedDB database; two instances with the same name share one outbox.
   * @default 'sori'
   */
  dbName?: string;
  /**
   * How often to retry sending while items wait, at the most, in milliseconds (backoff grows to this).
   * @default 300000
   */
  maxRetryDelayMs?: number;
  /**
   * Open the live update stream (SSE, polling fallback) as soon as there is an accepted item.
   * @default true
   */
  live?: boolean;
  /**
   * How often to ask for updates when Server-Sent Events are not available, in milliseconds.
   * @default 10000
   */
  pollIntervalMs?: number;
}

/** What the shopper sends. Only `kind` and `message` are needed. */
export interface SubmitInput {
  kind: Kind;
  message: string;
  product?: string;
  orderRef?: string;
  contact?: {
    name?: string;
    email?: string;
    phone?: string;
    /** @default 'widget' */
    preference?: ContactPreference;
    /** The shopper agreed to be contacted by email or phone. */
    consent?: boolean;
  };
  /** Merged over what {@link Sori.setContext} set. */
  context?: Record<string, string | number | boolean | null>;
  /** Honeypot value from a hidden field (the widget passes it; leave it out otherwise). */
  trap?: string;
  /** Milliseconds from opening the form to sending it (the widget passes it). */
  fillMs?: number;
}

/** Where an item is on its way to the server. */
export type Delivery = 'queued' | 'sending' | 'accepted' | 'rejected';

/**
 * Why an item will not be sent as it is (it is not retried until edited and resent): the server's
 * reason, or `expired` when it waited in the outbox longer than {@link OUTBOX_MAX_AGE_DAYS} days.
 */
export interface Rejection {
  code: ErrorCode | 'expired';
  message: string;
  field?: string;
}

/** A message the shopper wrote in an item's thread, with its own delivery state. */
export interface OutgoingMessage {
  clientId: string;
  message: string;
  createdAt: string;
  delivery: Delivery;
  error?: Rejection;
}

/** One of the shopper's items: what they sent, how far it got, and what staff said. */
export interface Item {
  /** The client id: stable from the moment `submit()` stored it, also after acceptance. */
  id: string;
  kind: Kind;
  message: string;
  product?: string;
  orderRef?: string;
  createdAt: string;
  delivery: Delivery;
  /** While retrying: when the next attempt is due. */
  nextRetryAt?: string;
  /** When `delivery` is `rejected`: the server's reason. */
  error?: Rejection;
  /** The server's id, once accepted. */
  serverId?: string;
  /** Once accepted, e.g. `SR-7K2M-QX4P`. */
  trackingNumber?: string;
  /** Staff-side status, once accepted. */
  status?: Status;
  /** What the shopper is shown, once accepted. */
  publicStatus?: PublicStatus;
  /** When a first answer is due, once accepted. */
  expectedResponseBy?: string;
  firstResponseAt?: string;
  resolvedAt?: string;
  rating?: Rating;
  /** Public timeline events known so far, oldest first. */
  timeline: PublicEvent[];
  /** Shopper messages still on their way (accepted ones appear in the timeline). */
  outgoing: OutgoingMessage[];
  /** Staff events the shopper has not seen yet (see {@link Sori.markRead}). */
  unread: number;
}

/** Connection and storage state, for the widget to tell the shopper what is going on. */
export interface SoriStatus {
  online: boolean;
  /** Something is being sent right now. */
  syncing: boolean;
  /** `memory` when IndexedDB is unavailable: items are lost if the page closes before sending. */
  storage: 'indexeddb' | 'memory';
  /** Items and messages waiting to be sent. */
  pending: number;
  /**
   * Why the server refuses every request right now (e.g. `unknown_site`, `origin_not_allowed`):
   * a set-up problem for the site owner. Items stay queued and are retried at the longest backoff;
   * the field goes away once a request gets through.
   */
  error?: Rejection;
}

/** Events of {@link Sori.on}. */
export interface SoriEvents {
  /** A public timeline event arrived (status change, staff reply, …). */
  update: PublicEvent;
  /** An item changed in any way (delivery, status, timeline, unread). */
  item: Item;
  /** Connection or storage state changed. */
  status: SoriStatus;
}

/** The Sori browser API. */
export interface Sori {
  /**
   * Store an item in the outbox and start sending it. Resolves once it is durably stored (`queued`).
   * Throws a `SoriError` with code `outbox_full` while {@link OUTBOX_LIMIT} items wait to be sent.
   */
  submit(input: SubmitInput): Promise<Item>;
  /** All of this browser's items, newest first. */
  items(): Promise<Item[]>;
  /** One item by its client id (or server id), or `undefined`. */
  item(id: string): Promise<Item | undefined>;
  /** Answer in an item's thread; queued and sent like a submission, offline too. */
  reply(id: string, message: string): Promise<Item>;
  /** Rate a resolved item. */
  rate(id: string, rating: Rating): Promise<Item>;
  /** Edit a rejected item and queue it again under a new client id. */
  resend(id: string, changes?: Partial<SubmitInput>): Promise<Item>;
  /** Mark an item's staff events as seen. */
  markRead(id: string): Promise<void>;
  /** Who the shopper is, attached to following submissions as contact details. */
  identify(who: { email?: string; name?: string; customerId?: string }): void;
  /** Page, cart or order data attached to following submissions. */
  setContext(context: Record<string, string | number | boolean | null>): void;
  /** The site's kinds, products and SLA targets. */
  config(): Promise<SiteConfig>;
  /** Current connection and storage state. */
  status(): SoriStatus;
  /** Try to send everything now; resolves when the attempt is over. */
  flush(): Promise<void>;
  on<E extends keyof SoriEvents>(event: E, listener: (payload: SoriEvents[E]) => void): () => void;
  off<E extends keyof SoriEvents>(event: E, listener: (payload: SoriEvents[E]) => void): void;
  /** Stop timers, streams and listeners; the outbox stays for the next page. */
  destroy(): void;
}
