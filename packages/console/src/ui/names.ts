import { t } from '../i18n/i18n.js';

/** A department's name in the console's language; a site's own department shows as the site wrote it. */
export const departmentName = (id: string): string => t().departments[id] ?? id;

/** The first line of a shopper's message, for a list row (the whole text is on the submission). */
export const firstLine = (message: string): string => message.split(/\r?\n/, 1)[0]?.trim() ?? '';
