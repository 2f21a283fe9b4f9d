import { maskPhone } from '../../domain/member-fields.ts';
import type { MemberProfile } from '../../domain/members.ts';
import type { PointsHistory, PointsSummary } from '../../domain/points-statement.ts';
import type { Tier, TierProgress } from '../../domain/tiers.ts';
import type {
  MemberView,
  PointsHistoryResponse,
  PointsResponse,
  TierResponse,
  TierView,
} from '../../schemas/liff-api.ts';

/** How the mini-app shows what the domain returns: only what the page needs, times as ISO strings. */

export const tierView = ({ code, name, nameEn, color }: Pick<Tier, keyof TierView>): TierView => ({
  code,
  name,
  nameEn,
  color,
});

export function memberView(member: MemberProfile): MemberView {
  const { homeStore } = member;
  return {
    memberNumber: member.memberNumber,
    name: member.name ?? '',
    phone: member.phone ?? '',
    phoneMasked: member.phone ? maskPhone(member.phone) : '',
    birthday: member.birthday ?? '',
    gender: member.gender,
    email: member.email,
    homeStore: homeStore ? { id: homeStore.id, code: homeStore.code, name: homeStore.name } : null,
    tier: tierView(member.tier),
    pointsBalance: member.pointsBalance,
    marketingOptIn: member.marketingOptIn,
    joinedAt: member.joinedAt.toISOString(),
  };
}

export const pointsView = ({ balance, expiring }: PointsSummary): PointsResponse => ({
  balance,
  expiring: expiring.map(({ points, expiresAt, lastDay }) => ({
    points,
    expiresAt: expiresAt.toISOString(),
    lastDay,
  })),
});

export const historyView = ({ entries, nextBefore }: PointsHistory): PointsHistoryResponse => ({
  entries: entries.map((entry) => ({ ...entry, occurredAt: entry.occurredAt.toISOString() })),
  nextBefore,
});

export const tierProgressView = ({ current, next, spend12Months, reviewAt }: TierProgress): TierResponse => ({
  current: { ...tierView(current), benefits: current.benefits },
  next: next ? { ...tierView(next), qualifyingSpend: next.qualifyingSpend, remaining: next.remaining } : null,
  spend12Months,
  reviewAt: reviewAt?.toISOString() ?? null,
});
