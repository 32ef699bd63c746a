/**
 * The dialog's frame, its tabs and what every screen shares (buttons, notes, choices), scoped by
 * the widget's shadow root. Colours, radius and offsets are custom properties with fallbacks, so a
 * site themes the widget from its own stylesheet; dark mode sets the palette's properties on the
 * panel. `:host([left])` (the loader's side setting) puts the panel on the left; under 480 px it is
 * a full-height sheet. Text is 16 px, so phones do not zoom into inputs.
 */
export const PANEL_CSS = `
.panel{--line:var(--sori-line,#d6d6de);--muted:var(--sori-muted,#5c5c66);--accent:var(--sori-accent,#1f5eff);--soft:var(--sori-soft,#eef1f8);position:fixed;right:var(--sori-offset-x,20px);bottom:calc(var(--sori-offset-y,20px) + 56px);z-index:2147483001;width:min(380px,calc(100vw - 24px));max-height:calc(100vh - 100px);display:flex;flex-direction:column;background:var(--sori-surface,#fff);color:var(--sori-text,#1b1b1f);border-radius:var(--sori-radius,14px);box-shadow:0 12px 40px #0004;font:16px/1.45 system-ui,sans-serif;overflow:hidden}
.panel *{box-sizing:border-box;font:inherit;color:inherit;margin:0}
.panel__head,.row,.tabs{display:flex;align-items:center;flex-wrap:wrap;gap:6px 10px}
.panel__head{padding:10px 12px;border-bottom:1px solid var(--line)}
.panel__title{font-weight:700;flex:1}
.panel__body,.form{padding:14px;overflow:auto;display:grid;gap:10px}
.tabs{flex-basis:100%;gap:6px}
.tabs__tab[aria-selected=true]{background:var(--soft)}
button,.choice__label{border:1px solid var(--line);background:none;border-radius:8px;padding:6px 10px;cursor:pointer}
.panel__close{border:0;font-size:20px}
.choices{display:grid;grid-template-columns:1fr 1fr;gap:6px;border:0;padding:0}
.choice{position:relative}
.choice__input{position:absolute;opacity:0}
.choice__label{display:block;text-align:center;padding:9px}
.choice__input:checked+.choice__label,.button--primary{background:var(--accent);border-color:var(--accent);color:var(--sori-on-accent,#fff)}
:focus-visible,.choice__input:focus-visible+.choice__label{outline:3px solid var(--sori-focus,#ffbf47);outline-offset:1px}
.choices__legend,.field,.button--primary{font-weight:600}
.button--primary{padding:9px 18px;justify-self:start}
.note{font-size:14px;color:var(--muted)}
.warning{padding:6px 8px;border-radius:8px;background:var(--soft)}
.sr-only{position:absolute;clip-path:inset(50%)}
.sori-launcher__badge{margin-left:8px;padding:0 6px;border-radius:9px;background:#c81e1e;color:#fff}
:host([left]) .panel{right:auto;left:var(--sori-offset-x,20px)}
@media(prefers-color-scheme:dark){.panel{--sori-surface:#222;--sori-text:#eee;--line:#555;--soft:#333;--muted:#bbb}}
@media(max-width:480px){.panel{inset:0;width:auto;max-height:none;border-radius:0}}
`;
