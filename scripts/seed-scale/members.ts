// The members' rows, with their LINE friendship when they joined in LINE. Each member's history is simulated
// just before the row is written: the row carries its outcome (tier, balance, last change).
import { randomUUID } from 'node:crypto';
import { currentConsent } from '../../bot/domain/consent.ts';
import { newCardId, newCardSecret } from '../../bot/domain/members.ts';
import type { BulkLoad } from './bulk-load.ts';
import { nullable } from './columns.ts';
import type { History } from './history.ts';
import { pick, random, unique } from './random.ts';

const SURNAMES =
  '陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉蘇莊呂江何蕭羅高潘簡朱鍾游彭詹胡施沈余盧梁趙顏柯翁魏孫戴';
const GIVEN =
  '家宜怡君雅婷佳欣俊宏志明建文淑芬美玲惠伶冠宇承恩子翔柏豪詩涵思妤品睿彥廷育瑄庭威哲偉嘉琪筱婉靜慧雯信安勝傑心芸凱博';
const zhName = () => pick(SURNAMES) + pick(GIVEN) + (random() < 0.9 ? pick(GIVEN) : '');

/** Writes members 1 to `members`; `progress` is told every 100,000. */
export async function loadMembers(
  load: BulkLoad,
  plan: History,
  members: number,
  progress: (m: number) => void,
) {
  const memberRows = await load.rows('members', [
    'id',
    'member_number',
    'source',
    'line_user_id',
    'phone',
    'name',
    'birthday',
    'gender',
    'email',
    'home_store_id',
    'tier_code',
    'tier_review_at',
    'points_balance',
    'terms_version',
    'privacy_version',
    'consented_at',
    'marketing_opt_in',
    'marketing_opt_in_at',
    'card_id',
    'card_secret',
    'joined_at',
    'bound_at',
    'updated_at',
  ]);
  const friendRows = await load.rows('line_friends', [
    'line_user_id',
    'display_name',
    'picture_url',
    'language',
    'status',
    'followed_at',
    'blocked_at',
    'updated_at',
  ]);
  const numbers = new Set<string>();
  const cards = new Set<string>();
  for (let m = 1; m <= members; m++) {
    const s = plan.member(m);
    const line = s.lineBound;
    const lineUserId = line ? `U${randomUUID().replaceAll('-', '')}` : null;
    const name = zhName();
    const birth = new Date(Date.UTC(1950 + Math.floor(random() * 57), 0, 1 + Math.floor(random() * 365)));
    const gender = random() < 0.56 ? 'female' : random() < 0.97 ? 'male' : 'other';
    const optIn = line && random() < 0.6;
    // 09 and eight digits, a bijection of the member id (73939133 is prime to 10^8), so no two are alike.
    const phone = `09${String((73_939_133 * m + 4_242_424) % 100_000_000).padStart(8, '0')}`;
    memberRows.add([
      m,
      unique(numbers, () => `M${100_000_000 + Math.floor(random() * 900_000_000)}`),
      line ? 'line' : 'import',
      lineUserId,
      phone,
      name,
      birth.toISOString().slice(0, 10),
      line || random() < 0.5 ? gender : null,
      line && random() < 0.4 ? `member${m}@example.com` : null,
      s.homeStoreId,
      s.tierCode,
      nullable(s.tierReviewAt),
      s.balance,
      line ? currentConsent.termsVersion : null,
      line ? currentConsent.privacyVersion : null,
      line ? s.joinedAt : null,
      optIn ? 1 : 0,
      optIn ? s.joinedAt : null,
      unique(cards, newCardId),
      newCardSecret(),
      s.joinedAt,
      line ? s.joinedAt : null,
      s.updatedAt,
    ]);
    if (lineUserId) {
      const blocked = random() < 0.05;
      friendRows.add([
        lineUserId,
        name,
        `https://profile.line-scdn.net/${lineUserId}`,
        random() < 0.9 ? 'zh-TW' : 'en',
        blocked ? 'blocked' : 'friend',
        s.joinedAt - 600_000,
        blocked ? s.updatedAt : null,
        s.updatedAt,
      ]);
    }
    if (m % 10_000 === 0) await load.flowing();
    if (m % 100_000 === 0) progress(m);
  }
  await Promise.all([memberRows.end(), friendRows.end()]);
}
