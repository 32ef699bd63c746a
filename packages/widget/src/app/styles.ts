/** The panel's styles, scoped by its shadow root. Colours are custom properties with fallbacks. */
export const PANEL_CSS = `
.sori-panel{position:fixed;right:20px;bottom:76px;z-index:2147483001;width:min(380px,calc(100vw - 24px));max-height:min(620px,calc(100vh - 100px));
display:flex;flex-direction:column;box-sizing:border-box;background:var(--sori-surface,#fff);color:var(--sori-text,#1b1b1f);
border-radius:14px;box-shadow:0 12px 40px rgba(0,0,0,.25);font:15px/1.45 system-ui,-apple-system,'Noto Sans KR',sans-serif;overflow:hidden}
.sori-panel *{box-sizing:border-box;font:inherit;color:inherit}
.sori-panel__head{display:flex;align-items:center;gap:8px;padding:12px 14px;border-bottom:1px solid var(--sori-line,#e4e4ea)}
.sori-panel__title{margin:0;font-weight:700;font-size:16px;flex:1}
.sori-panel__body{padding:14px;overflow:auto}
.sori-tabs{display:flex;gap:4px}
.sori-tab,.sori-close,.sori-button,.sori-kind span{cursor:pointer;border:1px solid var(--sori-line,#d6d6de);background:var(--sori-surface,#fff);border-radius:8px;padding:6px 10px}
.sori-tab[aria-selected=true]{background:var(--sori-soft,#eef2ff);border-color:var(--sori-accent,#1f5eff)}
.sori-close{border:0;font-size:20px;line-height:1;padding:4px 8px}
.sori-kinds{display:grid;grid-template-columns:1fr 1fr;gap:6px;border:0;margin:0 0 12px;padding:0}
.sori-kinds legend{margin-bottom:6px;font-weight:600}
.sori-kind{position:relative}
.sori-kind input{position:absolute;opacity:0;inset:0;margin:0}
.sori-kind span{display:block;text-align:center;padding:9px}
.sori-kind input:checked+span{background:var(--sori-accent,#1f5eff);border-color:var(--sori-accent,#1f5eff);color:var(--sori-on-accent,#fff)}
.sori-kind input:focus-visible+span,.sori-button:focus-visible,.sori-tab:focus-visible,.sori-close:focus-visible,.sori-field:focus-visible{outline:3px solid var(--sori-focus,#ffbf47);outline-offset:1px}
.sori-label{display:block;font-weight:600;margin-bottom:4px}
.sori-field{display:block;width:100%;min-height:96px;padding:8px;border:1px solid var(--sori-line,#c9c9d2);border-radius:8px;resize:vertical;background:var(--sori-surface,#fff)}
.sori-hint{font-size:13px;color:var(--sori-muted,#5c5c66);margin:4px 0 0}
.sori-trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.sori-button{margin-top:10px;background:var(--sori-accent,#1f5eff);border-color:var(--sori-accent,#1f5eff);color:var(--sori-on-accent,#fff);font-weight:600;padding:9px 18px}
.sori-button:disabled{opacity:.5;cursor:not-allowed}
.sori-item{border:1px solid var(--sori-line,#e4e4ea);border-radius:10px;padding:10px;margin-bottom:10px}
.sori-item__meta{display:flex;flex-wrap:wrap;gap:6px 10px;font-size:13px;color:var(--sori-muted,#5c5c66)}
.sori-item__status{font-weight:700;color:var(--sori-text,#1b1b1f)}
.sori-item__message{margin:6px 0;white-space:pre-wrap;overflow-wrap:anywhere}
.sori-event{margin:6px 0 0;padding:6px 8px;border-radius:8px;background:var(--sori-soft,#f3f4f8);white-space:pre-wrap;overflow-wrap:anywhere}
.sori-warning{background:#fff4ce;padding:8px;border-radius:8px;font-size:13px}
.sori-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (prefers-reduced-motion:no-preference){.sori-panel{animation:sori-in .16s ease-out}}
@keyframes sori-in{from{opacity:0;transform:translateY(8px)}}
`;
