import Type from 'typebox';
import { CONTACT_PREFERENCES, ERROR_CODES, KINDS, PUBLIC_STATUSES, STATUSES } from './constants.js';

/** A submission kind. */
export const KindSchema = Type.Enum(KINDS);
/** A staff-side status. */
export const StatusSchema = Type.Enum(STATUSES);
/** A shopper-side status. */
export const PublicStatusSchema = Type.Enum(PUBLIC_STATUSES);
/** How the shopper wants to be answered. */
export const ContactPreferenceSchema = Type.Enum(CONTACT_PREFERENCES);

/** An ISO 8601 timestamp. */
export const Timestamp = Type.String({ format: 'date-time' });
/** A client-made UUID: the idempotency key of a submission or a message. */
export const ClientId = Type.String({ format: 'uuid' });
/** A public site key, safe in page source. */
export const SiteKey = Type.String({ pattern: '^pk_[A-Za-z0-9_-]{8,64}$' });
/** A reporter secret: 256 random bits as 64 hex characters. Never in a URL. */
export const ReporterSecret = Type.String({ pattern: '^[0-9a-f]{64}$' });

/** One reason a request, a submission or a message was refused. */
export const ErrorDetail = Type.Object(
  {
    code: Type.Enum(ERROR_CODES),
    message: Type.String(),
    field: Type.Optional(Type.String()),
  },
  {},
);
export type ErrorDetail = Type.Static<typeof ErrorDetail>;

/** Every error response: `{ "error": { "code", "message", "field"? } }`. */
export const ErrorBody = Type.Object({ error: ErrorDetail });
export type ErrorBody = Type.Static<typeof ErrorBody>;
