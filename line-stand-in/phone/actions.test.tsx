import { describe, expect, it, vi } from 'vitest';
import { type ActionDeps, runAction } from './actions.ts';
import { liffTarget, withIdToken } from './liff-view.tsx';

function deps(aliases: Record<string, string> = {}) {
  const calls: unknown[][] = [];
  const record =
    (name: string, answer: unknown = null) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
      return answer;
    };
  const d = {
    userId: 'Uamy',
    liffUrl: 'http://localhost:3000/liff/member/',
    api: {
      postback: record('postback', { events: [{ webhookEventId: '01EVENT' }] }),
      sendText: record('sendText'),
      sendImage: record('sendImage'),
      sendLocation: record('sendLocation'),
      richMenus: async () => ({ aliases, richMenus: [] }),
    },
    openLiff: vi.fn(),
    openUrl: vi.fn(),
    pickDateTime: vi.fn(),
    switchMenu: vi.fn(),
    chatBar: vi.fn(),
    rememberDisplayText: vi.fn(),
    notify: vi.fn(),
  } satisfies ActionDeps;
  return { d, calls };
}

describe('a tap on an action does what LINE’s app does', () => {
  it('postback: sends the postback, keeps its displayText, and follows inputOption', async () => {
    const { d, calls } = deps();
    await runAction(
      {
        type: 'postback',
        data: 'action=points',
        displayText: '查點數',
        inputOption: 'openKeyboard',
        fillInText: '#',
      },
      d,
    );
    expect(calls).toEqual([['postback', 'Uamy', 'action=points', undefined, '查點數']]);
    expect(d.rememberDisplayText).toHaveBeenCalledWith('01EVENT', '查點數');
    expect(d.chatBar).toHaveBeenCalledWith({ mode: 'keyboard', text: '#' });
  });

  it('message: sends its text as the shopper', async () => {
    const { d, calls } = deps();
    await runAction({ type: 'message', label: '優惠', text: '本週優惠' }, d);
    expect(calls).toEqual([['sendText', 'Uamy', '本週優惠']]);
  });

  it('uri: opens the LIFF view for the LIFF app, a new tab for anything else', async () => {
    const { d } = deps();
    await runAction({ type: 'uri', uri: 'https://liff.line.me/2000000000-demo/coupons?id=3' }, d);
    await runAction({ type: 'uri', uri: 'https://example.com/' }, d);
    expect(d.openLiff).toHaveBeenCalledWith('http://localhost:3000/liff/member/coupons?id=3');
    expect(d.openUrl).toHaveBeenCalledWith('https://example.com/');
  });

  it('datetimepicker: asks for the date or time first', async () => {
    const { d, calls } = deps();
    const action = { type: 'datetimepicker', data: 'action=book', mode: 'date' as const };
    await runAction(action, d);
    expect(d.pickDateTime).toHaveBeenCalledWith(action);
    expect(calls).toEqual([]);
  });

  it('richmenuswitch: shows the alias’s menu at once, then sends the postback LINE sends', async () => {
    const { d, calls } = deps({ coupons: 'richmenu-b' });
    await runAction({ type: 'richmenuswitch', richMenuAliasId: 'coupons', data: 'switch=coupons' }, d);
    expect(d.switchMenu).toHaveBeenCalledWith('richmenu-b');
    expect(calls).toEqual([
      ['postback', 'Uamy', 'switch=coupons', { newRichMenuAliasId: 'coupons', status: 'SUCCESS' }],
    ]);
  });

  it('richmenuswitch to an unknown alias: the postback says so', async () => {
    const { d, calls } = deps();
    await runAction({ type: 'richmenuswitch', richMenuAliasId: 'nope', data: 'x' }, d);
    expect(d.switchMenu).not.toHaveBeenCalled();
    expect(calls[0]![3]).toEqual({ newRichMenuAliasId: 'nope', status: 'RICHMENU_ALIAS_ID_NOTFOUND' });
  });
});

it('finds the LIFF app behind its endpoint URL or a liff.line.me URL, and hands it the ID token', () => {
  const liffUrl = 'http://localhost:3000/liff/member/';
  expect(liffTarget('http://localhost:3000/liff/member/card', liffUrl)).toBe(
    'http://localhost:3000/liff/member/card',
  );
  expect(liffTarget('https://liff.line.me/1657000000-AbCd', liffUrl)).toBe(liffUrl);
  expect(liffTarget('https://example.com/', liffUrl)).toBeNull();
  expect(liffTarget('https://liff.line.me/1657000000-AbCd', null)).toBeNull();
  expect(withIdToken(`${liffUrl}#old`, 'a.b.c')).toBe(`${liffUrl}#stand-in-id-token=a.b.c`);
});

it('opens a LIFF URL with a page and its query, as the coupon buttons send them, where liff.init would', () => {
  const liffUrl = 'http://localhost:3000/liff/member/';
  const claim = 'https://liff.line.me/1657000000-AbCd?page=coupons&claim=5';
  expect(liffTarget(claim, liffUrl)).toBe(`${liffUrl}?page=coupons&claim=5`);
  expect(liffTarget('https://liff.line.me/1657000000-AbCd/?page=coupons&coupon=42', liffUrl)).toBe(
    `${liffUrl}?page=coupons&coupon=42`,
  );
  // LINE's Concatenate: the endpoint's own query first, then the LIFF URL's; the path and the fragment kept.
  expect(
    liffTarget('https://liff.line.me/1657000000-AbCd/wallet?page=rewards#top', `${liffUrl}?from=menu`),
  ).toBe(`${liffUrl}wallet?from=menu&page=rewards#top`);
  expect(withIdToken(`${liffUrl}?page=coupons&claim=5`, 'a.b.c')).toBe(
    `${liffUrl}?page=coupons&claim=5#stand-in-id-token=a.b.c`,
  );
});
