import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JoinFormResponse } from '../../bot/schemas/liff-api.ts';
import { withProduct } from '../src/testing/render.tsx';

const product = withProduct();

/** The join form's consent links and versions, as the server gives them. */
async function joinForm() {
  const { token } = await product.shopper();
  const response = await fetch('/api/liff/join-form', { headers: { authorization: `Bearer ${token}` } });
  return (await response.json()) as JoinFormResponse;
}

/** The page a /liff/member/ URL names, from the folder Vite builds it from (vite.config.ts). */
const pageAt = (url: string) => {
  expect(url).toMatch(/^\/liff\/member\/[\w-]+\.html$/);
  return readFileSync(join(import.meta.dirname, url.slice('/liff/member/'.length)), 'utf8');
};

describe('the terms and the privacy policy the join form links to', () => {
  it('exist at the linked addresses and show the versions the member agrees to', async () => {
    const form = await joinForm();
    expect(pageAt(form.termsUrl)).toContain(
      `版本：<time datetime="${form.termsVersion}">${form.termsVersion}</time>`,
    );
    expect(pageAt(form.privacyUrl)).toContain(
      `版本：<time datetime="${form.privacyVersion}">${form.privacyVersion}</time>`,
    );
  });

  it('are plain pages for a phone, in Traditional Chinese with English, and lead back to the mini-app', async () => {
    const form = await joinForm();
    for (const page of [pageAt(form.termsUrl), pageAt(form.privacyUrl)]) {
      expect(page).toContain('<html lang="zh-Hant-TW">');
      expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1" />');
      expect(page).toContain('<section lang="en"');
      expect(page).toMatch(/<a href="\.\/" [^\n]*>← 返回會員中心<\/a>/);
      expect(page).not.toContain('<script');
    }
  });

  it('tell what the Personal Data Protection Act asks to be told, and how to use each right in the app', async () => {
    const privacy = pageAt((await joinForm()).privacyUrl);
    for (const heading of [
      '蒐集的目的',
      '蒐集的個人資料類別',
      '利用的期間、地區、對象及方式',
      '不提供個人資料的影響',
    ]) {
      expect(privacy).toContain(heading);
    }
    for (const right of [
      '查詢或請求閱覽',
      '請求製給複製本',
      '請求補充或更正',
      '請求停止蒐集、處理或利用',
      '請求刪除',
    ]) {
      expect(privacy).toContain(`<td>${right}</td>`);
    }
    expect(privacy).toContain('下載我的資料（JSON）');
    expect(privacy).toContain('刪除會員資格');
  });

  it("state the points' expiry: the end of the calendar year after the year they were earned", async () => {
    const terms = pageAt((await joinForm()).termsUrl);
    expect(terms).toContain('點數於取得年度的次一個曆年年底（12 月 31 日 24:00，臺灣時間）到期');
  });
});
