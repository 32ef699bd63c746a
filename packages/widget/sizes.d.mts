/** Bytes of a file after gzip -9. */
export function gzipSize(file: string): number;
/** The loader's size, and the loader plus everything it loads for one language. */
export function widgetSizes(dist: string): { loader: number; total: number; chunks: string[] };
