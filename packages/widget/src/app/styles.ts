/**
 * The panel's styles, scoped by its shadow root. Colours, radius and font are custom properties
 * with fallbacks, so a site can theme the widget from its own stylesheet.
 *
 * Class names are one letter, not BEM: the shadow root already scopes them, and every byte counts
 * against the 15 KB budget. Legend: p panel, h head, b body (and form), x close, k kind choice,
 * f five-across choices (the rating), n note (muted small text), t trap (honeypot), s send, i item, m item meta, e timeline entry (and the storage warning),
 * r screen-reader-only live region, c checkbox line, u unread badge (on the launcher). `--sori-offset-x`/`-y` move the panel with
 * the launcher; `:host([left])` (the loader's side setting) puts both on the left. Dark mode sets the palette's properties on the panel;
 * under 480 px the panel is a full-height sheet. Text is 16 px, so phones do not zoom into inputs.
 */
export const PANEL_CSS = `
.p{--l:var(--sori-line,#d6d6de);--m:var(--sori-muted,#5c5c66);--a:var(--sori-accent,#1f5eff);--o:var(--sori-soft,#eef1f8);position:fixed;right:var(--sori-offset-x,20px);bottom:calc(var(--sori-offset-y,20px) + 56px);z-index:2147483001;width:min(380px,calc(100vw - 24px));max-height:calc(100vh - 100px);display:flex;flex-direction:column;background:var(--sori-surface,#fff);color:var(--sori-text,#1b1b1f);border-radius:var(--sori-radius,14px);box-shadow:0 12px 40px #0004;font:16px/1.45 system-ui,sans-serif;overflow:hidden}
.p *{box-sizing:border-box;font:inherit;color:inherit;margin:0}
.h,.m,.c,[role=tablist]{display:flex;align-items:center;flex-wrap:wrap;gap:6px 10px}
[role=tablist]{flex-basis:100%;gap:6px}
.h{padding:10px 12px;border-bottom:1px solid var(--l)}
.h h2{font-weight:700;flex:1}
.b,.i{padding:14px;overflow:auto;display:grid;gap:10px}
button,.k span,textarea,label input,select,.i{border:1px solid var(--l);background:none;border-radius:8px;padding:6px 10px}
button,.k span,summary{cursor:pointer}
[aria-selected=true],.e{background:var(--o)}
.x{border:0;font-size:20px}
fieldset{display:grid;grid-template-columns:1fr 1fr;gap:6px;border:0;padding:0}
.f{grid-template-columns:repeat(5,1fr)}
legend,label,.s{font-weight:600}
.k{position:relative}
.k input{position:absolute;opacity:0}
.k span{display:block;text-align:center;padding:9px}
.k input:checked+span,.s{background:var(--a);border-color:var(--a);color:var(--sori-on-accent,#fff)}
:focus-visible,.k input:focus-visible+span{outline:3px solid var(--sori-focus,#ffbf47);outline-offset:1px}
textarea,label input,select{display:block;width:100%;font-weight:400}
textarea{min-height:96px}
.c input{width:auto}
.n,summary{font-size:14px;color:var(--m)}
.u{margin-left:8px;padding:0 6px;border-radius:9px;background:#c81e1e;color:#fff}
.t{position:absolute;left:-9999px}
.s{padding:9px 18px;justify-self:start}
.i{padding:10px;gap:6px}
.i p,.e{white-space:pre-wrap;overflow-wrap:anywhere}
.e{padding:6px 8px;border-radius:8px}
.r{position:absolute;clip-path:inset(50%)}
:host([left]) .p{right:auto;left:var(--sori-offset-x,20px)}
@media(prefers-color-scheme:dark){.p{--sori-surface:#222;--sori-text:#eee;--l:#555;--o:#333;--m:#bbb}}
@media(max-width:480px){.p{inset:0;width:auto;max-height:none;border-radius:0}}
`;
