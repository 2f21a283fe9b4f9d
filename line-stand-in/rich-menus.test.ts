import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { solidPng } from './image-size.ts';
import { lineFailure, richMenu, startTestLine, type TestLine } from './test-kit.ts';

let t: TestLine;
beforeEach(async () => {
  t = await startTestLine();
});
afterEach(async () => {
  await t.line.close();
});

/** A menu with its image uploaded on the data host, ready to show. */
async function readyMenu(name = 'member menu') {
  const { richMenuId } = await t.client.createRichMenu({ ...richMenu, name });
  const png = await solidPng(2500, 843);
  await t.blob.setRichMenuImage(richMenuId, new Blob([new Uint8Array(png)], { type: 'image/png' }));
  return { richMenuId, png };
}

async function bytesOf(stream: AsyncIterable<unknown>) {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('rich menus', () => {
  it('are created, listed, read and deleted', async () => {
    const { richMenuId } = await t.client.createRichMenu(richMenu);
    expect(richMenuId).toMatch(/^richmenu-[0-9a-f]{32}$/);
    expect(await t.client.getRichMenu(richMenuId)).toEqual({ richMenuId, ...richMenu });
    expect((await t.client.getRichMenuList()).richmenus.map((m) => m.richMenuId)).toEqual([richMenuId]);
    await t.client.deleteRichMenu(richMenuId);
    expect(await lineFailure(t.client.getRichMenu(richMenuId))).toMatchObject({ status: 404 });
  });

  it('take one PNG or JPEG image of their own size on the data host, and give it back', async () => {
    const { richMenuId, png } = await readyMenu();
    expect(await bytesOf(await t.blob.getRichMenuImage(richMenuId))).toEqual(png);
    const again = t.blob.setRichMenuImage(richMenuId, new Blob([new Uint8Array(png)], { type: 'image/png' }));
    expect((await lineFailure(again)).status).toBe(400);

    const { richMenuId: other } = await t.client.createRichMenu(richMenu);
    const wrongSize = new Blob([new Uint8Array(await solidPng(800, 270))], { type: 'image/png' });
    expect((await lineFailure(t.blob.setRichMenuImage(other, wrongSize))).status).toBe(400);
    const notAnImage = new Blob([new TextEncoder().encode('GIF89a')], { type: 'image/png' });
    expect((await lineFailure(t.blob.setRichMenuImage(other, notAnImage))).status).toBe(400);
    expect((await lineFailure(t.blob.getRichMenuImage(other))).status).toBe(404);
    expect(t.line.inspect.richMenus().map((m) => m.image?.contentType ?? null)).toEqual(['image/png', null]);
  });

  it('refuse to be shown before their image is uploaded', async () => {
    const { richMenuId } = await t.client.createRichMenu(richMenu);
    const failure = await lineFailure(t.client.setDefaultRichMenu(richMenuId));
    expect(failure).toMatchObject({
      status: 400,
      body: { message: 'must upload richmenu image before applying it to user' },
    });
  });

  it('show the default menu to everyone and a linked menu to one shopper', async () => {
    const [a, b] = [await t.friend(), await t.friend()];
    const member = await readyMenu('member');
    const guest = await readyMenu('guest');
    expect(t.line.inspect.richMenuOf(a.userId)).toBeNull();

    await t.client.setDefaultRichMenu(guest.richMenuId);
    expect(await t.client.getDefaultRichMenuId()).toEqual({ richMenuId: guest.richMenuId });
    await t.client.linkRichMenuIdToUser(a.userId, member.richMenuId);
    expect(await t.client.getRichMenuIdOfUser(a.userId)).toEqual({ richMenuId: member.richMenuId });
    expect(t.line.inspect.richMenuOf(a.userId)).toBe(member.richMenuId);
    expect(t.line.inspect.richMenuOf(b.userId)).toBe(guest.richMenuId);

    await t.client.unlinkRichMenuIdFromUser(a.userId);
    expect((await lineFailure(t.client.getRichMenuIdOfUser(a.userId))).status).toBe(404);
    await t.client.cancelDefaultRichMenu();
    expect((await lineFailure(t.client.getDefaultRichMenuId())).status).toBe(404);
    expect(t.line.inspect.richMenuOf(b.userId)).toBeNull();
  });

  it('link and unlink up to 500 users at once', async () => {
    const [a, b] = [await t.friend(), await t.friend()];
    const { richMenuId } = await readyMenu();
    const linked = await t.client.linkRichMenuIdToUsersWithHttpInfo({
      richMenuId,
      userIds: [a.userId, b.userId],
    });
    expect(linked.httpResponse.status).toBe(202);
    expect([a, b].map((s) => t.line.inspect.richMenuOf(s.userId))).toEqual([richMenuId, richMenuId]);
    await t.client.unlinkRichMenuIdFromUsers({ userIds: [a.userId] });
    expect(t.line.inspect.richMenuOf(a.userId)).toBeNull();

    const tooMany = Array.from({ length: 501 }, () => a.userId);
    const failure = await lineFailure(t.client.linkRichMenuIdToUsers({ richMenuId, userIds: tooMany }));
    expect(failure.body.details).toEqual([
      { message: 'Size must be between 1 and 500', property: 'userIds' },
    ]);
  });

  it('have aliases named by ^[a-z0-9_-]{1,32}$ that can be listed, moved and deleted', async () => {
    const coupons = await readyMenu('coupons');
    const card = await readyMenu('card');
    await t.client.createRichMenuAlias({ richMenuAliasId: 'coupons', richMenuId: coupons.richMenuId });
    expect(await t.client.getRichMenuAlias('coupons')).toEqual({
      richMenuAliasId: 'coupons',
      richMenuId: coupons.richMenuId,
    });
    const duplicate = t.client.createRichMenuAlias({
      richMenuAliasId: 'coupons',
      richMenuId: card.richMenuId,
    });
    expect((await lineFailure(duplicate)).status).toBe(400);
    await t.client.updateRichMenuAlias('coupons', { richMenuId: card.richMenuId });
    expect(await t.client.getRichMenuAliasList()).toEqual({
      aliases: [{ richMenuAliasId: 'coupons', richMenuId: card.richMenuId }],
    });
    await t.client.deleteRichMenuAlias('coupons');
    expect((await lineFailure(t.client.getRichMenuAlias('coupons'))).status).toBe(404);

    const badName = t.client.createRichMenuAlias({
      richMenuAliasId: 'Coupons!',
      richMenuId: card.richMenuId,
    });
    expect((await lineFailure(badName)).body.details).toEqual([
      { message: 'Invalid format', property: 'richMenuAliasId' },
    ]);
  });

  it('count create and delete against their own hourly limits', async () => {
    await t.line.close();
    t = await startTestLine({ limits: { rates: { createRichMenu: { max: 1, windowMs: 3_600_000 } } } });
    await t.client.createRichMenu(richMenu);
    expect((await lineFailure(t.client.createRichMenu(richMenu))).status).toBe(429);
  });
});
