import type { EarnRuleBody } from '../../../../../bot/schemas/points-settings-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import { useResource } from '../../../lib/use-resource.ts';
import type { Rule, Settings } from '../components/points-messages.ts';

/** GET /api/staff/points-settings: the points policy and the earn rules. */
export const usePointsSettings = () =>
  useResource(() => staffApi.get<Settings>('/points-settings'), 'points-settings');

/** PATCH the policy's numbers (points_rules.edit, audited). */
export const savePolicy = (numbers: Record<string, number>) => staffApi.patch('/points-policy', numbers);

/** POST a new earn rule. */
export const addEarnRule = (rule: EarnRuleBody) => staffApi.post('/earn-rules', rule);

/** Turns an earn rule on or off. */
export const setEarnRuleActive = (rule: Rule, active: boolean) =>
  staffApi.patch(`/earn-rules/${rule.id}`, { active });
