import { isOffline } from '../lib/api-client.ts';
import { useStore } from '../lib/use-store.ts';
import { common } from './messages.ts';

export function Loading() {
  const t = useStore(common);
  return (
    <p className="status" role="status" aria-busy="true">
      {t.loading}
    </p>
  );
}

/** A failed load: no network, or the server's trouble; both can be retried. */
export function LoadError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useStore(common);
  return (
    <div className="status" role="alert">
      <p>{isOffline(error) ? t.noNetwork : t.failed}</p>
      <button type="button" className="button secondary" onClick={retry}>
        {t.retry}
      </button>
    </div>
  );
}

export function Notice({ children }: { children: string }) {
  return (
    <p className="status" role="alert">
      {children}
    </p>
  );
}
