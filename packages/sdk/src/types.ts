import type {
  ContactPreference,
  ErrorCode,
  Kind,
  PersonData,
  PublicEvent,
  PublicStatus,
  Rating,
  SiteConfig,
  Status,
} from '@sori/protocol';

export type { Kind, Status, PublicStatus, PublicEvent, Rating, SiteConfig, ContactPreference, ErrorCode, PersonData };

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
   * The longest wait between two tries while something waits to be sent, in milliseconds (backoff grows to this).
   * @default 300000
   */
  maxRetryDelayMs?: number;
  /**
   * Open the live event stream (SSE, polling fallback) as soon as there is an accepted submission.
   * @default true
   */
  live?: boolean;
  /**
   * How often to ask for events when Server-Sent Events are not available, in milliseconds.
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

/** Where a queued thing (a submission or a shopper message) stands on its way to the server. */
export type SendState = 'queued' | 'sending' | 'accepted' | 'rejected';

/**
 * Why a submission or message will not be sent as it is (it is not retried until edited and
 * resent): the server's reason, or `expired` when it waited in the outbox longer than
 * {@link OUTBOX_MAX_AGE_DAYS} days.
 */
export interface Rejection {
  code: ErrorCode | 'expired';
  message: string;
  field?: string;
}

/** A message the shopper wrote in a submission's thread, with its own send state. */
export interface OutgoingMessage {
  clientId: string;
  text: string;
  createdAt: string;
  sendState: SendState;
  error?: Rejection;
}

/** One of the shopper's submissions: what they sent, how far it got, and what staff said. */
export interface Submission {
  /** The id this browser made (a UUID): stable from the moment `submit()` stored it. */
  clientId: string;
  /** The server's id, once accepted. */
  id?: string;
  kind: Kind;
  message: string;
  product?: string;
  orderRef?: string;
  createdAt: string;
  sendState: SendState;
  /** While waiting after a failed try: when the next one is due. */
  nextRetryAt?: string;
  /** When `sendState` is `rejected`: the reason. */
  error?: Rejection;
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

/** The SDK's own state, for the widget to tell the shopper what is going on. */
export interface SyncState {
  online: boolean;
  /** Something is being sent right now. */
  syncing: boolean;
  /**
   * `memory` when IndexedDB is unavailable (private mode, blocked, over quota): what waits is
   * lost if the page closes before it is sent.
   */
  storage: 'indexeddb' | 'memory';
  /** Submissions and messages waiting to be sent. */
  pending: number;
  /**
   * Why sending does not get through right now, when waiting will not help by itself: the server
   * refuses every request (e.g. `unknown_site`, `origin_not_allowed`, a set-up problem for the site
   * owner), or the SDK itself failed (`internal`). What waits stays queued and is tried again at
   * the longest backoff; the field goes away once a try gets through.
   */
  error?: Rejection;
}

/** Events of {@link Sori.on}. */
export interface SoriEvents {
  /** A submission changed in any way (send state, status, timeline, unread). */
  submission: Submission;
  /** A public timeline event arrived (status change, staff reply, …). */
  event: PublicEvent;
  /** The SDK's state changed (see {@link SyncState}). */
  sync: SyncState;
}

/** The Sori browser API. */
export interface Sori {
  /**
   * Store a submission in the outbox and start sending it. Resolves once it is durably stored
   * (`queued`). Throws a `SoriError` with code `outbox_full` while {@link OUTBOX_LIMIT} things wait
   * to be sent.
   */
  submit(input: SubmitInput): Promise<Submission>;
  /** All of this browser's submissions, newest first. */
  submissions(): Promise<Submission[]>;
  /** One submission by its client id, or `undefined`. */
  submission(clientId: string): Promise<Submission | undefined>;
  /** Write in a submission's thread; queued and sent like a submission, offline too. */
  sendMessage(clientId: string, text: string): Promise<Submission>;
  /** Rate a resolved submission. */
  rate(clientId: string, rating: Rating): Promise<Submission>;
  /** Edit a rejected submission and queue it again under a new client id. */
  resend(clientId: string, changes?: Partial<SubmitInput>): Promise<Submission>;
  /** Mark a submission's staff events as seen. */
  markRead(clientId: string): Promise<void>;
  /** Everything the server keeps about this browser's shopper that is theirs to see ("download my data"). */
  exportData(): Promise<PersonData>;
  /**
   * Erases what this browser's shopper wrote and who they are, on the server (every submission
   * of theirs; emails still waiting to them are cancelled) and in this browser's outbox ("delete
   * my data"). Ask the shopper to confirm first: it cannot be undone.
   */
  eraseData(): Promise<void>;
  /** Who the shopper is, attached to following submissions as contact details. */
  identify(who: { email?: string; name?: string; customerId?: string }): void;
  /** Page, cart or order data attached to following submissions. */
  setContext(context: Record<string, string | number | boolean | null>): void;
  /** The site's kinds, products and SLA targets. */
  config(): Promise<SiteConfig>;
  /** The SDK's state now: online, syncing, storage, pending, error. */
  syncState(): SyncState;
  /** Try to send everything now; resolves when the try is over. */
  flush(): Promise<void>;
  on<E extends keyof SoriEvents>(event: E, listener: (payload: SoriEvents[E]) => void): () => void;
  off<E extends keyof SoriEvents>(event: E, listener: (payload: SoriEvents[E]) => void): void;
  /** Stop timers, streams and listeners; the outbox stays for the next page. */
  destroy(): void;
}
