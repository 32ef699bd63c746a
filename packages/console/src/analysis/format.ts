import type { Portion } from '@sori/protocol';
import { t } from '../i18n/i18n.js';

/** A share as a percentage, or "no data" when there is nothing to share out. */
export function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? t().analysis.noData : `${Math.round(share * 1000) / 10} %`;
}

/** A count with its share: "3 (37.5 %)". */
export function portionText(p: Portion): string {
  return p.share === null ? t().analysis.noData : `${p.count} (${percent(p.share)})`;
}

/** Minutes as minutes, hours or days; "no data" when absent. */
export function duration(minutes: number | null): string {
  return minutes === null ? t().analysis.noData : t().analysis.minutes(minutes);
}

/** `YYYY-MM-DD` of a time, in UTC (what a date field holds). */
export const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
