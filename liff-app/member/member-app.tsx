/**
 * The member mini-app shell that opens inside LINE. Sign-in through LIFF, the join form, the member card and
 * the points views are built on it.
 */
export function MemberApp() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 480, margin: '0 auto', padding: 16 }}>
      <h1 style={{ fontSize: 20 }}>會員中心</h1>
      <p role="status">會員卡即將推出。Member card coming soon.</p>
    </main>
  );
}
