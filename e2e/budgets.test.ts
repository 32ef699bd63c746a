import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// Plain JavaScript shared with the widget's build, which prints the same figures.
import { gzipSize, widgetSizes } from '../packages/widget/sizes.mjs';

const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const KB = 1024;

/** Size budgets (DESIGN.md, "Performance budgets"), checked on the build `pnpm test` just made. */
describe('size budgets (gzip, as sent)', () => {
  const widget = path('../packages/widget/dist');
  const sdk = path('../packages/sdk/dist/index.js');

  it('has builds to measure', () => {
    expect(existsSync(`${widget}/sori.js`) && existsSync(sdk), 'run pnpm build first').toBe(true);
  });

  it('keeps the loader, sori.js, within 2 KB', () => {
    expect(widgetSizes(widget).loader).toBeLessThanOrEqual(2 * KB);
  });

  it('keeps everything the widget loads, Preact and the SDK included, within 15 KB', () => {
    expect(widgetSizes(widget).total).toBeLessThanOrEqual(15 * KB);
  });

  it('keeps the SDK alone within 5 KB', () => {
    expect(gzipSize(sdk)).toBeLessThanOrEqual(5 * KB);
  });
});
