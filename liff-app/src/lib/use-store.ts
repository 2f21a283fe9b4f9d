import type { ReadableAtom } from 'nanostores';
import { useSyncExternalStore } from 'react';

/** A nanostores atom in React: the i18n messages are atoms that change when the language does. */
export function useStore<T>(store: ReadableAtom<T>): T {
  return useSyncExternalStore(store.listen, store.get, store.get);
}
