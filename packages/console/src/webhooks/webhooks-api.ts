import { signal } from '@preact/signals';
import type { Notification, Webhook, WebhookCreated, WebhookInput, WebhookSecret, WebhookTestResult, WebhookUpdateInput } from '@sori/protocol';
import { ADMIN_PATHS } from '@sori/protocol/constants';
import { desk } from '../api/client.js';


/** The webhooks; `undefined` until loaded. */
export const webhooks = signal<readonly Webhook[] | undefined>(undefined);

const keep = (hook: Webhook): Webhook => {
  const list = webhooks.peek() ?? [];
  webhooks.value = list.some((h) => h.id === hook.id) ? list.map((h) => (h.id === hook.id ? hook : h)) : [...list, hook];
  return hook;
};

/** Loads every webhook (of every site). */
export async function loadWebhooks(): Promise<readonly Webhook[]> {
  const { webhooks: list } = await desk<{ webhooks: Webhook[] }>('GET', ADMIN_PATHS.webhooks);
  webhooks.value = list;
  return list;
}

/** Adds a webhook; the answer has its signing secret, once. */
export async function createWebhook(input: WebhookInput): Promise<WebhookCreated> {
  const created = await desk<WebhookCreated>('POST', ADMIN_PATHS.webhooks, { body: input });
  keep(created.webhook);
  return created;
}

/** Changes a webhook's URL, department or events. */
export async function updateWebhook(id: string, change: WebhookUpdateInput): Promise<Webhook> {
  return keep(await desk<Webhook>('PATCH', ADMIN_PATHS.webhook(id), { body: change }));
}

/** Deletes a webhook: no more calls, waiting ones cancelled. */
export async function deleteWebhook(id: string): Promise<void> {
  await desk<void>('DELETE', ADMIN_PATHS.webhook(id));
  webhooks.value = (webhooks.peek() ?? []).filter((h) => h.id !== id);
}

/** Sends a signed test call now and says how the receiver answered. */
export function testWebhook(id: string): Promise<WebhookTestResult> {
  return desk<WebhookTestResult>('POST', ADMIN_PATHS.webhookTest(id));
}

/** A new signing secret, shown once; the old one stops at once. */
export function rotateSecret(id: string): Promise<WebhookSecret> {
  return desk<WebhookSecret>('POST', ADMIN_PATHS.webhookSecret(id));
}

/** The webhook's delivery log: its calls, newest first, each with its attempts. */
export async function loadDeliveries(id: string): Promise<Notification[]> {
  const { notifications } = await desk<{ notifications: Notification[] }>('GET', ADMIN_PATHS.webhookDeliveries(id));
  return notifications;
}

/** Sends a call again (back to pending, tried at once). */
export function sendAgain(notificationId: number): Promise<Notification> {
  return desk<Notification>('POST', ADMIN_PATHS.notificationRetry(notificationId));
}
