import { createHmac } from 'node:crypto';
import type { Selectable } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Store } from '../db/database.js';
import type { OutboxTable } from '../db/schema.js';
import type { EmailText } from './email-text.js';

type OutboxRow = Selectable<OutboxTable>;

/** Options of {@link Notifier}. */
export interface NotifierOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`; without it, emails wait in the outbox. */
  smtpUrl?: string | undefined;
  /** @default 'Sori <no-reply@localhost>' */
  from?: string | undefined;
  /** @default 1000 */
  pollMs?: number;
  /** First retry delay; doubles per attempt up to an hour. @default 5000 */
  retryBaseMs?: number;
  /** Attempts before a notification is marked `failed`. @default 10 */
  maxAttempts?: number;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** How long a claimed row is ours before another worker may try it (a crashed worker's rows come back). */
const LEASE_MS = 60_000;
const WEBHOOK_TIMEOUT_MS = 10_000;

/** Signs a webhook body: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * The worker behind the transactional outbox: delivers emails over SMTP and signed webhook calls,
 * retrying with exponential backoff and jitter, and records each attempt on the row.
 */
export class Notifier {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private readonly mail: Transporter | undefined;
  private warnedNoSmtp = false;

  constructor(
    private readonly store: Store,
    private readonly options: NotifierOptions,
  ) {
    this.mail = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined;
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 1000);
    this.timer.unref();
    this.kick();
  }

  /** Looks for due notifications now (call after a commit that queued some). */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    this.mail?.close();
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const due = await this.claim();
        if (due.length === 0) return;
        for (const row of due) await this.attempt(row);
      }
    } catch (error) {
      this.options.log.warn({ err: error }, 'notifier pass failed; trying again on the next tick');
    }
  }

  /** Takes due rows by moving their next attempt a lease ahead; a row only one worker moved is its own. */
  private async claim(): Promise<OutboxRow[]> {
    const now = new Date().toISOString();
    let candidates = this.store.db
      .selectFrom('outbox')
      .selectAll()
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', now);
    if (!this.mail) candidates = candidates.where('channel', '!=', 'email');
    const rows = await candidates.orderBy('id').limit(20).execute();
    const lease = new Date(Date.now() + LEASE_MS).toISOString();
    const claimed: OutboxRow[] = [];
    for (const row of rows) {
      const taken = await this.store.db
        .updateTable('outbox')
        .set({ next_attempt_at: lease })
        .where('id', '=', row.id)
        .where('next_attempt_at', '=', row.next_attempt_at)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 1) claimed.push(row);
    }
    if (!this.mail && !this.warnedNoSmtp) {
      const waiting = await this.store.db.selectFrom('outbox').select('id').where('channel', '=', 'email').where('state', '=', 'pending').executeTakeFirst();
      if (waiting) {
        this.warnedNoSmtp = true;
        this.options.log.warn({}, 'emails are waiting in the outbox: set SMTP_URL to send them');
      }
    }
    return claimed;
  }

  private async attempt(row: OutboxRow): Promise<void> {
    const attempts = row.attempts + 1;
    try {
      if (row.channel === 'email') await this.sendEmail(row);
      else await this.callWebhook(row);
      await this.store.db
        .updateTable('outbox')
        .set({ state: 'sent', attempts, sent_at: new Date().toISOString(), last_error: null })
        .where('id', '=', row.id)
        .execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = attempts >= (this.options.maxAttempts ?? 10);
      const base = (this.options.retryBaseMs ?? 5000) * 2 ** (attempts - 1);
      const delay = Math.min(base, 3_600_000) * (0.5 + Math.random() / 2);
      await this.store.db
        .updateTable('outbox')
        .set({
          state: giveUp ? 'failed' : 'pending',
          attempts,
          last_error: message.slice(0, 500),
          next_attempt_at: new Date(Date.now() + delay).toISOString(),
        })
        .where('id', '=', row.id)
        .execute();
      this.options.log.warn({ outboxId: row.id, channel: row.channel, attempts, giveUp }, 'notification attempt failed');
    }
  }

  private async sendEmail(row: OutboxRow): Promise<void> {
    if (!this.mail) throw new Error('SMTP_URL is not set');
    const email = JSON.parse(row.payload) as EmailText;
    // Text only: what staff and shoppers wrote is never sent as HTML.
    await this.mail.sendMail({ from: this.options.from ?? 'Sori <no-reply@localhost>', to: row.target, subject: email.subject, text: email.text });
  }

  private async callWebhook(row: OutboxRow): Promise<void> {
    const hook = await this.store.db.selectFrom('webhooks').select(['url', 'secret']).where('id', '=', row.target).executeTakeFirst();
    if (!hook) throw new Error('webhook was removed');
    const body = JSON.stringify({ id: String(row.id), ...(JSON.parse(row.payload) as object) });
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Sori-Webhook/1',
        'x-sori-delivery': String(row.id),
        'x-sori-signature': signWebhook(hook.secret, body),
      },
      body,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  }
}
