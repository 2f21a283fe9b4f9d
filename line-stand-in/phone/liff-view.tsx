/**
 * Where a URI action goes in LINE: the LIFF app (its endpoint URL, or `https://liff.line.me/{liffId}/path?query#hash`
 * which LINE opens at the endpoint URL plus the path, the endpoint's query with the LIFF URL's after it, and the
 * fragment: the "Concatenate" method, a new LIFF app's default), or null for any other page. LINE gets there through `?liff.state=` and liff.init's redirect; the
 * demo's LIFF (liff-mock) has no such redirect, so the view opens at the page liff.init would have restored.
 * https://developers.line.biz/en/docs/liff/opening-liff-app/
 */
export function liffTarget(uri: string, liffUrl: string | null): string | null {
  if (!liffUrl) return null;
  if (uri.startsWith(liffUrl) || `${uri}/` === liffUrl) return uri;
  const permanent = /^https:\/\/liff\.line\.me\/[\w-]+(\/[^?#]*)?(\?[^#]*)?(#.*)?$/.exec(uri);
  if (!permanent) return null;
  const [endpoint, endpointQuery = ''] = liffUrl.split('#')[0]!.split('?');
  const path = (permanent[1] ?? '').replace(/^\//, '');
  const query = [endpointQuery, (permanent[2] ?? '').slice(1)].filter(Boolean).join('&');
  return `${endpoint!.replace(/\/?$/, '/')}${path}${query ? `?${query}` : ''}${permanent[3] ?? ''}`;
}

/** The URL the LIFF view loads: the member mini-app reads the token from the fragment in demo mode. */
export const withIdToken = (url: string, idToken: string) =>
  `${url.split('#')[0]}#stand-in-id-token=${encodeURIComponent(idToken)}`;

/** LINE's "full" LIFF view: the whole screen, a header with the app's title and a close button. */
export function LiffView({ src, onClose }: { src: string; onClose: () => void }) {
  return (
    <div className="liff-view" role="dialog" aria-label="LIFF">
      <header className="liff-header">
        <span className="liff-title">{new URL(src).host}</span>
        <button type="button" className="icon" aria-label="關閉" onClick={onClose}>
          ✕
        </button>
      </header>
      <iframe title="LIFF" src={src} allow="clipboard-write; camera; geolocation" />
    </div>
  );
}
