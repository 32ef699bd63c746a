import { createHmac } from 'node:crypto';
import type { Selectable } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Store } from '../db/database.js';
import type { NotificationTable } from '../db/schema.js';
import type { EmailText } from './email-text.js';
import { WebhookRefused, WebhookTargets } from './webhook-targets.js';

type NotificationRow = Selectable<NotificationTable>;

/** Options of {@link Notifier}. */
export interface NotifierOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`; without it, emails wait, queued, until it is set. */
  smtpUrl?: string | undefined;
  /** @default 'Sori <no-reply@localhost>' */
  from?: string | undefined;
  /** @default 1000 */
  pollMs?: number;
  /** First retry delay; doubles per attempt up to an hour. @default 5000 */
  retryBaseMs?: number;
  /** Attempts before a notification is marked `failed`. @default 10 */
  maxAttempts?: number;
  /** Where webhooks may go. @default internal addresses refused, no host allowed */
  webhookTargets?: WebhookTargets;
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
 * The notification worker: sends the queued emails over SMTP and the signed webhook calls,
 * retrying with exponential backoff and jitter, and records each delivery (attempt) with its
 * outcome. Notifications are queued in the transaction of the change they are about, so none is
 * lost to a crash and none is sent for a rolled-back change.
 */
export class Notifier {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private readonly mail: Transporter | undefined;
  private warnedNoSmtp = false;
  private readonly webhookTargets: WebhookTargets;

  constructor(
    private readonly store: Store,
    private readonly options: NotifierOptions,
  ) {
    this.mail = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined;
    this.webhookTargets = options.webhookTargets ?? new WebhookTargets();
  }

  start(): void {
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 1000);
    this.timer.unref();
    this.wake();
  }

  /** Looks for due notifications now rather than at the next poll (a commit queued some). */
  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
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
        for (const row of due) await this.deliver(row);
      }
    } catch (error) {
      this.options.log.warn({ err: error }, 'notifier pass failed; trying again on the next tick');
    }
  }

  /** Takes due rows by moving their next attempt a lease ahead; a row only one worker moved is its own. */
  private async claim(): Promise<NotificationRow[]> {
    const now = new Date().toISOString();
    let candidates = this.store.db
      .selectFrom('notifications')
      .selectAll()
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', now);
    if (!this.mail) candidates = candidates.where('channel', '!=', 'email');
    const rows = await candidates.orderBy('id').limit(20).execute();
    const lease = new Date(Date.now() + LEASE_MS).toISOString();
    const claimed: NotificationRow[] = [];
    for (const row of rows) {
      const taken = await this.store.db
        .updateTable('notifications')
        .set({ next_attempt_at: lease })
        .where('id', '=', row.id)
        .where('next_attempt_at', '=', row.next_attempt_at)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 1) claimed.push(row);
    }
    if (!this.mail && !this.warnedNoSmtp) {
      const waiting = await this.store.db.selectFrom('notifications').select('id').where('channel', '=', 'email').where('state', '=', 'pending').executeTakeFirst();
      if (waiting) {
        this.warnedNoSmtp = true;
        this.options.log.warn({}, 'emails are waiting to be sent: set SMTP_URL to send them');
      }
    }
    return claimed;
  }

  /** One delivery: one attempt to send, recorded with its outcome together with the notification's new state. */
  private async deliver(claimed: NotificationRow): Promise<void> {
    // Read again as it is now: an erasure since the claim cancelled it and took the address away.
    const row = await this.store.db.selectFrom('notifications').selectAll().where('id', '=', claimed.id).executeTakeFirst();
    if (row?.state !== 'pending') return;
    const attempt = row.attempts + 1;
    const at = new Date().toISOString();
    let error: string | undefined;
    // A refused webhook stays refused: trying again would only fill the deliveries.
    let permanent = false;
    try {
      if (row.channel === 'email') await this.sendEmail(row);
      else await this.callWebhook(row);
    } catch (failure) {
      error = (failure instanceof Error ? failure.message : String(failure)).slice(0, 500);
      permanent = failure instanceof WebhookRefused;
    }
    const giveUp = error !== undefined && (permanent || attempt >= (this.options.maxAttempts ?? 10));
    const base = (this.options.retryBaseMs ?? 5000) * 2 ** (attempt - 1);
    const delay = Math.min(base, 3_600_000) * (0.5 + Math.random() / 2);
    await this.store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('deliveries')
        .values({ notification_id: Number(row.id), attempt, at, outcome: error === undefined ? 'sent' : 'failed', error: error ?? null })
        .execute();
      await trx
        .updateTable('notifications')
        .set(
          error === undefined
            ? { state: 'sent', attempts: attempt, sent_at: new Date().toISOString(), last_error: null }
            : { state: giveUp ? 'failed' : 'pending', attempts: attempt, last_error: error, next_attempt_at: new Date(Date.now() + delay).toISOString() },
        )
        .where('id', '=', row.id)
        // Cancelled meanwhile (erased): it stays cancelled.
        .where('state', '=', 'pending')
        .execute();
    });
    if (error !== undefined) {
      this.options.log.warn({ notificationId: row.id, channel: row.channel, attempt, giveUp }, 'notification delivery failed');
    }
  }

  private async sendEmail(row: NotificationRow): Promise<void> {
    if (!this.mail) throw new Error('SMTP_URL is not set');
    const email = JSON.parse(row.payload) as EmailText;
    // Text only: what staff and shoppers wrote is never sent as HTML.
    await this.mail.sendMail({ from: this.options.from ?? 'Sori <no-reply@localhost>', to: row.target, subject: email.subject, text: email.text });
  }

  private async callWebhook(row: NotificationRow): Promise<void> {
    const hook = await this.store.db.selectFrom('webhooks').select(['url', 'secret']).where('id', '=', row.target).executeTakeFirst();
    if (!hook) throw new Error('webhook was removed');
    const body = JSON.stringify({ id: String(row.id), ...(JSON.parse(row.payload) as object) });
    const status = await this.webhookTargets.post(hook.url, {
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Sori-Webhook/1',
        // The notification's id: the same on every retry, so a receiver can drop repeats.
        'x-sori-notification': String(row.id),
        'x-sori-signature': signWebhook(hook.secret, body),
      },
      body,
      timeoutMs: WEBHOOK_TIMEOUT_MS,
    });
    if (status < 200 || status >= 300) throw new Error(`webhook answered ${status}`);
  }
}
