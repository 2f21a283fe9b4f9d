/**
 * The member app opened in an ordinary browser in the demo: there is no LINE account to know the shopper by, so
 * it says where to open it instead of "session expired". Both languages: without LINE there is no language to go
 * by. Loaded only then, so the card's entry carries none of it.
 */
export function OutsideLine() {
  return (
    <div className="status" role="alert">
      <p lang="zh-TW">
        會員中心需要從 LINE 開啟。示範中，請到示範首頁開啟手機畫面，再從手機裡的 LINE 開啟會員中心。
      </p>
      <p lang="en">
        Open the member centre from LINE. In the demo, open the phone from the demo home, then the member
        centre in its LINE.
      </p>
      <p>
        <a className="button" href="/" style={{ display: 'block', textDecoration: 'none' }}>
          <span lang="zh-TW">示範首頁</span> Demo home
        </a>
      </p>
    </div>
  );
}
