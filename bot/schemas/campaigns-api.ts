import Type, { type Static } from 'typebox';

/**
 * Campaigns, their preview and cost, and the marketing settings as the staff console reads and edits them
 * (bot/routes/staff/campaigns.ts, marketing-settings.ts). The message and the rules pass here as JSON objects:
 * the domain checks them key by key (bot/domain/campaigns/message-checks.ts, segments/rules.ts), so each
 * problem is answered by its path (`message.en.title: TOO_LONG`).
 */
export type { CampaignMessage } from '../../db/schema/campaign-message.ts';

const Json = Type.Object({}, { additionalProperties: true });
const When = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
const Status = Type.Union([
  Type.Literal('draft'),
  Type.Literal('freezing'),
  Type.Literal('scheduled'),
  Type.Literal('sending'),
  Type.Literal('paused'),
  Type.Literal('sent'),
  Type.Literal('cancelled'),
]);

const draftFields = {
  name: Type.String({ maxLength: 200 }),
  /** A saved segment, whose rules are copied; or `rules` of the campaign's own. */
  segmentId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  rules: Json,
  message: Json,
  /** When it is to go (ISO time, in the future); null: when started. */
  scheduledAt: When,
  holdoutPercent: Type.Integer(),
};

/** POST /api/staff/campaigns: a new draft. */
export const NewCampaignBody = Type.Object(
  {
    name: draftFields.name,
    segmentId: Type.Optional(draftFields.segmentId),
    rules: Type.Optional(Json),
    message: Json,
    scheduledAt: Type.Optional(When),
    holdoutPercent: Type.Optional(draftFields.holdoutPercent),
  },
  { additionalProperties: false },
);
/** PATCH /api/staff/campaigns/:id: a draft's changes; what is left out stays. */
export const CampaignChangesBody = Type.Partial(Type.Object(draftFields), { additionalProperties: false });

export const CampaignView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  segmentId: Type.Union([Type.Integer(), Type.Null()]),
  rules: Json,
  message: Json,
  status: Status,
  scheduledAt: When,
  aggregationUnit: Type.String(),
  holdoutPercent: Type.Integer(),
  confirmedCost: Type.Union([Type.Integer(), Type.Null()]),
  recipients: Type.Integer(),
  heldOut: Type.Integer(),
  sent: Type.Integer(),
  failed: Type.Integer(),
  createdBy: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  startedAt: When,
  finishedAt: When,
});

/** POST /api/staff/campaigns/:id/preview: each language's messages as LINE will be sent them. */
export const CampaignPreview = Type.Object({
  messages: Type.Object({ 'zh-TW': Type.Array(Json), en: Type.Array(Json) }),
});

/** GET /api/staff/campaigns/:id/estimate */
export const CostEstimateView = Type.Object({
  matching: Type.Integer(),
  reachable: Type.Integer(),
  heldOut: Type.Integer(),
  fatigued: Type.Integer(),
  recipients: Type.Integer(),
  quota: Type.Object({
    type: Type.Union([Type.Literal('none'), Type.Literal('limited')]),
    value: Type.Union([Type.Integer(), Type.Null()]),
  }),
  used: Type.Integer(),
  wouldUse: Type.Integer(),
  freeLeft: Type.Union([Type.Integer(), Type.Null()]),
  overFree: Type.Integer(),
  price: Type.Integer(),
  plan: Type.Object({
    code: Type.String(),
    name: Type.String(),
    monthlyFee: Type.Integer(),
    included: Type.Integer(),
    source: Type.String(),
    asOf: Type.String(),
  }),
  budget: Type.Union([Type.Integer(), Type.Null()]),
  budgetLeft: Type.Union([Type.Integer(), Type.Null()]),
  needsConfirmation: Type.Boolean(),
});

/** POST /api/staff/campaigns/:id/start: the price the marketer saw and confirmed, when it goes beyond the free. */
export const StartBody = Type.Object(
  { confirmedCost: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false },
);

const Tier = Type.Object(
  { upTo: Type.Union([Type.Integer(), Type.Null()]), milliPerMessage: Type.Integer() },
  { additionalProperties: false },
);
const PlanView = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    monthlyFee: Type.Integer(),
    included: Type.Integer(),
    extra: Type.Union([Type.Array(Tier), Type.Null()]),
    source: Type.String(),
    asOf: Type.String(),
  },
  { additionalProperties: false },
);

const settingsFields = {
  weeklyLimit: Type.Integer(),
  quietStart: Type.String({ maxLength: 5 }),
  quietEnd: Type.String({ maxLength: 5 }),
  holdoutPercent: Type.Integer(),
  monthlyBudget: Type.Union([Type.Integer(), Type.Null()]),
  planCode: Type.String({ maxLength: 20 }),
  requestsPerSecond: Type.Integer(),
};

/** GET /api/staff/marketing-settings: the rules, and the plan table in force (`plans`: the admin's or null). */
export const MarketingSettingsView = Type.Object({
  ...settingsFields,
  plans: Type.Union([Type.Array(PlanView), Type.Null()]),
  planTable: Type.Array(PlanView),
  updatedAt: When,
});
/** PATCH /api/staff/marketing-settings: `plans` null goes back to LINE Taiwan's published table. */
export const MarketingSettingsChanges = Type.Partial(
  Type.Object({ ...settingsFields, plans: Type.Union([Type.Array(Json), Type.Null()]) }),
  { additionalProperties: false },
);

export type CampaignViewBody = Static<typeof CampaignView>;
export type CostEstimateBody = Static<typeof CostEstimateView>;
export type MarketingSettingsBody = Static<typeof MarketingSettingsView>;
