import Type from 'typebox';
import { KindSchema } from './common.js';
import { ExpectedResponse } from './admin.js';

/** What a site lets shoppers do, as the widget needs it: `GET /v1/site` with the site key. */
export const SiteConfig = Type.Object(
  {
    name: Type.String(),
    kinds: Type.Array(KindSchema),
    products: Type.Array(Type.String()),
    /** First-response target per kind, in minutes of business hours. */
    slaMinutes: Type.Record(Type.String(), Type.Integer({ minimum: 1 })),
    /** By when a submission sent now is expected to be answered, per kind, with business hours counted in. */
    expectedResponse: Type.Optional(ExpectedResponse),
    /** The site's overrides of the widget's strings, per key (plain text). */
    strings: Type.Optional(Type.Record(Type.String(), Type.String())),
    locale: Type.Optional(Type.String()),
    theme: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  {},
);
export type SiteConfig = Type.Static<typeof SiteConfig>;
