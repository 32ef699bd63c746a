/** Bytes of a file after gzip -9. */
export function gzipSize(file: string): number;

/** One file the server sends, measured. */
export interface ChunkSize {
  file: string;
  phase: 'loader' | 'first open' | 'first open (one locale)' | 'lazy';
  /** gzip -9 (zlib), what the budgets count. */
  gzip: number;
  /** The precompressed `.gz` the server sends. */
  sent: number;
  /** brotli at quality 11. */
  brotli: number;
}

/** The loader, the first open (one locale) and everything, in gzip -9 bytes, and each file. */
export function widgetSizes(dist: string): { loader: number; firstOpen: number; total: number; chunks: ChunkSize[] };
