export { createSori } from './create-sori.js';
export { OUTBOX_LIMIT, OUTBOX_MAX_AGE_DAYS } from './context.js';
export { SoriError, isSoriError, isHttpError, type HttpError } from './errors.js';
export type {
  SoriOptions,
  SubmitInput,
  Delivery,
  Rejection,
  OutgoingMessage,
  Item,
  SoriStatus,
  SoriEvents,
  Sori,
  Kind,
  Status,
  PublicStatus,
  PublicEvent,
  Rating,
  SiteConfig,
  ContactPreference,
  ErrorCode,
} from './types.js';
