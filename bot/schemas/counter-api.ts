import Type from 'typebox';

/** The clerk page's API (bot/routes/staff/counter.ts); the page reads the same shapes. */
export const LookupBody = Type.Union([
  Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
  Type.Object({ phone: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false }),
  Type.Object(
    { memberNumber: Type.String({ minLength: 1, maxLength: 20 }) },
    { additionalProperties: false },
  ),
]);

/** How the clerk knew the member: only a card (or a manager's approval) lets the member pay with points. */
export const Proof = Type.Union([
  Type.Literal('card'),
  Type.Literal('phone'),
  Type.Literal('member_number'),
  Type.Literal('manager_approved'),
]);

/** A store manager's username and password, typed on the clerk's device to approve. */
export const ManagerApproval = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

/** The lookup a purchase pays with: its token (for this clerk and store, a few minutes, one purchase). */
export const LookupView = Type.Object({ token: Type.String(), proof: Proof, expiresAt: Type.String() });

const TierView = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() });

export const CounterMember = Type.Object({
  id: Type.Integer(),
  memberNumber: Type.String(),
  maskedName: Type.String(),
  tier: Type.Object({
    code: Type.String(),
    name: Type.String(),
    nameEn: Type.String(),
    color: Type.String(),
  }),
  balance: Type.Integer(),
  redemption: Type.Object({
    minPoints: Type.Integer(),
    pointValue: Type.Integer(),
    maxPercent: Type.Integer(),
  }),
});

/** A member's coupon the counter can take here (usable now, at this store, in the store): the lookup lists them. */
export const CounterCoupon = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  title: Type.String(),
  titleEn: Type.String(),
  kind: Type.Union([Type.Literal('amount_off'), Type.Literal('percent_off'), Type.Literal('gift')]),
  amountOff: Type.Union([Type.Integer(), Type.Null()]),
  percentOff: Type.Union([Type.Integer(), Type.Null()]),
  maxDiscount: Type.Union([Type.Integer(), Type.Null()]),
  giftName: Type.Union([Type.String(), Type.Null()]),
  minSpend: Type.Integer(),
  stackable: Type.Boolean(),
  validUntil: Type.String(),
});

export const LookupResult = Type.Object({
  member: CounterMember,
  lookup: LookupView,
  coupons: Type.Array(CounterCoupon),
});

const CouponChannel = Type.Union([Type.Literal('store'), Type.Literal('online'), Type.Literal('other')]);

/** POST /api/staff/coupons/validate: can this code be used on this price here (a POS may ask too)? */
export const ValidateCouponBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40 }),
    price: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
    channel: Type.Optional(CouponChannel),
    lookupToken: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

/** Usable with the NT$ it takes off, or not with the refusal's code and a zh-TW sentence saying why. */
export const ValidateCouponResult = Type.Union([
  Type.Object({ usable: Type.Literal(true), discount: Type.Integer(), coupon: CounterCoupon }),
  Type.Object({ usable: Type.Literal(false), reason: Type.String(), message: Type.String() }),
]);

/** POST /api/staff/members/lookup/approval: a manager lets a member without their card pay with points. */
export const LookupApprovalBody = Type.Object(
  { lookupToken: Type.String({ minLength: 1, maxLength: 100 }), approval: ManagerApproval },
  { additionalProperties: false },
);
export const LookupApprovalResult = Type.Object({
  lookup: Type.Object({ proof: Proof, expiresAt: Type.String() }),
});

export const PurchaseBody = Type.Object(
  {
    lookupToken: Type.String({ minLength: 1, maxLength: 100 }),
    price: Type.Integer(),
    redeemPoints: Type.Integer({ default: 0 }),
    couponCodes: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 5, default: [] }),
    reference: Type.String({ maxLength: 100 }),
    idempotencyKey: Type.String({ minLength: 8, maxLength: 100 }),
  },
  { additionalProperties: false },
);

export const PurchaseView = Type.Object({
  id: Type.Integer(),
  reference: Type.String(),
  price: Type.Integer(),
  paid: Type.Integer(),
  discount: Type.Integer(),
  /** NT$ the coupons took off the price. */
  couponDiscount: Type.Integer(),
  pointsEarned: Type.Integer(),
  pointsRedeemed: Type.Integer(),
  refundedAmount: Type.Integer(),
  status: Type.Union([
    Type.Literal('completed'),
    Type.Literal('partly_refunded'),
    Type.Literal('refunded'),
    Type.Literal('voided'),
  ]),
  occurredAt: Type.String(),
});

export const PurchaseResult = Type.Object({
  purchase: Type.Intersect([
    PurchaseView,
    Type.Object({
      /** The coupons it used, each with the NT$ it took off. */
      coupons: Type.Array(
        Type.Object({
          code: Type.String(),
          title: Type.String(),
          titleEn: Type.String(),
          discount: Type.Integer(),
        }),
      ),
    }),
  ]),
  balance: Type.Integer(),
  tierChange: Type.Union([Type.Object({ from: TierView, to: TierView }), Type.Null()]),
  replayed: Type.Boolean(),
});

export const TodaysPurchases = Type.Object({
  purchases: Type.Array(
    Type.Intersect([
      PurchaseView,
      Type.Object({
        memberNumber: Type.String(),
        maskedName: Type.String(),
        staffName: Type.Union([Type.String(), Type.Null()]),
        /** The coupons it holds (a void gave them back). */
        coupons: Type.Array(
          Type.Object({ code: Type.String(), title: Type.String(), titleEn: Type.String() }),
        ),
        /** Each refund and void of the purchase, oldest first. */
        refunds: Type.Array(
          Type.Object({
            amount: Type.Integer(),
            isVoid: Type.Boolean(),
            occurredAt: Type.String(),
            staffName: Type.Union([Type.String(), Type.Null()]),
          }),
        ),
      }),
    ]),
  ),
});

export const VoidBody = Type.Object(
  {
    idempotencyKey: Type.String({ minLength: 8, maxLength: 100 }),
    approval: Type.Optional(ManagerApproval),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const RefundBody = Type.Object(
  {
    amount: Type.Integer({ minimum: 1 }),
    idempotencyKey: Type.String({ minLength: 8, maxLength: 100 }),
    approval: Type.Optional(ManagerApproval),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** POST /api/staff/counter/store: an admin (or anyone with several stores) works at this store this session. */
export const CounterStoreBody = Type.Object(
  { storeId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const RefundResult = Type.Object({
  purchase: PurchaseView,
  balance: Type.Integer(),
  replayed: Type.Boolean(),
});
