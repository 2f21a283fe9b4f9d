import type { Brand } from '../config.ts';
import { escapeHtml } from './escape-html.ts';

/** What the demo's home page links and tells: the stand-in's phone, the claimable member, the staff sign-ins. */
export interface DemoHomeOptions {
  /** The LINE stand-in's phone page, on its own origin. */
  phoneUrl: string;
  claim: { phone: string; birthday: string };
  staff: { role: string; username: string; password: string }[];
}

const ROLE_NAMES: Record<string, string> = {
  admin: '管理員 Admin',
  store_manager: '店長 Store manager',
  clerk: '店員 Clerk',
  marketer: '行銷 Marketer',
};

/** The page itself: plain HTML and a style sheet in the page (CSP allows inline styles, never inline scripts). */
export function demoHomePage(brand: Brand, { phoneUrl, claim, staff }: DemoHomeOptions): string {
  const name = escapeHtml(brand.name);
  const link = (href: string, zh: string, en: string, what: string) =>
    `<li><a href="${escapeHtml(href)}"><strong>${zh}</strong> <span lang="en">${en}</span></a><p>${what}</p></li>`;
  const signIns = staff
    .map(
      (s) =>
        `<tr><td>${escapeHtml(ROLE_NAMES[s.role] ?? s.role)}</td><td><code>${escapeHtml(s.username)}</code></td><td><code>${escapeHtml(s.password)}</code></td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="zh-Hant-TW">
<head>
<meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${name} 會員系統示範 · Demo</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml" />
<style>
body { font-family: system-ui, "Noto Sans TC", sans-serif; margin: 0; background: #f5f6f7; color: #222; }
header { background: #06c755; color: #fff; padding: 20px 16px; }
header h1 { margin: 0; font-size: 1.4rem; }
header p { margin: 4px 0 0; }
main { max-width: 720px; margin: 0 auto; padding: 16px; }
ul.pages { list-style: none; padding: 0; display: grid; gap: 12px; }
ul.pages li { background: #fff; border-radius: 10px; padding: 12px 16px; box-shadow: 0 1px 3px rgb(0 0 0 / 0.1); }
ul.pages a { color: #05a546; font-size: 1.1rem; text-decoration: none; }
ul.pages p { margin: 4px 0 0; color: #555; font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; background: #fff; }
td { border-bottom: 1px solid #e5e5e5; padding: 6px 8px; overflow-wrap: anywhere; }
span[lang="en"], .en { color: #666; font-weight: normal; }
p .en { display: block; }
header .en { color: #e6fff0; }
td:nth-child(2) code { white-space: nowrap; }
</style>
</head>
<body>
<header>
<h1>${name}</h1>
<p>會員系統示範：沒有 LINE 帳號也能試用，本機的 LINE 替身扮演 LINE。<br /><span class="en">Membership demo: a local LINE stand-in plays LINE.</span></p>
</header>
<main>
<ul class="pages">
${link(phoneUrl, '手機', 'Phone', '扮演顧客：加好友、聊天、點選單，在 LINE 裡打開會員中心。<span class="en">Be a shopper in LINE: add the account, chat, open the member app.</span>')}
${link('/liff/member/', '會員中心', 'Member app', '會員中心在 LINE 裡開啟；請從上方的手機打開。<span class="en">It opens in LINE: open it from the phone above.</span>')}
${link('/liff/clerk/', '門市櫃檯', 'Counter', '店員掃會員卡、記錄消費與點數；店長在此作廢與退款。<span class="en">Clerks scan the card and record purchases; the store manager voids and refunds.</span>')}
${link('/liff/staff/', '管理後台', 'Staff console', '門市、員工、點數規則與稽核紀錄。<span class="en">Stores, staff, points rules and the audit log.</span>')}
</ul>
<h2>門市會員 <span lang="en">An in-store member to claim</span></h2>
<p>手機 Phone <code>${escapeHtml(claim.phone)}</code>，生日 Birthday <code>${escapeHtml(claim.birthday)}</code></p>
<h2>員工登入 <span lang="en">Staff sign-ins</span></h2>
<table>${signIns}</table>
</main>
</body>
</html>
`;
}
