import Type, { type Static } from 'typebox';

/** The points policy and earn rules as the staff console reads and edits them (bot/routes/staff/points-settings.ts). */
export const PolicyView = Type.Object({
  spendPerPoint: Type.Integer(),
  pointValue: Type.Integer(),
  minRedeemPoints: Type.Integer(),
  maxRedeemPercent: Type.Integer(),
  expiry: Type.Union([Type.Literal('end_of_next_year'), Type.Literal('months')]),
  expiryMonths: Type.Union([Type.Integer(), Type.Null()]),
  expiryReminderDays: Type.Integer(),
  updatedAt: Type.String(),
});

export const PolicyChangesBody = Type.Partial(
  Type.Object({
    spendPerPoint: Type.Integer(),
    pointValue: Type.Integer(),
    minRedeemPoints: Type.Integer(),
    maxRedeemPercent: Type.Integer(),
    expiry: Type.Union([Type.Literal('end_of_next_year'), Type.Literal('months')]),
    expiryMonths: Type.Union([Type.Integer(), Type.Null()]),
    expiryReminderDays: Type.Integer(),
  }),
  { additionalProperties: false },
);

const Channel = Type.Union([
  Type.Literal('store'),
  Type.Literal('online'),
  Type.Literal('other'),
  Type.Null(),
]);
const When = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

const ruleFields = {
  name: Type.String({ maxLength: 50 }),
  storeId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  channel: Channel,
  multiplierPercent: Type.Integer(),
  bonusPoints: Type.Integer(),
  minAmount: Type.Integer(),
  /** Days of the week in Asia/Taipei, 0 = Sunday; null for every day. */
  weekdays: Type.Union([Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), { maxItems: 7 }), Type.Null()]),
  startsAt: When,
  endsAt: When,
  active: Type.Boolean(),
};

export const EarnRuleView = Type.Object({ id: Type.Integer(), ...ruleFields, updatedAt: Type.String() });
export const NewEarnRuleBody = Type.Object(ruleFields, { additionalProperties: false });
export const EarnRuleChangesBody = Type.Partial(Type.Object(ruleFields), { additionalProperties: false });
export const PointsSettings = Type.Object({ policy: PolicyView, rules: Type.Array(EarnRuleView) });

export type EarnRuleBody = Static<typeof NewEarnRuleBody>;
