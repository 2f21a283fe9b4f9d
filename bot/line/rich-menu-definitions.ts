import type { messagingApi } from '@line/bot-sdk';
import { type LiffPage, liffUrl } from './flex/parts.ts';

/** How LINE names the two menus: an alias must match `^[a-z0-9_-]{1,32}$`. */
export type MenuAlias = 'join' | 'member';

export interface MenuArea {
  /** What the image shows (rendered by scripts/rich-menus/render-images.ts), and LINE's accessibility label. */
  label: string;
  labelEn: string;
  bounds: { x: number; y: number; width: number; height: number };
  action: (liffId: string) => messagingApi.Action;
}

export interface MenuDefinition {
  alias: MenuAlias;
  /** The name other tools show; setUpRichMenus adds a fingerprint of the menu to it. */
  title: string;
  /** At most 14 characters, shown on the bar that opens and closes the menu. */
  chatBarText: string;
  /** LINE's sizes: 2500x1686 (full) or 2500x843 (compact); the image has exactly this size. */
  size: { width: number; height: number };
  areas: MenuArea[];
}

// LINE's full-size menu is 2500x1686, the compact one 2500x843; three columns do not divide 2500 evenly.
const ROW = 843;
const COLUMN = Math.floor(2500 / 3);
const cell = (column: number, row: number) => ({
  x: column * COLUMN,
  y: row * ROW,
  width: column === 2 ? 2500 - 2 * COLUMN : COLUMN,
  height: ROW,
});

const open = (label: string, page: LiffPage) => (liffId: string) =>
  ({ type: 'uri', label, uri: liffUrl(liffId, page) }) satisfies messagingApi.Action;

/** `displayText` shows the tap in the chat as if the shopper had written it; the bot answers the postback. */
const ask = (label: string, action: string) => () =>
  ({ type: 'postback', label, data: `action=${action}`, displayText: label }) satisfies messagingApi.Action;

/**
 * "join" is LINE's default menu, seen by every friend who is not a member; "member" is linked to each member.
 * https://developers.line.biz/en/docs/messaging-api/using-rich-menus/
 * https://developers.line.biz/en/reference/messaging-api/#rich-menu-object
 */
export const menuDefinitions: readonly MenuDefinition[] = [
  {
    alias: 'join',
    title: 'join',
    chatBarText: '加入會員',
    size: { width: 2500, height: ROW },
    areas: [
      {
        label: '立即加入會員',
        labelEn: 'Join the membership',
        bounds: { x: 0, y: 0, width: 1666, height: ROW },
        action: open('加入會員', 'join'),
      },
      {
        // A message action: the keyword answer invites non-members to join (and tells shop members to claim).
        label: '點數查詢',
        labelEn: 'My points',
        bounds: { x: 1666, y: 0, width: 2500 - 1666, height: ROW },
        action: () => ({ type: 'message', label: '點數', text: '點數' }),
      },
    ],
  },
  {
    alias: 'member',
    title: 'member',
    chatBarText: '會員選單',
    size: { width: 2500, height: 2 * ROW },
    areas: [
      { label: '會員卡', labelEn: 'Member card', bounds: cell(0, 0), action: open('會員卡', 'card') },
      { label: '點數', labelEn: 'Points', bounds: cell(1, 0), action: ask('點數', 'show-points') },
      { label: '優惠券', labelEn: 'Coupons', bounds: cell(2, 0), action: ask('優惠券', 'show-coupons') },
      { label: '點數紀錄', labelEn: 'History', bounds: cell(0, 1), action: open('點數紀錄', 'points') },
      { label: '會員等級', labelEn: 'Tier', bounds: cell(1, 1), action: open('會員等級', 'tier') },
      { label: '個人資料', labelEn: 'Profile', bounds: cell(2, 1), action: open('個人資料', 'profile') },
    ],
  },
];

/** The request LINE's create endpoint takes, with the LIFF app's URLs filled in. */
export function richMenuRequest(
  menu: MenuDefinition,
  liffId: string,
  name: string,
): messagingApi.RichMenuRequest {
  return {
    size: menu.size,
    selected: false,
    name,
    chatBarText: menu.chatBarText,
    areas: menu.areas.map((area) => ({ bounds: area.bounds, action: area.action(liffId) })),
  };
}
