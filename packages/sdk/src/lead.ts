/**
 * Runs `work` while holding the Web Lock `name`, so one tab of the browser at a time does it; other
 * tabs queue and take over in turn, also when the holder's tab closes. Without Web Locks (old
 * browsers, tests) each instance just runs it.
 */
export async function lead(name: string, work: () => Promise<void>): Promise<void> {
  const locks = globalThis.navigator?.locks;
  await (locks ? locks.request(name, work) : work());
}
