import Type from 'typebox';

/**
 * Segments and tags as the staff console reads and edits them (bot/routes/staff/segments.ts). The rule tree's
 * shape is checked by the domain (bot/domain/segments/rules.ts), condition by condition, so that each wrong or
 * unknown key is answered by its path (`rules.all.0.days`) with a zh-TW message; here it passes as a JSON object.
 */
export type { Condition, Rule as SegmentRule, Window } from '../domain/segments/rules.ts';

const Rules = Type.Object({}, { additionalProperties: true });
const Name = Type.String({ maxLength: 200 });

/** POST /api/staff/segments/count */
export const CountBody = Type.Object({ rules: Rules }, { additionalProperties: false });
export const SegmentCountView = Type.Object({
  matching: Type.Integer(),
  reachable: Type.Integer(),
  tookMs: Type.Integer(),
  factsAsOf: Type.Union([Type.String(), Type.Null()]),
});

export const NewSegmentBody = Type.Object({ name: Name, rules: Rules }, { additionalProperties: false });
export const SegmentChangesBody = Type.Object(
  { name: Type.Optional(Name), rules: Type.Optional(Rules) },
  { additionalProperties: false },
);
export const SegmentView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  rules: Rules,
  createdBy: Type.Union([Type.Integer(), Type.Null()]),
  updatedAt: Type.String(),
});

export const NewTagBody = Type.Object(
  { name: Name, rules: Type.Optional(Rules) },
  { additionalProperties: false },
);
export const TagView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('manual'), Type.Literal('rule')]),
  rules: Type.Union([Rules, Type.Null()]),
  refreshedAt: Type.Union([Type.String(), Type.Null()]),
});

export const MemberTagParams = Type.Object(
  { id: Type.Integer({ minimum: 1 }), tagId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
/** POST / DELETE /api/staff/members/:id/tags/:tagId: whether it changed anything. */
export const MemberTagChange = Type.Object({ changed: Type.Boolean() });
