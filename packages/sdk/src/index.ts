export { createSori } from './create-sori.js';
export { OUTBOX_LIMIT, OUTBOX_MAX_AGE_DAYS } from './outbox.js';
export { SoriError, isSoriError, isHttpError, type HttpError } from './errors.js';
export type {
  SoriOptions,
  SubmitInput,
  SendState,
  Rejection,
  OutgoingMessage,
  Submission,
  SyncState,
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
  PersonData,
} from './types.js';
