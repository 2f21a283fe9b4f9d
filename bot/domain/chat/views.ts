import { asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Tx } from '../../../db/engine.ts';
import { alias } from '../../../db/prepared.ts';
import {
  chatMedia,
  chatMessages,
  conversations,
  lineFriends,
  members,
  memberTags,
  staff,
  stores,
  tags,
  tiers,
} from '../../../db/schema.ts';
import type { Placement } from './scope.ts';

type Direction = 'in' | 'out';
type Named = { id: number; name: string };

/** A conversation as the inbox lists it (and the live events send it). */
export interface ConversationRow {
  id: number;
  lineUserId: string;
  status: 'open' | 'waiting' | 'done';
  mode: 'bot' | 'staff';
  unread: number;
  lastMessageAt: string;
  lastMessage: { direction: Direction; kind: string; text: string | null } | null;
  member: {
    id: number;
    name: string | null;
    memberNumber: string;
    tierCode: string;
    tierName: string;
    homeStore: Named | null;
    tags: string[];
  } | null;
  displayName: string | null;
  pictureUrl: string | null;
  assignee: { id: number; displayName: string } | null;
  store: Named | null;
}

/** A row with what the visibility rule needs, which the events filter on per console. */
export type PlacedRow = ConversationRow & { placement: Placement; updatedAt: number };

/** One message in the conversation view. */
export interface ChatMessageView {
  id: number;
  direction: Direction;
  kind: string;
  text: string | null;
  sticker: { packageId: string; stickerId: string } | null;
  media: {
    url: string;
    contentType: string | null;
    status: 'pending' | 'fetched' | 'failed' | 'erased';
  } | null;
  location: { title: string | null; address: string | null; latitude: number; longitude: number } | null;
  quoted: { id: number; text: string | null } | null;
  staff: { id: number; displayName: string } | null;
  automatic: boolean;
  delivery: 'reply' | 'push' | null;
  status: 'pending' | 'sent' | 'failed' | null;
  readAt: string | null;
  erased: boolean;
  sentAt: string;
}

const homeStores = alias(stores, 'home_stores');
const lastMessages = alias(chatMessages, 'last_messages');

/** Conversations with their member, LINE profile, assignee, store and last message, as `where` picks them. */
export async function conversationRows(
  tx: Tx,
  where: SQL | undefined,
  page: { orderBy: SQL[]; limit: number },
): Promise<PlacedRow[]> {
  const rows = await tx
    .select({
      c: conversations,
      member: {
        id: members.id,
        name: members.name,
        memberNumber: members.memberNumber,
        tierCode: members.tierCode,
        homeStoreId: members.homeStoreId,
        status: members.status,
      },
      tierName: tiers.name,
      homeStoreName: homeStores.name,
      displayName: lineFriends.displayName,
      pictureUrl: lineFriends.pictureUrl,
      assigneeName: staff.displayName,
      storeName: stores.name,
      last: { direction: lastMessages.direction, kind: lastMessages.kind, text: lastMessages.text },
    })
    .from(conversations)
    .leftJoin(members, eq(members.lineUserId, conversations.lineUserId))
    .leftJoin(tiers, eq(tiers.code, members.tierCode))
    .leftJoin(homeStores, eq(homeStores.id, members.homeStoreId))
    .leftJoin(lineFriends, eq(lineFriends.lineUserId, conversations.lineUserId))
    .leftJoin(staff, eq(staff.id, conversations.assigneeId))
    .leftJoin(stores, eq(stores.id, conversations.storeId))
    .leftJoin(lastMessages, eq(lastMessages.id, conversations.lastMessageId))
    .where(where)
    .orderBy(...page.orderBy)
    .limit(page.limit);
  const memberIds = rows.flatMap((row) => (row.member ? [row.member.id] : []));
  const tagsOf = await memberTagNames(tx, memberIds);
  return rows.map(({ c, member, ...row }) => ({
    id: c.id,
    lineUserId: c.lineUserId,
    status: c.status,
    mode: c.mode,
    unread: c.unread,
    lastMessageAt: c.lastMessageAt.toISOString(),
    lastMessage: row.last?.direction
      ? { direction: row.last.direction, kind: row.last.kind, text: row.last.text }
      : null,
    member: member
      ? {
          id: member.id,
          name: member.name,
          memberNumber: member.memberNumber,
          tierCode: member.tierCode,
          tierName: row.tierName ?? member.tierCode,
          homeStore:
            member.homeStoreId !== null && row.homeStoreName !== null
              ? { id: member.homeStoreId, name: row.homeStoreName }
              : null,
          tags: tagsOf.get(member.id) ?? [],
        }
      : null,
    displayName: row.displayName,
    pictureUrl: row.pictureUrl,
    assignee: c.assigneeId !== null ? { id: c.assigneeId, displayName: row.assigneeName ?? '' } : null,
    store: c.storeId !== null ? { id: c.storeId, name: row.storeName ?? '' } : null,
    placement: { storeId: c.storeId, homeStoreId: member?.homeStoreId ?? null, assigneeId: c.assigneeId },
    updatedAt: c.updatedAt.getTime(),
  }));
}

async function memberTagNames(tx: Tx, memberIds: number[]): Promise<Map<number, string[]>> {
  if (memberIds.length === 0) return new Map();
  const rows = await tx
    .select({ memberId: memberTags.memberId, name: tags.name })
    .from(memberTags)
    .innerJoin(tags, eq(tags.id, memberTags.tagId))
    .where(inArray(memberTags.memberId, memberIds))
    .orderBy(asc(tags.name));
  const byMember = new Map<number, string[]>();
  for (const row of rows) byMember.set(row.memberId, [...(byMember.get(row.memberId) ?? []), row.name]);
  return byMember;
}

/** Drops what only the server needs from a placed row. */
export const publicRow = ({ placement: _p, updatedAt: _u, ...row }: PlacedRow): ConversationRow => row;

export type ChatMessageRow = typeof chatMessages.$inferSelect;
const MEDIA_KINDS = new Set(['image', 'video', 'audio', 'file']);

/** The messages as the conversation view shows them, with their media, the messages they quote and their staff. */
export async function messageViews(tx: Tx, rows: ChatMessageRow[]): Promise<ChatMessageView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const quotedIds = rows.flatMap((row) => (row.quotedId !== null ? [row.quotedId] : []));
  const staffIds = rows.flatMap((row) => (row.staffId !== null ? [row.staffId] : []));
  const [media, quoted, writers] = await Promise.all([
    tx
      .select({
        messageId: chatMedia.messageId,
        status: chatMedia.status,
        contentType: chatMedia.contentType,
      })
      .from(chatMedia)
      .where(inArray(chatMedia.messageId, ids)),
    quotedIds.length === 0
      ? []
      : tx
          .select({ id: chatMessages.id, text: chatMessages.text })
          .from(chatMessages)
          .where(inArray(chatMessages.id, quotedIds)),
    staffIds.length === 0
      ? []
      : tx
          .select({ id: staff.id, displayName: staff.displayName })
          .from(staff)
          .where(inArray(staff.id, staffIds)),
  ]);
  const mediaOf = new Map(media.map((m) => [m.messageId, m]));
  const quotedOf = new Map(quoted.map((q) => [q.id, q]));
  const staffOf = new Map(writers.map((s) => [s.id, s]));
  return rows.map((row) => messageView(row, mediaOf.get(row.id), quotedOf, staffOf));
}

function messageView(
  row: ChatMessageRow,
  media: { status: 'pending' | 'fetched' | 'failed' | 'erased'; contentType: string | null } | undefined,
  quotedOf: Map<number, { id: number; text: string | null }>,
  staffOf: Map<number, { id: number; displayName: string }>,
): ChatMessageView {
  const erased = row.erasedAt !== null;
  const payload = (row.payload ?? {}) as Record<string, unknown>;
  const quoted =
    row.quotedId !== null ? (quotedOf.get(row.quotedId) ?? { id: row.quotedId, text: null }) : null;
  return {
    id: row.id,
    direction: row.direction,
    kind: row.kind,
    text: erased ? null : row.text,
    sticker:
      row.kind === 'sticker' && !erased
        ? { packageId: String(payload.packageId ?? ''), stickerId: String(payload.stickerId ?? '') }
        : null,
    media: MEDIA_KINDS.has(row.kind)
      ? {
          url: `/api/staff/chat/media/${row.id}`,
          contentType: erased ? null : (media?.contentType ?? null),
          status: erased ? 'erased' : (media?.status ?? 'pending'),
        }
      : null,
    location:
      row.kind === 'location' && !erased
        ? {
            title: (payload.title as string | undefined) ?? null,
            address: (payload.address as string | undefined) ?? null,
            latitude: Number(payload.latitude),
            longitude: Number(payload.longitude),
          }
        : null,
    quoted,
    staff: row.staffId !== null ? (staffOf.get(row.staffId) ?? null) : null,
    automatic: row.direction === 'out' && row.staffId === null,
    delivery: row.delivery,
    status: row.status,
    readAt: row.readAt?.toISOString() ?? null,
    erased,
    sentAt: row.sentAt.toISOString(),
  };
}
