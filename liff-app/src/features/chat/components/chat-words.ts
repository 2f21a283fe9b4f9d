import { type Locale, locale } from '../../../lib/i18n.ts';
import type { ConversationRow } from '../api/types.ts';
import type { kindMessages } from './messages.ts';

type KindTexts = ReturnType<typeof kindMessages.get>;

/** A message's kind in words: 「貼圖」「圖片」「檔案」「位置」…, for what has no text to show. */
export function kindWords(t: KindTexts, kind: string): string {
  const known = (t as unknown as Record<string, unknown>)[kind];
  return typeof known === 'string' && kind !== 'erased' ? known : t.other;
}

/** What the list shows of the last message: its text, or its kind in words. */
export const lastMessageWords = (t: KindTexts, last: NonNullable<ConversationRow['lastMessage']>) =>
  last.kind === 'text' && last.text !== null ? last.text : kindWords(t, last.kind);

/** A message in a few words, to name it (引用「…」): its text's start, or its kind. */
export function excerpt(t: KindTexts, message: { kind: string; text: string | null; erased?: boolean }) {
  if (message.erased) return t.erased;
  if (message.kind !== 'text' || message.text === null) return kindWords(t, message.kind);
  return message.text.length > 20 ? `${message.text.slice(0, 20)}…` : message.text;
}

/** Who the conversation is with: the member's name, else their LINE name, else what LINE calls them. */
export const whoWrites = (row: ConversationRow, fallback: string) =>
  row.member?.name ?? row.displayName ?? fallback;

const TAIPEI = 'Asia/Taipei';
const dayKey = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: TAIPEI,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
const longDay = (current: Locale) =>
  new Intl.DateTimeFormat(current === 'en' ? 'en-GB' : 'zh-TW', {
    timeZone: TAIPEI,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'long',
  });

/** The Taipei day a message was sent: 2026-11-28, to group a conversation's messages by day. */
export const taipeiDay = (iso: string) => dayKey(new Date(iso));

/** A day's heading in Taipei: 今天, 昨天, or 2026年11月28日 星期六. */
export function dayWords(iso: string, words: { today: string; yesterday: string }, now = Date.now()): string {
  const day = taipeiDay(iso);
  if (day === dayKey(new Date(now))) return words.today;
  if (day === dayKey(new Date(now - 86_400_000))) return words.yesterday;
  return longDay(locale.get()).format(new Date(iso));
}

/** LINE's public image of a sticker, as LINE's own apps show it. */
export const stickerUrl = (stickerId: string) =>
  `https://stickershop.line-scdn.net/stickershop/v1/sticker/${encodeURIComponent(stickerId)}/android/sticker.png`;

/** A map at a shared location (Google Maps' documented search URL). */
export const mapUrl = (latitude: number, longitude: number) =>
  `https://www.google.com/maps/search/?api=1&query=${latitude},${longitude}`;
