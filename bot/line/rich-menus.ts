import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import type { messagingApi } from '@line/bot-sdk';
import type { LineClients } from './clients.ts';
import { isLineStatus } from './errors.ts';
import {
  type MenuAlias,
  type MenuDefinition,
  menuDefinitions,
  richMenuRequest,
} from './rich-menu-definitions.ts';

/** What the setup reports; a Fastify logger or the script's console logger. */
export interface SetupLog {
  info(details: object, message: string): void;
}

const imageOf = (alias: MenuAlias) =>
  readFileSync(join(import.meta.dirname, 'rich-menu-images', `${alias}.png`));

/**
 * A menu's name carries a fingerprint of all LINE keeps of it (areas, LIFF URLs, size, image): LINE can change
 * neither a menu nor its image, so a changed menu is a new menu, found again by this name on the next run.
 */
function nameOf(menu: MenuDefinition, request: messagingApi.RichMenuRequest, image: Buffer): string {
  const fingerprint = createHash('sha256').update(JSON.stringify(request)).update(image).digest('hex');
  return `${menu.title} ${fingerprint.slice(0, 12)}`;
}

/**
 * Creates what is missing and changes nothing else, so running it again is safe: each menu is found by its
 * name (its alias usually points at it), an interrupted run's menu is completed rather than duplicated, the
 * alias is moved to the current menu, and the join menu becomes LINE's default (everyone who is not a member).
 * Menus of earlier versions are kept: members linked to them still have working buttons.
 * https://developers.line.biz/en/docs/messaging-api/using-rich-menus/
 */
export async function setUpRichMenus(
  line: LineClients,
  liffId: string,
  log: SetupLog,
): Promise<Record<MenuAlias, string>> {
  const existing = (await line.messaging.getRichMenuList()).richmenus;
  const ids: Partial<Record<MenuAlias, string>> = {};
  for (const menu of menuDefinitions) {
    const image = imageOf(menu.alias);
    const request = richMenuRequest(menu, liffId, '');
    const name = nameOf(menu, request, image);
    const aliased = await aliasTarget(line, menu.alias);
    const found = existing.filter((m) => m.name === name);
    let richMenuId = (found.find((m) => m.richMenuId === aliased) ?? found[0])?.richMenuId;
    if (richMenuId === undefined) {
      richMenuId = (await line.messaging.createRichMenu({ ...request, name })).richMenuId;
      log.info({ alias: menu.alias, richMenuId, name }, 'rich menu created');
    }
    // LINE refuses an alias, a link or the default for a menu without its image: upload it first.
    if (richMenuId !== aliased) await ensureImage(line, richMenuId, image);
    if (aliased === null) {
      await line.messaging.createRichMenuAlias({ richMenuAliasId: menu.alias, richMenuId });
    } else if (aliased !== richMenuId) {
      await line.messaging.updateRichMenuAlias(menu.alias, { richMenuId });
    }
    if (aliased !== richMenuId) log.info({ alias: menu.alias, richMenuId }, 'rich menu alias set');
    ids[menu.alias] = richMenuId;
  }
  const join = ids.join!;
  if ((await defaultMenuId(line)) !== join) {
    await line.messaging.setDefaultRichMenu(join);
    log.info({ richMenuId: join }, 'default rich menu set');
  }
  aliasCache.delete(line);
  return ids as Record<MenuAlias, string>;
}

async function ensureImage(line: LineClients, richMenuId: string, image: Buffer): Promise<void> {
  try {
    await buffer(await line.blob.getRichMenuImage(richMenuId));
  } catch (error) {
    if (!isLineStatus(error, 404)) throw error;
    await line.blob.setRichMenuImage(richMenuId, new Blob([new Uint8Array(image)], { type: 'image/png' }));
  }
}

/** LINE answers 404 for an alias it does not know (LINE's own answer; 400 has been seen in the wild). */
async function aliasTarget(line: LineClients, alias: MenuAlias): Promise<string | null> {
  try {
    return (await line.messaging.getRichMenuAlias(alias)).richMenuId;
  } catch (error) {
    if (isLineStatus(error, 404) || isLineStatus(error, 400)) return null;
    throw error;
  }
}

async function defaultMenuId(line: LineClients): Promise<string | null> {
  try {
    return (await line.messaging.getDefaultRichMenuId()).richMenuId;
  } catch (error) {
    if (isLineStatus(error, 404)) return null;
    throw error;
  }
}

/**
 * The member menu's ID, looked up by alias and kept a while per LINE channel: every join would otherwise cost
 * an extra call. It expires so that the setup script, run in another process, reaches a running server.
 */
const ALIAS_CACHE_MS = 10 * 60_000;
const aliasCache = new WeakMap<LineClients, { richMenuId: string; until: number }>();

async function memberMenuId(line: LineClients, fresh: boolean): Promise<string> {
  const cached = aliasCache.get(line);
  if (!fresh && cached && cached.until > Date.now()) return cached.richMenuId;
  const { richMenuId } = await line.messaging.getRichMenuAlias('member' satisfies MenuAlias);
  aliasCache.set(line, { richMenuId, until: Date.now() + ALIAS_CACHE_MS });
  return richMenuId;
}

/**
 * A member sees the member menu at once: a per-user link, which wins over the default menu.
 * https://developers.line.biz/en/reference/messaging-api/#link-rich-menu-to-user
 */
export async function linkMemberMenu(line: LineClients, lineUserId: string): Promise<void> {
  try {
    await line.messaging.linkRichMenuIdToUser(lineUserId, await memberMenuId(line, false));
  } catch (error) {
    // The cached menu may have been deleted since: ask the alias once more.
    if (!isLineStatus(error, 404) && !isLineStatus(error, 400)) throw error;
    await line.messaging.linkRichMenuIdToUser(lineUserId, await memberMenuId(line, true));
  }
}

/** Back to the default (join) menu: the LINE account no longer holds a membership. */
export async function unlinkMemberMenu(line: LineClients, lineUserId: string): Promise<void> {
  await line.messaging.unlinkRichMenuIdFromUser(lineUserId);
}
