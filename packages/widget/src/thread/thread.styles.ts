/** Styles of My messages: one card per submission, its thread entries and the follow-up. */
export const THREAD_CSS = `
.submission{border:1px solid var(--line);border-radius:8px;padding:10px;display:grid;gap:6px}
.submission__text,.entry{white-space:pre-wrap;overflow-wrap:anywhere}
.entry{padding:6px 8px;border-radius:8px;background:var(--soft)}
.choices--five{grid-template-columns:repeat(5,1fr)}
.my-data{display:grid;gap:6px;font-size:14px}
.button--danger{border-color:#c81e1e;color:#c81e1e}
`;
