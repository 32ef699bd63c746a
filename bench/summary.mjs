// The one line each benchmark ends with, which `pnpm bench` (bench/all.mjs) gathers into its table.

/** The prefix of a benchmark's summary line. */
export const SUMMARY_PREFIX = 'summary ';

/**
 * Prints a benchmark's figures as one JSON line: `summary {"bench":…,"rows":[{figure,value,goal,met}]}`.
 * `met` is true, false, or null where the figure has no goal.
 */
export function printSummary(bench, rows) {
  console.log(`${SUMMARY_PREFIX}${JSON.stringify({ bench, rows })}`);
}

/** Parses summary lines out of a benchmark's output. */
export function parseSummaries(output) {
  return output
    .split('\n')
    .filter((line) => line.startsWith(SUMMARY_PREFIX))
    .map((line) => JSON.parse(line.slice(SUMMARY_PREFIX.length)));
}
