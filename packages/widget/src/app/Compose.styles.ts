/** The compose form's own styles: text fields, the folded optional part, the honeypot. */
export const COMPOSE_CSS = `
.field__input{display:block;width:100%;font-weight:400;border:1px solid var(--line);background:none;border-radius:8px;padding:6px 10px}
textarea.field__input{min-height:96px}
.consent{display:flex;align-items:center;gap:6px}
.form__more>summary{cursor:pointer;font-size:14px;color:var(--muted)}
.trap{position:absolute;left:-9999px}
.form__expected{display:block}
`;
