import Type, { type Static } from 'typebox';

/**
 * The automated journeys as the staff console reads and edits them (bot/routes/staff/journeys.ts). The message
 * passes as a campaign's does, a JSON object the domain checks key by key (campaigns/message-checks.ts).
 */
const Kind = Type.Union([
  Type.Literal('welcome'),
  Type.Literal('birthday'),
  Type.Literal('points_expiring'),
  Type.Literal('win_back'),
  Type.Literal('tier_upgrade'),
]);
const Json = Type.Object({}, { additionalProperties: true });

export const JourneyParams = Type.Object(
  { kind: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
);

/** When the journey runs next, if on, and when that run's messages may start (journeys/next-run.ts). */
export const NextRunView = Type.Object({
  ranToday: Type.Boolean(),
  by: Type.String({ format: 'date-time' }),
  sendsFrom: Type.String({ format: 'date-time' }),
});

export const JourneyView = Type.Object({
  kind: Kind,
  enabled: Type.Boolean(),
  message: Json,
  delayDays: Type.Integer(),
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  nextRun: NextRunView,
});
export type JourneyView = Static<typeof JourneyView>;

/** PATCH /api/staff/journeys/:kind: what is left out stays. */
export const JourneyChangesBody = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    message: Type.Optional(Json),
    delayDays: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);

/** One day's campaign of a journey, with its counts (the campaign's page has its results). */
export const JourneyDayView = Type.Object({
  day: Type.String(),
  campaignId: Type.Integer(),
  entered: Type.Integer(),
  status: Type.String(),
  recipients: Type.Integer(),
  heldOut: Type.Integer(),
  sent: Type.Integer(),
  failed: Type.Integer(),
});
export type JourneyDayView = Static<typeof JourneyDayView>;

export const JourneyDetailView = Type.Object({ journey: JourneyView, days: Type.Array(JourneyDayView) });
export type JourneyDetailView = Static<typeof JourneyDetailView>;
