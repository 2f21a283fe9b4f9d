import Type, { type Static } from 'typebox';

/**
 * The marketer's dashboard (GET /api/staff/dashboard, dashboard.read). bot/domain/dashboard/dashboard.ts and ADR
 * 0034 say what each figure counts. Days are Taipei days (YYYY-MM-DD), both ends included; money is whole NT$.
 */
const Count = Type.Integer({ minimum: 0 });
const Int = Type.Integer();
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Percent = Type.Union([Type.Number(), Type.Null()]);

export const DashboardQuery = Type.Object(
  { from: Day, to: Day, storeId: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

export const DashboardDay = Type.Object({
  day: Day,
  binds: Count,
  orders: Int,
  sales: Int,
  pointsEarned: Int,
  pointsPaid: Int,
});

export const Dashboard = Type.Object({
  from: Day,
  to: Day,
  storeId: Type.Union([Type.Integer(), Type.Null()]),
  snapshotDay: Type.Union([Day, Type.Null()]),
  members: Type.Object({ members: Count, friends: Count, blocked: Count, binds: Count }),
  active: Type.Object({ days30: Count, days90: Count }),
  repurchase: Type.Object({ buyers: Count, repeaters: Count, percent: Percent }),
  liability: Type.Object({ points: Int, pointValue: Int, value: Int, expiring30: Count, expiring90: Count }),
  coupons: Type.Object({ issued: Count, claimed: Count, used: Count }),
  sales: Type.Object({ orders: Int, total: Int, inStore: Int, online: Int, onlinePercent: Percent }),
  days: Type.Array(DashboardDay),
  stores: Type.Array(
    Type.Object({ storeId: Type.Integer(), name: Type.String(), orders: Int, sales: Int, pointsEarned: Int }),
  ),
  campaigns: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      startedAt: Type.String(),
      delivered: Count,
      clicks: Count,
      uplift: Type.Union([Type.Integer(), Type.Null()]),
      upliftPercent: Percent,
    }),
  ),
});
export type Dashboard = Static<typeof Dashboard>;
export type DashboardDay = Static<typeof DashboardDay>;
