import type { Condition, SegmentRule } from '../../../../../bot/schemas/segments-api.ts';

export type Field = Condition['field'];
export type Group = { all: SegmentRule[] } | { any: SegmentRule[] };

/** The fields a condition offers, in the order the builder lists them (bot/domain/segments/rules.ts). */
export const fields: Field[] = [
  'tier',
  'tag',
  'homeStore',
  'birthMonth',
  'age',
  'gender',
  'joined',
  'daysSinceLastPurchase',
  'purchaseCount',
  'spend',
  'pointsBalance',
  'couponHeld',
  'couponUsed',
  'channel',
  'lineFriend',
  'marketingOptIn',
];

/** The windows a count or spend is kept for (the domain's WINDOWS). */
export const windows = [7, 30, 90, 180, 365] as const;

/**
 * A new condition of a field, with a usual value so the live count answers at once; the lists a marketer must
 * choose from (tags, stores) start empty and the server names them until they are chosen.
 */
export function conditionOf(field: Field): Condition {
  switch (field) {
    case 'tier':
      return { field, tiers: ['gold'] };
    case 'tag':
      return { field, tagIds: [], has: true };
    case 'homeStore':
      return { field, storeIds: [] };
    case 'birthMonth':
      return { field, months: [new Date().getMonth() + 1] };
    case 'age':
      return { field, min: 20, max: 39 };
    case 'gender':
      return { field, genders: ['female'] };
    case 'joined':
      return { field, from: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10) };
    case 'daysSinceLastPurchase':
      return { field, min: 60 };
    case 'purchaseCount':
      return { field, days: 90, min: 2 };
    case 'spend':
      return { field, days: 365, min: 5000 };
    case 'pointsBalance':
      return { field, min: 100 };
    case 'couponHeld':
      return { field };
    case 'couponUsed':
      return { field, days: 30 };
    case 'channel':
      return { field, channel: 'online', days: 90 };
    case 'lineFriend':
      return { field };
    case 'marketingOptIn':
      return { field, value: true };
  }
}

/** A new segment's rules: opted-in LINE friends, the usual start of a marketing push. */
export const newRules = (): Group => ({
  all: [{ field: 'lineFriend' }, { field: 'marketingOptIn', value: true }],
});

export const isGroup = (rule: SegmentRule): rule is Group => 'all' in rule || 'any' in rule;
export const joinOf = (group: Group): 'all' | 'any' => ('all' in group ? 'all' : 'any');
export const itemsOf = (group: Group): SegmentRule[] => ('all' in group ? group.all : group.any);
export const groupOf = (join: 'all' | 'any', items: SegmentRule[]): Group =>
  join === 'all' ? { all: items } : { any: items };

/** The problems of one condition or group (its path and the keys under it), without those of its groups. */
export function problemsAt(problems: Record<string, string>, path: string): [string, string][] {
  return Object.entries(problems).filter(([key]) => {
    if (key === path) return true;
    if (!key.startsWith(`${path}.`)) return false;
    return !key.slice(path.length + 1).includes('.');
  });
}
