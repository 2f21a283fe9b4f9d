import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Product, startProduct, TEST_LIFF_ID } from '../testing/harness.ts';
import { createLineClients } from './clients.ts';
import { linkMemberMenu, type SetupLog, setUpRichMenus, unlinkMemberMenu } from './rich-menus.ts';

let product: Product;
let logged: string[];
const log: SetupLog = { info: (_details, message) => logged.push(message) };
beforeEach(async () => {
  product = await startProduct();
  logged = [];
});
afterEach(() => product.close());

const setUp = (liffId = TEST_LIFF_ID) => setUpRichMenus(product.app.line, liffId, log);
const menusAtLine = () => {
  const { richMenus, richMenuAliases, defaultRichMenu } = product.line.inspect;
  return { menus: richMenus(), aliases: richMenuAliases(), default: defaultRichMenu() };
};

describe('setting up the rich menus', () => {
  it('creates the join and member menus with their images and aliases, and makes join the default', async () => {
    const ids = await setUp();
    const { menus, aliases } = menusAtLine();
    expect(aliases).toEqual({ join: ids.join, member: ids.member });
    expect(product.line.inspect.defaultRichMenu()).toBe(ids.join);
    expect(menus).toHaveLength(2);
    const member = menus.find((m) => m.richMenuId === ids.member)!;
    expect(member).toMatchObject({ chatBarText: '會員選單', size: { width: 2500, height: 1686 } });
    expect((member.areas as { action: unknown }[]).map((a) => a.action)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'uri', uri: `https://liff.line.me/${TEST_LIFF_ID}?page=card` }),
        expect.objectContaining({ type: 'postback', data: 'action=show-points' }),
        expect.objectContaining({ type: 'postback', data: 'action=show-coupons' }),
        expect.objectContaining({ type: 'uri', uri: `https://liff.line.me/${TEST_LIFF_ID}?page=profile` }),
      ]),
    );
    for (const id of [ids.join, ids.member]) {
      expect(product.line.inspect.richMenuImage(id)?.contentType).toBe('image/png');
    }
    const shopper = product.line.shoppers.create();
    expect(product.line.inspect.richMenuOf(shopper.userId)).toBe(ids.join);
  });

  it('changes nothing when run again', async () => {
    const first = await setUp();
    const before = menusAtLine();
    logged = [];
    expect(await setUp()).toEqual(first);
    expect(menusAtLine()).toEqual(before);
    expect(logged).toEqual([]);
  });

  it('completes a run that stopped before uploading an image, without a second menu', async () => {
    product.line.setFaults({ setRichMenuImage: { serverErrorRate: 1 } });
    await expect(setUp()).rejects.toMatchObject({ status: 500 });
    product.line.setFaults({});
    const ids = await setUp();
    expect(
      menusAtLine()
        .menus.map((m) => m.richMenuId)
        .sort(),
    ).toEqual([ids.join, ids.member].sort());
    expect(product.line.inspect.richMenuImage(ids.join)).not.toBeNull();
  });

  it('creates a new menu and moves the alias when a menu changed, keeping the old one for linked members', async () => {
    const old = await setUp();
    const shopper = product.line.shoppers.create();
    await linkMemberMenu(product.app.line, shopper.userId);
    const changed = await setUp('1657000000-OtherApp');
    expect(changed.member).not.toBe(old.member);
    expect(menusAtLine()).toMatchObject({ aliases: changed, default: changed.join });
    expect(menusAtLine().menus).toHaveLength(4);
    expect(product.line.inspect.richMenuOf(shopper.userId)).toBe(old.member);
  });
});

describe('the member menu follows membership', () => {
  it('links the member menu to one member at once, and unlinking returns them to the join menu', async () => {
    const ids = await setUp();
    const member = product.line.shoppers.create();
    const friend = product.line.shoppers.create();
    await linkMemberMenu(product.app.line, member.userId);
    expect(product.line.inspect.richMenuOf(member.userId)).toBe(ids.member);
    expect(product.line.inspect.richMenuOf(friend.userId)).toBe(ids.join);

    await unlinkMemberMenu(product.app.line, member.userId);
    expect(product.line.inspect.richMenuOf(member.userId)).toBe(ids.join);
  });

  it('finds the member menu again when the one it remembered was deleted and set up anew elsewhere', async () => {
    const old = await setUp();
    await linkMemberMenu(product.app.line, product.line.shoppers.create().userId);
    await product.app.line.messaging.deleteRichMenu(old.member);
    // The setup script runs in its own process, with its own clients.
    const script = createLineClients({
      channelSecret: product.channelSecret,
      channelAccessToken: product.channelAccessToken,
      apiBaseUrl: product.line.urls.api,
      dataApiBaseUrl: product.line.urls.data,
    });
    const fresh = await setUpRichMenus(script, TEST_LIFF_ID, log);

    const later = product.line.shoppers.create();
    await linkMemberMenu(product.app.line, later.userId);
    expect(product.line.inspect.richMenuOf(later.userId)).toBe(fresh.member);
  });
});
