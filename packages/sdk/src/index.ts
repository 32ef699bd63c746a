export { createSori } from './create-sori.js';
export { SoriError, HttpError, isSoriError, isHttpError } from './errors.js';
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
