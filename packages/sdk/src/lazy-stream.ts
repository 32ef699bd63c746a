import type { Context } from './context.js';
import type { UpdateStream } from './update-stream.js';

/** The sync chunk (`sync-chunk.ts`), or a stand-in with the same export. */
export type StreamModule = Pick<typeof import('./sync-chunk.js'), 'UpdateStream'>;

/** The reporter's event stream as the rest of the SDK uses it, loaded the first time it is needed. */
export interface LazyStream {
  /** Starts the live stream, when `live` is on: there is an accepted submission to hear about. */
  start(): void;
  /** Applies once what came after the stored cursor: a page's catch-up when `live` is off. */
  catchUp(): void;
  /** A trigger (back online, back to the tab): loads again what failed to load, tries again a failed catch-up, or lets the stream look for news. */
  poke(): void;
  stop(): void;
}

/**
 * The event stream behind a dynamic `import()`: a first-time shopper's page (nothing accepted
 * yet) never downloads its code, which keeps the widget's first open within its budget
 * (DESIGN.md, "Performance budgets"). A load that fails (offline) is forgotten, not kept as a
 * rejected promise, so that the next trigger loads it again.
 *
 * @param load How to load the module; the dynamic import unless a test stands in for the network.
 */
export function lazyStream(ctx: Context, load: () => Promise<StreamModule> = () => import('./sync-chunk.js')): LazyStream {
  let stream: UpdateStream | undefined;
  let loading: Promise<UpdateStream> | undefined;
  let wantLive = false;
  let wantCatchUp = false;
  let stopped = false;

  const loaded = () =>
    (loading ??= load().then(
      ({ UpdateStream }) => (stream = new UpdateStream(ctx)),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));

  /** Does what is wanted, once the code is there. */
  async function run(): Promise<void> {
    if (stopped || !(wantLive || wantCatchUp)) return;
    let loadedStream: UpdateStream;
    try {
      loadedStream = await loaded();
    } catch {
      return; // Not loaded (offline, say): what is wanted stays wanted for the next trigger.
    }
    if (stopped) return loadedStream.stop();
    if (wantLive) void loadedStream.start();
    if (wantCatchUp) {
      wantCatchUp = false;
      await loadedStream.catchUp().catch(() => (wantCatchUp = true));
    }
  }

  return {
    start() {
      if (!ctx.live) return;
      wantLive = true;
      void run();
    },
    catchUp() {
      wantCatchUp = true;
      void run();
    },
    poke() {
      stream?.poke();
      void run();
    },
    stop() {
      stopped = true;
      stream?.stop();
    },
  };
}
