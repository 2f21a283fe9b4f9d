import type { messagingApi } from '@line/bot-sdk';
import type { PointsSummary } from '../../domain/points-statement.ts';
import type { Language } from '../messages.ts';
import {
  bubbleMessage,
  formatPoints,
  labelled,
  lastValidDay,
  liffUrl,
  linkButton,
  note,
  openCardButton,
  text,
} from './parts.ts';

/** Expiry dates beyond these few are in the mini-app's history; a chat bubble should stay glanceable. */
const EXPIRIES_SHOWN = 3;

/** The answer to 點數: the balance, what expires within 90 days, and buttons to the card and the history. */
export function pointsBalanceMessage(
  points: PointsSummary,
  liffId: string,
  language: Language,
): messagingApi.FlexMessage {
  const en = language === 'en';
  const balance = formatPoints(points.balance);
  const expiring = points.expiring
    .slice(0, EXPIRIES_SHOWN)
    .map((lot) =>
      labelled(
        lastValidDay(lot.expiresAt),
        en ? `${formatPoints(lot.points)} points expire` : `${formatPoints(lot.points)} 點到期`,
        { color: '#D9480F', weight: 'regular', size: 'sm' },
      ),
    );
  return bubbleMessage(
    en ? `You have ${balance} points.` : `您目前有 ${balance} 點。`,
    en ? 'My points' : '我的點數',
    [
      text(en ? 'Balance' : '目前點數', { color: '#888888', size: 'sm' }),
      text(en ? `${balance} points` : `${balance} 點`, { weight: 'bold', size: '3xl' }),
      { type: 'separator' },
      ...(expiring.length > 0
        ? [text(en ? 'Expiring soon' : '即將到期', { weight: 'bold', size: 'sm' }), ...expiring]
        : [note(en ? 'No points expire in the next 90 days.' : '未來 90 天內沒有到期的點數。')]),
    ],
    [
      openCardButton(liffId, language),
      linkButton(en ? 'Points history' : '點數紀錄', liffUrl(liffId, 'points'), 'secondary'),
    ],
  );
}
