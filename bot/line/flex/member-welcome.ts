import type { messagingApi } from '@line/bot-sdk';
import type { MemberProfile } from '../../domain/members.ts';
import type { Language } from '../messages.ts';
import { bubbleMessage, formatPoints, labelled, note, openCardButton, text } from './parts.ts';

/**
 * The card in a bubble: name, tier in its colour, points. The member number and the phone stay out: chat
 * history and notification previews are seen over shoulders, and the card's QR code lives in the mini-app.
 */
/** What a card bubble shows of the member (bot/domain/members.ts). */
type CardHolder = Pick<MemberProfile, 'name' | 'pointsBalance'> & {
  tier: Pick<MemberProfile['tier'], 'name' | 'nameEn' | 'color'>;
};

function cardSummary(member: CardHolder, language: Language): messagingApi.FlexComponent[] {
  const en = language === 'en';
  return [
    text(member.name ?? '', { weight: 'bold', size: 'xl' }),
    labelled(en ? 'Tier' : '等級', en ? member.tier.nameEn : member.tier.name, { color: member.tier.color }),
    labelled(en ? 'Points' : '點數', formatPoints(member.pointsBalance)),
    { type: 'separator' },
    note(en ? 'Show the card at the counter to collect points.' : '結帳時出示會員卡即可累積點數。'),
  ];
}

/** Sent once when a LINE friend becomes a member: the card they now hold, and a button that opens it. */
export function memberWelcomeMessage(
  member: CardHolder,
  liffId: string,
  language: Language,
): messagingApi.FlexMessage {
  const en = language === 'en';
  return bubbleMessage(
    en
      ? `Welcome, ${member.name ?? ''}! Your member card is ready.`
      : `${member.name ?? ''},歡迎加入會員!您的會員卡已開通。`,
    en ? 'Welcome to the membership' : '歡迎加入會員',
    cardSummary(member, language),
    [openCardButton(liffId, language)],
  );
}

/** The answer to 會員卡 (the rich menu or the keyword): the same summary, with the card one tap away. */
export function memberCardMessage(
  member: CardHolder,
  liffId: string,
  language: Language,
): messagingApi.FlexMessage {
  const en = language === 'en';
  return bubbleMessage(
    en ? `${member.name ?? ''}'s member card` : `${member.name ?? ''} 的會員卡`,
    en ? 'Member card' : '會員卡',
    cardSummary(member, language),
    [openCardButton(liffId, language)],
    member.tier.color,
  );
}
