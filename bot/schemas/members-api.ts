import Type, { type Static, type TSchema } from 'typebox';

/**
 * Members in the staff console (issue 16, point 1): the search, the list by segment rules, a member's page, the
 * fix of a record and the PDPA export and erasure, as bot/routes/staff/members.ts answers them. Bodies take no
 * unknown field; the domain checks each field's value so that each refusal names its field.
 */
const Strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Named = Type.Object({ id: Type.Integer(), name: Type.String() });
const Tier = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() });

export const MemberRowView = Type.Object({
  id: Type.Integer(),
  memberNumber: Type.String(),
  name: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  tier: Tier,
  pointsBalance: Type.Integer(),
  homeStore: Nullable(Named),
  joinedAt: Type.String(),
  lineBound: Type.Boolean(),
});

/** GET /api/staff/members?q=&offset= */
export const MemberSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  Strict,
);
export const MemberSearchPage = Type.Object({
  members: Type.Array(MemberRowView),
  nextOffset: Nullable(Type.Integer()),
});

/** POST /api/staff/members/filter {rules, after?} */
export const MemberFilterBody = Type.Object(
  {
    rules: Type.Object({}, { additionalProperties: true }),
    after: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  Strict,
);
export const MemberFilterPage = Type.Object({
  members: Type.Array(MemberRowView),
  nextAfter: Nullable(Type.Integer()),
});

export const PointsHistoryView = Type.Object({
  entries: Type.Array(
    Type.Object({
      id: Type.Integer(),
      kind: Type.String(),
      points: Type.Integer(),
      storeName: Nullable(Type.String()),
      channel: Type.String(),
      reference: Nullable(Type.String()),
      occurredAt: Type.String(),
      /** An adjustment's reason, as the staff member gave it; null for every other entry. */
      reason: Nullable(Type.String()),
      /** Who made an adjustment (their display name); null for every other entry. */
      adjustedBy: Nullable(Type.String()),
    }),
  ),
  nextBefore: Nullable(Type.Integer()),
});
export const PurchasesView = Type.Object({
  entries: Type.Array(
    Type.Object({
      id: Type.Integer(),
      at: Type.String(),
      storeName: Nullable(Type.String()),
      channel: Type.String(),
      amount: Type.Integer(),
      refundedAmount: Type.Integer(),
      status: Type.String(),
      reference: Type.String(),
      pointsEarned: Type.Integer(),
      pointsRedeemed: Type.Integer(),
    }),
  ),
  nextBefore: Nullable(Type.Integer()),
});
/** GET /api/staff/members/:id/points?before= and /purchases?before= */
export const BeforeQuery = Type.Object({ before: Type.Optional(Type.Integer({ minimum: 1 })) }, Strict);

/** GET /api/staff/members/:id */
export const MemberDetailView = Type.Object({
  member: Type.Object({
    id: Type.Integer(),
    memberNumber: Type.String(),
    name: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    birthday: Nullable(Type.String()),
    gender: Nullable(Type.String()),
    email: Nullable(Type.String()),
    homeStore: Nullable(Named),
    tier: Tier,
    source: Type.String(),
    lineBound: Type.Boolean(),
    marketingOptIn: Type.Boolean(),
    joinedAt: Type.String(),
    /** The fields held back from this reader (null above though the member may have them), to tell from empty. */
    withheld: Type.Array(
      Type.Union([Type.Literal('birthday'), Type.Literal('gender'), Type.Literal('email')]),
    ),
  }),
  points: Type.Object({
    balance: Type.Integer(),
    expiring: Type.Array(Type.Object({ points: Type.Integer(), lastDay: Type.String() })),
    history: PointsHistoryView,
  }),
  coupons: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      title: Type.String(),
      titleEn: Nullable(Type.String()),
      state: Type.String(),
      validFrom: Type.String(),
      validUntil: Type.String(),
      usedAt: Nullable(Type.String()),
      usedStoreName: Nullable(Type.String()),
      discount: Nullable(Type.Integer()),
    }),
  ),
  purchases: PurchasesView,
  conversationId: Nullable(Type.Integer()),
  tags: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String() })),
  notes: Type.Array(
    Type.Object({
      id: Type.Integer(),
      text: Type.String(),
      staff: Nullable(Type.Object({ id: Type.Integer(), displayName: Type.String() })),
      createdAt: Type.String(),
    }),
  ),
});

/** PATCH /api/staff/members/:id → { changed } (the fields that changed) */
export const MemberFixBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    birthday: Type.Optional(Type.String({ maxLength: 20 })),
    homeStoreId: Type.Optional(Type.Integer()),
    gender: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    email: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  },
  Strict,
);
export const MemberFixResult = Type.Object({ changed: Type.Array(Type.String()) });

/** POST /api/staff/members/:id/erase {confirm: the member number} → 204 */
export const MemberEraseBody = Type.Object({ confirm: Type.String({ maxLength: 40 }) }, Strict);

export type MemberRow = Static<typeof MemberRowView>;
export type MemberSearchResult = Static<typeof MemberSearchPage>;
export type MemberFilterResult = Static<typeof MemberFilterPage>;
export type MemberDetail = Static<typeof MemberDetailView>;
export type MemberFix = Static<typeof MemberFixBody>;
export type PointsHistoryPage = Static<typeof PointsHistoryView>;
export type PurchasesPage = Static<typeof PurchasesView>;
