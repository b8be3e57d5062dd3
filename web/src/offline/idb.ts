// Issue 16 §1: a small typed wrapper over the browser's IndexedDB for the engineer's phone — his
// open work orders as the server last answered them (`orders`), the per-status views of each
// (`views`), the "my work" list (`lists`) and the step queue (`queue`, photos as Blobs inside).
// No library: four object stores, promise-wrapped requests.
import type { QueuedStep } from './queue';

const DB_NAME = 'medservice-offline';
const DB_VERSION = 1;
export type StoreName = 'orders' | 'views' | 'lists' | 'queue';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        for (const name of ['orders', 'views', 'lists'] as const) if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
        if (!db.objectStoreNames.contains('queue')) db.createObjectStore('queue', { keyPath: 'seq' });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => {
        opening = null;
        reject(req.error);
      };
    });
  }
  return opening;
}

const done = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

export const offlineAvailable = () => typeof indexedDB !== 'undefined';

export async function idbGet<T>(store: StoreName, key: IDBValidKey): Promise<T | undefined> {
  if (!offlineAvailable()) return undefined;
  const db = await open();
  return done(db.transaction(store).objectStore(store).get(key)) as Promise<T | undefined>;
}

export async function idbPut(store: StoreName, value: unknown, key?: IDBValidKey): Promise<void> {
  if (!offlineAvailable()) return;
  const db = await open();
  const tx = db.transaction(store, 'readwrite');
  tx.objectStore(store).put(value, key);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

/** The whole queue in order of recording. */
export async function loadQueue(): Promise<QueuedStep[]> {
  if (!offlineAvailable()) return [];
  const db = await open();
  const all = (await done(db.transaction('queue').objectStore('queue').getAll())) as QueuedStep[];
  return all.sort((a, b) => a.seq - b.seq);
}

/** Replaces the stored queue with this one in one transaction (the pure functions return a new list). */
export async function saveQueue(queue: readonly QueuedStep[]): Promise<void> {
  if (!offlineAvailable()) return;
  const db = await open();
  const tx = db.transaction('queue', 'readwrite');
  const store = tx.objectStore('queue');
  store.clear();
  for (const s of queue) store.put(s);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}
