/** Where the server serves the console (`base` in vite.config.ts): `/console/`. */
export const BASE = import.meta.env.BASE_URL;

/** The console's own URLs; the server answers each with index.html. */
export const paths = {
  inbox: BASE,
  submission: (id: string) => `${BASE}submissions/${encodeURIComponent(id)}`,
  cannedReplies: `${BASE}canned-replies`,
  analysis: `${BASE}analysis`,
  improvements: `${BASE}improvements`,
  followUps: `${BASE}follow-ups`,
  /** Admins only: the sites and their settings. */
  sites: `${BASE}settings/sites`,
  site: (id: string) => `${BASE}settings/sites/${encodeURIComponent(id)}`,
  /** Admins only: users, their roles, departments and sites. */
  staff: `${BASE}settings/staff`,
  /** API tokens: one's own (admins: everyone's). */
  tokens: `${BASE}settings/tokens`,
  /** Admins only: webhooks and their delivery logs. */
  webhooks: `${BASE}settings/webhooks`,
  /** Everyone: one's own password and alerts. */
  account: `${BASE}account`,
} as const;
