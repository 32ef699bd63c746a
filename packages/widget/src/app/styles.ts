/**
 * The panel's styles, scoped by its shadow root. Colours, radius and font are custom properties
 * with fallbacks, so a site can theme the widget from its own stylesheet.
 *
 * Class names are one letter, not BEM: the shadow root already scopes them, and every byte counts
 * against the 15 KB budget. Legend: p panel, h head, b body (and form), x close, k kind choice,
 * f five-across choices (the rating), n note (muted small text), t trap (honeypot), s send, i item, m item meta, e timeline entry (and the storage warning),
 * r screen-reader-only live region. Dark mode sets the palette's properties on the panel;
 * under 480 px the panel is a full-height sheet. Text is 16 px, so phones do not zoom into inputs.
 */
export const PANEL_CSS = `
.p{position:fixed;right:20px;bottom:76px;z-index:2147483001;width:min(380px,calc(100vw - 24px));max-height:calc(100vh - 100px);display:flex;flex-direction:column;
background:var(--sori-surface,#fff);color:var(--sori-text,#1b1b1f);border-radius:var(--sori-radius,14px);box-shadow:0 12px 40px #0004;font:16px/1.45 var(--sori-font,system-ui,sans-serif);overflow:hidden}
.p *{box-sizing:border-box;font:inherit;color:inherit;margin:0}
.h{display:flex;align-items:center;gap:6px;padding:10px 12px;border-bottom:1px solid var(--sori-line,#e4e4ea)}
.h h2{font-weight:700;flex:1}
.b{padding:14px;overflow:auto;display:grid;gap:10px}
button,.k span{cursor:pointer;border:1px solid var(--sori-line,#d6d6de);background:none;border-radius:8px;padding:6px 10px}
[aria-selected=true]{background:var(--sori-soft,#eef2ff)}
.x{border:0;font-size:20px}
fieldset{display:grid;grid-template-columns:1fr 1fr;gap:6px;border:0;padding:0}
.f{grid-template-columns:repeat(5,1fr)}
legend{font-weight:600}
.k{position:relative}
.k input{position:absolute;opacity:0}
.k span{display:block;text-align:center;padding:9px}
.k input:checked+span,.s{background:var(--sori-accent,#1f5eff);border-color:var(--sori-accent,#1f5eff);color:var(--sori-on-accent,#fff)}
:focus-visible,.k input:focus-visible+span{outline:3px solid var(--sori-focus,#ffbf47);outline-offset:1px}
label{font-weight:600}
textarea{width:100%;min-height:96px;padding:8px;border:1px solid var(--sori-line,#c9c9d2);border-radius:8px;background:none}
.n{font-size:13px;color:var(--sori-muted,#5c5c66)}
.t{position:absolute;left:-9999px}
.s{font-weight:600;padding:9px 18px;justify-self:start}
:disabled{opacity:.5}
.i{border:1px solid var(--sori-line,#e4e4ea);border-radius:10px;padding:10px;display:grid;gap:6px}
.m{display:flex;flex-wrap:wrap;gap:4px 10px}
.i p,.e{white-space:pre-wrap;overflow-wrap:anywhere}
.e{padding:6px 8px;border-radius:8px;background:var(--sori-soft,#f3f4f8)}
.r{position:absolute;clip-path:inset(50%)}
@media(prefers-color-scheme:dark){.p{--sori-surface:#222;--sori-text:#eee;--sori-line:#444;--sori-soft:#333;--sori-muted:#aaa}}
@media(max-width:480px){.p{inset:0;width:auto;max-height:none;border-radius:0}}
`;
