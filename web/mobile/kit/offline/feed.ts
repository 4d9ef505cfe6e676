/**
 * The kit's change feed (in place of Dexie's liveQuery): after each write the store calls
 * `announce(name)`; listeners of that database in this page hear it at once, and other tabs through
 * a BroadcastChannel named after the database (`unioncare-offline`) where the platform has one.
 * Listeners re-read what they show; a notice carries no data.
 */

const listeners = new Map<string, Set<() => void>>();
const channels = new Map<string, BroadcastChannel | null>();

function tell(name: string): void {
  for (const listener of [...(listeners.get(name) ?? [])]) {
    try {
      listener();
    } catch {
      // One broken listener does not keep the others from hearing.
    }
  }
}

/** The page's one channel per database; it never hears its own posts, so no echo. */
function channel(name: string): BroadcastChannel | null {
  if (channels.has(name)) return channels.get(name) ?? null;
  let made: BroadcastChannel | null = null;
  if (typeof BroadcastChannel === 'function') {
    try {
      made = new BroadcastChannel(name);
      made.onmessage = () => tell(name);
      // Node (tests, bench): a listening channel must not keep the process alive.
      (made as { unref?: () => void }).unref?.();
    } catch {
      made = null;
    }
  }
  channels.set(name, made);
  return made;
}

/** Something in database `name` changed: tell this page's listeners and the other tabs. */
export function announce(name: string): void {
  tell(name);
  try {
    channel(name)?.postMessage('changed');
  } catch {
    // A closed or unusable channel: this page has heard it; the other tabs miss this one notice.
  }
}

/** Hear every change to database `name` (this page's writes and other tabs'); returns the stop. */
export function watch(name: string, listener: () => void): () => void {
  channel(name);
  let set = listeners.get(name);
  if (!set) {
    set = new Set();
    listeners.set(name, set);
  }
  const mine = set;
  const wrapped = () => listener();
  mine.add(wrapped);
  return () => {
    mine.delete(wrapped);
  };
}
