import { expect, it } from 'vitest';
import { createApi } from '../../lib/api.ts';
import { createStaffApi } from '../../lib/staff-api.ts';
import { openPage, withProduct } from '../../testing/render.tsx';
import { followClick } from './campaign-click.ts';

const product = withProduct();

const announcement = {
  kind: 'announcement',
  imageUrl: null,
  buttonUrl: 'https://example.com/sale',
  zh: { title: '週末特賣', text: '全館九折', buttonLabel: '看看' },
  en: { title: 'Weekend sale', text: '10% off', buttonLabel: 'See' },
};

it('records the click for the member and opens the announcement’s link; without a session, the /c/ redirect', async () => {
  const storeId = await product.store();
  const { userId, token } = await product.shopper();
  await product.join(userId, storeId);
  await product.staff('max', 'marketer');
  openPage(product.staffOrigin());
  const staff = createStaffApi({ onSignedOut: () => {} });
  await staff.signIn({ username: 'max', password: 'correct horse battery' });
  const campaign = await staff.post<{ id: number }>('/campaigns', {
    ...{ name: '週末特賣', rules: { field: 'lineFriend' }, message: announcement },
  });
  // The preview is what LINE is sent: its button opens the member app with the campaign's click token.
  const preview = await staff.post<{ messages: { 'zh-TW': unknown[] } }>(
    `/campaigns/${campaign.id}/preview`,
    {},
  );
  const uri = /"uri":"([^"]+)"/.exec(JSON.stringify(preview.messages['zh-TW']))![1]!;
  expect(uri).toMatch(/^https:\/\/liff\.line\.me\/[\w-]+\?c=\d+\.[\w-]{12}$/);
  const click = new URL(uri).searchParams.get('c')!;

  // As LINE opens https://liff.line.me/{liffId}?c=…: the member's ID token goes with the request.
  openPage(product.staffOrigin(), `?c=${click}`);
  const opened: string[] = [];
  const api = createApi({ idToken: () => token, onTokenExpired: () => {} });
  await followClick(api, (url) => opened.push(url));
  await followClick(api, (url) => opened.push(url));
  // Outside LINE there is no ID token: the product's own redirect counts the click without a member.
  await followClick(createApi({ idToken: () => null, onTokenExpired: () => {} }), (url) => opened.push(url));
  expect(opened).toEqual(['https://example.com/sale', 'https://example.com/sale', `/c/${click}`]);

  const results = await staff.get<{ clicks: { members: number; total: number } }>(
    `/campaigns/${campaign.id}/results`,
  );
  expect(results.clicks).toEqual({ members: 1, total: 1 });

  // A coupon's claim goes on in the wallet, whatever the click's answer.
  openPage(product.staffOrigin(), `?page=coupons&claim=7&c=${campaign.id}.forgedforged`);
  await followClick(api, (url) => opened.push(url));
  expect(opened).toHaveLength(3);
});
