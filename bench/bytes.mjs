// What the widget and the SDK cost in bytes, from the build in dist (run `pnpm build` first).
import { fileURLToPath } from 'node:url';
import { gzipSize, widgetSizes } from '../packages/widget/sizes.mjs';
import { printSummary } from './summary.mjs';

const path = (p) => fileURLToPath(new URL(p, import.meta.url));
const widget = widgetSizes(path('../packages/widget/dist'));
const sdk = gzipSize(path('../packages/sdk/dist/index.js'));
const KB = 1024;
const row = (figure, bytes, budget) => ({ figure, value: `${bytes.toLocaleString('en')} B`, goal: `≤ ${budget.toLocaleString('en')} B`, met: bytes <= budget });

for (const c of widget.chunks) console.log(`${c.file}: ${c.gzip} B gzip -9 (${c.phase})`);
printSummary('bytes', [
  row('widget loader, sori.js (gzip -9)', widget.loader, 2 * KB),
  row('widget first open (gzip -9)', widget.firstOpen, 19 * KB),
  row('widget, everything it can load (gzip -9)', widget.total, 23 * KB),
  row('SDK entry with idb (gzip -9)', sdk, 6 * KB),
]);
