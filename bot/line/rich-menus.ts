import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { messagingApi } from '@line/bot-sdk';
import type { FastifyBaseLogger } from 'fastify';
import type { LineClients } from './clients.ts';
import { isLineStatus } from './errors.ts';
import { liffUrl } from './flex/member-welcome.ts';

type Action = messagingApi.Action;
interface Area {
  label: string;
  labelEn: string;
  bounds: { x: number; y: number; width: number; height: number };
  action: (liffId: string) => Action;
}

const third = Math.floor(2500 / 3);
const cell = (column: number, row: number) => ({
  x: column * third,
  y: row * 843,
  width: column === 2 ? 2500 - 2 * third : third,
  height: 843,
});

/**
 * The two rich menus: "join" for friends who are not members (LINE's default menu), "member" linked to each
 * member. Their aliases name them; a menu's name carries a version, so a changed menu is created anew.
 * https://developers.line.biz/en/docs/messaging-api/using-rich-menus/
 */
export const menuDefinitions = [
  {
    alias: 'join',
    name: 'join v1',
    chatBarText: '加入會員',
    size: { width: 2500, height: 843 },
    areas: [
      {
        label: '立即加入會員',
        labelEn: 'Join the membership',
        bounds: { x: 0, y: 0, width: 1666, height: 843 },
        action: (liffId) => ({ type: 'uri', label: '加入會員', uri: liffUrl(liffId) }),
      },
      {
        label: '點數查詢',
        labelEn: 'My points',
        bounds: { x: 1666, y: 0, width: 834, height: 843 },
        action: () => ({ type: 'message', label: '點數', text: '點數' }),
      },
    ] satisfies Area[],
  },
  {
    alias: 'member',
    name: 'member v1',
    chatBarText: '會員選單',
    size: { width: 2500, height: 1686 },
    areas: [
      {
        label: '會員卡',
        labelEn: 'Member card',
        bounds: cell(0, 0),
        action: (id) => ({ type: 'uri', label: '會員卡', uri: liffUrl(id) }),
      },
      { label: '點數', labelEn: 'Points', bounds: cell(1, 0), action: () => postback('show-points', '點數') },
      {
        label: '優惠券',
        labelEn: 'Coupons',
        bounds: cell(2, 0),
        action: () => postback('show-coupons', '優惠券'),
      },
      {
        label: '點數紀錄',
        labelEn: 'History',
        bounds: cell(0, 1),
        action: (id) => ({ type: 'uri', label: '點數紀錄', uri: liffUrl(id, '#/points') }),
      },
      {
        label: '會員等級',
        labelEn: 'Tier',
        bounds: cell(1, 1),
        action: (id) => ({ type: 'uri', label: '會員等級', uri: liffUrl(id, '#/tier') }),
      },
      {
        label: '個人資料',
        labelEn: 'Profile',
        bounds: cell(2, 1),
        action: (id) => ({ type: 'uri', label: '個人資料', uri: liffUrl(id, '#/profile') }),
      },
    ] satisfies Area[],
  },
] as const;

function postback(action: string, displayText: string): Action {
  return { type: 'postback', label: displayText, data: `action=${action}`, displayText };
}

const imageOf = (alias: string) =>
  readFileSync(join(import.meta.dirname, 'rich-menu-images', `${alias}.png`));

/**
 * Creates what is missing and changes nothing else: running it again is safe. A menu is found by its alias; when
 * the alias points at a menu of another version, a new menu is created and the alias moved to it.
 */
export async function setUpRichMenus(
  line: LineClients,
  liffId: string,
  log: FastifyBaseLogger,
): Promise<Record<string, string>> {
  const existing = (await line.messaging.getRichMenuList()).richmenus;
  const ids: Record<string, string> = {};
  for (const menu of menuDefinitions) {
    const aliased = await aliasTarget(line, menu.alias);
    const current = existing.find((m) => m.richMenuId === aliased && m.name === menu.name);
    if (current) {
      ids[menu.alias] = current.richMenuId;
      continue;
    }
    const { richMenuId } = await line.messaging.createRichMenu({
      size: menu.size,
      selected: false,
      name: menu.name,
      chatBarText: menu.chatBarText,
      areas: menu.areas.map((area) => ({ bounds: area.bounds, action: area.action(liffId) })),
    });
    await line.blob.setRichMenuImage(richMenuId, new Blob([imageOf(menu.alias)], { type: 'image/png' }));
    if (aliased) await line.messaging.updateRichMenuAlias(menu.alias, { richMenuId });
    else await line.messaging.createRichMenuAlias({ richMenuAliasId: menu.alias, richMenuId });
    log.info({ alias: menu.alias, richMenuId }, 'rich menu created');
    ids[menu.alias] = richMenuId;
  }
  await line.messaging.setDefaultRichMenu(ids.join!);
  aliasCache.clear();
  return ids;
}

async function aliasTarget(line: LineClients, alias: string): Promise<string | null> {
  try {
    return (await line.messaging.getRichMenuAlias(alias)).richMenuId;
  } catch (error) {
    if (isLineStatus(error, 404) || isLineStatus(error, 400)) return null;
    throw error;
  }
}

const aliasCache = new Map<string, string>();

/** A member sees the member menu: linked to them alone, at once. */
export async function linkMemberMenu(line: LineClients, lineUserId: string): Promise<void> {
  let richMenuId = aliasCache.get('member');
  if (!richMenuId) {
    richMenuId = (await line.messaging.getRichMenuAlias('member')).richMenuId;
    aliasCache.set('member', richMenuId);
  }
  await line.messaging.linkRichMenuIdToUser(lineUserId, richMenuId);
}

/** Back to the default (join) menu, when the LINE account no longer holds a membership. */
export async function unlinkMemberMenu(line: LineClients, lineUserId: string): Promise<void> {
  await line.messaging.unlinkRichMenuIdFromUser(lineUserId);
}
