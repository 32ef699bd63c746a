import Type from 'typebox';
import { KindSchema } from './common.js';

/** What a site lets shoppers do, as the widget needs it: `GET /v1/site` with the site key. */
export const SiteConfig = Type.Object(
  {
    name: Type.String(),
    kinds: Type.Array(KindSchema),
    products: Type.Array(Type.String()),
    /** Expected first-response time per kind, in minutes. */
    slaMinutes: Type.Record(Type.String(), Type.Integer({ minimum: 1 })),
    locale: Type.Optional(Type.String()),
    theme: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  {},
);
export type SiteConfig = Type.Static<typeof SiteConfig>;
