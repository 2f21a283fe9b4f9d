import type { MemberDetail, PurchasesPage } from '../../domain/members-admin/page.ts';
import type { StaffPointsHistory } from '../../domain/members-admin/points-history.ts';
import type { MemberRow } from '../../domain/members-admin/rows.ts';

/** The domain's members as the API sends them: times as ISO strings (bot/schemas/members-api.ts). */
export const rowView = (row: MemberRow) => ({ ...row, joinedAt: row.joinedAt.toISOString() });

export const historyView = (history: StaffPointsHistory) => ({
  entries: history.entries.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
  nextBefore: history.nextBefore,
});

export const purchasesView = (page: PurchasesPage) => ({
  entries: page.entries.map((e) => ({ ...e, at: e.at.toISOString() })),
  nextBefore: page.nextBefore,
});

export const detailView = (detail: MemberDetail) => ({
  ...detail,
  member: { ...detail.member, joinedAt: detail.member.joinedAt.toISOString() },
  points: {
    balance: detail.points.balance,
    expiring: detail.points.expiring.map(({ points, lastDay }) => ({ points, lastDay })),
    history: historyView(detail.points.history),
  },
  coupons: detail.coupons.map((c) => ({
    id: c.id,
    code: c.code,
    title: c.title,
    titleEn: c.titleEn,
    state: c.state,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    usedAt: c.usedAt,
    usedStoreName: c.usedStoreName,
    discount: c.discount,
  })),
  purchases: purchasesView(detail.purchases),
});
