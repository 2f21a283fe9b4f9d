import Type, { type Static, type TSchema } from 'typebox';

/**
 * The member beside the chat, notes, points adjustments, and the chat's keyword replies, canned replies and
 * settings (issue 15's contract), as the staff console reads and sends them. Bodies take no unknown field; the
 * domain checks lengths and ranges field by field (`reply.zh`, `hours.2.opens`) so each refusal names its field.
 */
const Strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** GET /api/staff/chat/members/:memberId/context */
export const MemberIdParams = Type.Object({ memberId: Type.Integer({ minimum: 1 }) }, Strict);
export const NoteView = Type.Object({
  id: Type.Integer(),
  text: Type.String(),
  staff: Nullable(Type.Object({ id: Type.Integer(), displayName: Type.String() })),
  createdAt: Type.String(),
});
export const MemberContextView = Type.Object({
  member: Type.Object({
    id: Type.Integer(),
    name: Nullable(Type.String()),
    memberNumber: Type.String(),
    phone: Nullable(Type.String()),
    tier: Type.Object({ code: Type.String(), name: Type.String() }),
    pointsBalance: Type.Integer(),
    homeStore: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
    joinedAt: Type.String(),
    tags: Type.Array(Type.String()),
  }),
  coupons: Type.Array(
    Type.Object({ id: Type.Integer(), code: Type.String(), title: Type.String(), expiresAt: Type.String() }),
  ),
  purchases: Type.Array(
    Type.Object({
      id: Type.Integer(),
      at: Type.String(),
      storeName: Nullable(Type.String()),
      channel: Type.String(),
      amount: Type.Integer(),
    }),
  ),
  notes: Type.Array(NoteView),
});

/** POST /api/staff/members/:memberId/notes → 201 NoteView */
export const NewNoteBody = Type.Object(
  { text: Type.String({ maxLength: 5_000 }), requestId: Type.String({ maxLength: 64 }) },
  Strict,
);

/** POST /api/staff/members/:memberId/points-adjustments → { balance } */
export const PointsAdjustmentBody = Type.Object(
  {
    points: Type.Integer(),
    reason: Type.String({ maxLength: 1_000 }),
    requestId: Type.String({ maxLength: 64 }),
  },
  Strict,
);
export const PointsAdjustmentView = Type.Object({ balance: Type.Integer() });

const RuleReply = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('text'),
      zh: Type.String({ maxLength: 10_000 }),
      en: Type.String({ maxLength: 10_000 }),
    },
    Strict,
  ),
  Type.Object(
    { kind: Type.Union([Type.Literal('card'), Type.Literal('points'), Type.Literal('coupons')]) },
    Strict,
  ),
]);
const ruleFields = {
  keywords: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 }),
  match: Type.Union([Type.Literal('exact'), Type.Literal('contains')]),
  reply: RuleReply,
  enabled: Type.Boolean(),
  position: Type.Integer(),
};
/** POST /api/staff/chat/rules → 201 ChatRuleView; PATCH /api/staff/chat/rules/:id takes any of the fields. */
export const NewChatRuleBody = Type.Object(
  { ...ruleFields, position: Type.Optional(ruleFields.position) },
  Strict,
);
export const ChatRuleChanges = Type.Partial(Type.Object(ruleFields), Strict);
export const ChatRuleView = Type.Object({
  id: Type.Integer(),
  ...ruleFields,
  updatedAt: Type.String(),
});
/** GET /api/staff/chat/rules */
export const ChatRuleList = Type.Object({ rules: Type.Array(ChatRuleView) });

const cannedFields = { title: Type.String({ maxLength: 200 }), text: Type.String({ maxLength: 10_000 }) };
/** POST /api/staff/chat/canned-replies → 201 CannedReplyView; PATCH …/:id takes either field. */
export const NewCannedReplyBody = Type.Object(cannedFields, Strict);
export const CannedReplyChanges = Type.Partial(Type.Object(cannedFields), Strict);
export const CannedReplyView = Type.Object({ id: Type.Integer(), ...cannedFields, updatedAt: Type.String() });
/** GET /api/staff/chat/canned-replies */
export const CannedReplyList = Type.Object({ cannedReplies: Type.Array(CannedReplyView) });

/** GET / PUT /api/staff/chat/settings: PUT replaces everything, every business hour included. */
export const ChatSettingsBody = Type.Object(
  {
    awayZh: Type.String({ maxLength: 5_000 }),
    awayEn: Type.String({ maxLength: 5_000 }),
    soonZh: Type.String({ maxLength: 5_000 }),
    soonEn: Type.String({ maxLength: 5_000 }),
    retentionDays: Type.Integer(),
    hours: Type.Array(
      Type.Object(
        {
          storeId: Nullable(Type.Integer({ minimum: 1 })),
          weekday: Type.Integer(),
          opens: Type.String({ maxLength: 5 }),
          closes: Type.String({ maxLength: 5 }),
        },
        Strict,
      ),
      { maxItems: 2_000 },
    ),
  },
  Strict,
);

export type MemberContextBody = Static<typeof MemberContextView>;
export type NoteBody = Static<typeof NoteView>;
export type ChatRuleBody = Static<typeof ChatRuleView>;
export type CannedReplyBody = Static<typeof CannedReplyView>;
export type ChatSettingsBody = Static<typeof ChatSettingsBody>;
