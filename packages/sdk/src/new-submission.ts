import { KINDS, LIMITS } from '@sori/protocol/constants';
import type { SubmissionInput } from '@sori/protocol';
import { SoriError } from './errors.js';
import type { StoredSubmission } from './outbox.js';
import { present } from './present.js';
import type { SubmitInput } from './types.js';

/** Who the shopper is, as the page told with `identify()`. */
export interface Who {
  email?: string;
  name?: string;
  customerId?: string;
}

/** Page, cart or order data, as the page told with `setContext()`. */
export type PageContext = Record<string, string | number | boolean | null>;

/**
 * The trimmed text of a submission or a message; refused early, saying what is wrong, where the
 * server would refuse it. `field` names the argument in the message.
 */
export function checkText(text: unknown, field: string): string {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (!trimmed) throw new SoriError('invalid_input', `"${field}" is empty`);
  if (trimmed.length > LIMITS.messageChars) throw new SoriError('invalid_input', `"${field}" is over ${LIMITS.messageChars} characters`);
  return trimmed;
}

/**
 * A new submission, `queued`, under a fresh client id: what the shopper wrote, with the page's
 * `identify()` and `setContext()` data, the page's address and language. Throws a
 * {@link SoriError} `invalid_input` for a kind or text the server would refuse.
 */
export function newSubmission(input: SubmitInput, who: Who, pageContext: PageContext): StoredSubmission {
  if (!KINDS.includes(input.kind)) throw new SoriError('invalid_input', `"kind" must be one of ${KINDS}; got "${input.kind}"`);
  const message = checkText(input.message, 'message');
  // Empty fields of a form are left out rather than sent (and refused) as empty strings.
  const contact = present({ email: who.email, name: who.name, ...input.contact });
  const context = { ...present({ customerId: who.customerId }), ...pageContext, ...input.context };
  const clientId = crypto.randomUUID();
  // What the shopper sees of the submission, and sends along with more.
  const shown = { kind: input.kind, message, createdAt: new Date().toISOString(), ...present({ product: input.product, orderRef: input.orderRef }) };
  const wire: SubmissionInput = {
    clientId,
    ...shown,
    ...present({
      contact,
      context,
      // Only web pages: a `file:` or extension URL is nothing the server may store.
      pageUrl: /^https?:/.test(globalThis.location?.href) ? location.href : undefined,
      locale: globalThis.navigator?.language,
      trap: input.trap,
      // The server wants whole milliseconds.
      fillMs: input.fillMs && Math.round(input.fillMs),
    }),
  };
  return { clientId, ...shown, sendState: 'queued', timeline: [], outgoing: [], wire, lastRead: 0 };
}
