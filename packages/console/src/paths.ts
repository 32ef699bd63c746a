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
} as const;
