// A segment's rules: a typed JSON tree of AND (`all`) and OR (`any`) groups over conditions, each condition named
// by its `field`. checkRules is the one gate every tree passes (a count, a saved segment, a tag's rules): it
// refuses unknown fields and wrong values condition by condition, with a zh-TW message for each (ADR 0028).
import { DomainError } from '../errors.ts';

/** The windows a count or spend is kept for (member_facts' columns): the last N Taipei days and today. */
export const WINDOWS = [7, 30, 90, 180, 365] as const;
export type Window = (typeof WINDOWS)[number];

export type Condition =
  | { field: 'tier'; tiers: string[] }
  | { field: 'tag'; tagIds: number[]; has: boolean }
  | { field: 'homeStore'; storeIds: number[] }
  | { field: 'birthMonth'; months: number[] }
  | { field: 'age'; min?: number; max?: number }
  | { field: 'gender'; genders: ('female' | 'male' | 'other' | 'unknown')[] }
  | { field: 'joined'; from?: string; to?: string }
  | { field: 'daysSinceLastPurchase'; min?: number; max?: number }
  | { field: 'purchaseCount'; days: Window; min?: number; max?: number }
  | { field: 'spend'; days: Window; min?: number; max?: number }
  | { field: 'pointsBalance'; min?: number; max?: number }
  | { field: 'couponHeld'; templateId?: number }
  | { field: 'couponUsed'; templateId?: number; days?: number }
  | { field: 'channel'; channel: 'store' | 'online'; days: number }
  | { field: 'lineFriend' }
  | { field: 'marketingOptIn'; value: boolean };

export type Rule = Condition | { all: Rule[] } | { any: Rule[] };
export type Field = Condition['field'];

/** What each problem code says to the marketer. */
const words: Record<string, string> = {
  RULE_INVALID: '條件須為 all／any 群組或一個有 field 的條件',
  FIELD_UNKNOWN: '沒有這個條件欄位',
  UNKNOWN_FIELD: '不接受這個欄位',
  REQUIRED: '必填',
  GROUP_EMPTY: '群組至少要有一個條件',
  TOO_DEEP: '群組最多三層',
  TOO_MANY: '條件最多 50 個',
  LIST_INVALID: '請選擇 1 到 100 個不重複的項目',
  ID_INVALID: '編號須為正整數',
  MONTH_INVALID: '月份須為 1 到 12',
  AGE_INVALID: '年齡須為 0 到 120 的整數',
  RANGE_INVALID: '最小值不可大於最大值，且至少要填一個',
  DAYS_INVALID: '天數須為 1 到 3650 的整數',
  WINDOW_INVALID: '期間須為 7、30、90、180 或 365 天',
  NUMBER_INVALID: '須為 0 以上的整數',
  DATE_INVALID: '日期須為 YYYY-MM-DD',
  GENDER_INVALID: '性別須為 female、male、other 或 unknown',
  CHANNEL_INVALID: '通路須為 store（門市）或 online（線上）',
  FLAG_INVALID: '須為 true 或 false',
  TAG_NOT_FOUND: '沒有這個標籤',
  RULE_TAG_NOT_ALLOWED: '規則標籤的條件不可再用規則標籤',
};

type Check = (value: unknown) => string | null;
const whole =
  (min: number, max: number, code: string): Check =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : code;
const list =
  (item: Check): Check =>
  (v) =>
    Array.isArray(v) && v.length > 0 && v.length <= 100 && new Set(v).size === v.length
      ? (v.map(item).find((p) => p !== null) ?? null)
      : 'LIST_INVALID';
const oneOf =
  (values: readonly unknown[], code: string): Check =>
  (v) =>
    values.includes(v) ? null : code;
const id = whole(1, 2 ** 31 - 1, 'ID_INVALID');
const day = (v: unknown) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))
    ? null
    : 'DATE_INVALID';
const count = whole(0, 1_000_000_000, 'NUMBER_INVALID');
const tierCode = (v: unknown) =>
  typeof v === 'string' && /^[a-z0-9_]{1,40}$/.test(v) ? null : 'LIST_INVALID';

/** Each field's keys: required ones, optional ones (`?`), and the check of each value. */
const shapes: Record<Field, Record<string, Check>> = {
  tier: { tiers: list(tierCode) },
  tag: { tagIds: list(id), has: oneOf([true, false], 'FLAG_INVALID') },
  homeStore: { storeIds: list(id) },
  birthMonth: { months: list(whole(1, 12, 'MONTH_INVALID')) },
  age: { 'min?': whole(0, 120, 'AGE_INVALID'), 'max?': whole(0, 120, 'AGE_INVALID') },
  gender: { genders: list(oneOf(['female', 'male', 'other', 'unknown'], 'GENDER_INVALID')) },
  joined: { 'from?': day, 'to?': day },
  daysSinceLastPurchase: { 'min?': whole(0, 3650, 'DAYS_INVALID'), 'max?': whole(0, 3650, 'DAYS_INVALID') },
  purchaseCount: { days: oneOf(WINDOWS, 'WINDOW_INVALID'), 'min?': count, 'max?': count },
  spend: { days: oneOf(WINDOWS, 'WINDOW_INVALID'), 'min?': count, 'max?': count },
  pointsBalance: { 'min?': count, 'max?': count },
  couponHeld: { 'templateId?': id },
  couponUsed: { 'templateId?': id, 'days?': whole(1, 3650, 'DAYS_INVALID') },
  channel: { channel: oneOf(['store', 'online'], 'CHANNEL_INVALID'), days: whole(1, 3650, 'DAYS_INVALID') },
  lineFriend: {},
  marketingOptIn: { value: oneOf([true, false], 'FLAG_INVALID') },
};
/** Conditions with a range: at least one end, and min ≤ max. */
const ranged = new Set<Field>(['age', 'daysSinceLastPurchase', 'purchaseCount', 'spend', 'pointsBalance']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every problem of a tree, by path (`rules.all.0.days`); an empty record for a good one. */
export function ruleProblems(tree: unknown, path = 'rules', depth = 1, seen = { n: 0 }) {
  const problems: Record<string, string> = {};
  if (!isObject(tree)) return { [path]: 'RULE_INVALID' };
  const group = 'all' in tree ? 'all' : 'any' in tree ? 'any' : null;
  if (group) {
    for (const key of Object.keys(tree)) if (key !== group) problems[`${path}.${key}`] = 'UNKNOWN_FIELD';
    const items = tree[group];
    if (depth > 3) problems[path] = 'TOO_DEEP';
    else if (!Array.isArray(items) || items.length === 0) problems[`${path}.${group}`] = 'GROUP_EMPTY';
    else
      items.forEach((item, i) => {
        Object.assign(problems, ruleProblems(item, `${path}.${group}.${i}`, depth + 1, seen));
      });
    return problems;
  }
  if (++seen.n > 50) return { [path]: 'TOO_MANY' };
  const shape = shapes[tree.field as Field];
  if (typeof tree.field !== 'string' || !Object.hasOwn(shapes, tree.field) || !shape)
    return { [`${path}.field`]: 'FIELD_UNKNOWN' };
  for (const key of Object.keys(tree))
    if (key !== 'field' && !(key in shape) && !(`${key}?` in shape))
      problems[`${path}.${key}`] = 'UNKNOWN_FIELD';
  for (const [spec, check] of Object.entries(shape)) {
    const key = spec.replace('?', '');
    if (tree[key] === undefined) {
      if (!spec.endsWith('?')) problems[`${path}.${key}`] = 'REQUIRED';
      continue;
    }
    const problem = check(tree[key]);
    if (problem) problems[`${path}.${key}`] = problem;
  }
  if (ranged.has(tree.field as Field) && Object.keys(problems).length === 0) {
    const { min, max } = tree as { min?: number; max?: number };
    if ((min === undefined && max === undefined) || (min !== undefined && max !== undefined && min > max))
      problems[`${path}.min`] = 'RANGE_INVALID';
  }
  if (tree.field === 'joined' && tree.from === undefined && tree.to === undefined)
    problems[`${path}.from`] = 'RANGE_INVALID';
  return problems;
}

/** INVALID_FIELDS with each problem's code and its zh-TW words, by path. */
export function invalidRules(problems: Record<string, string>): DomainError {
  const messages = Object.fromEntries(
    Object.entries(problems).map(([path, code]) => [path, words[code] ?? code]),
  );
  const zh = Object.entries(messages)
    .map(([path, text]) => `「${path}」${text}`)
    .join('；');
  return new DomainError('INVALID_FIELDS', `${zh}。(invalid rules: ${Object.keys(problems).join(', ')})`, {
    fields: problems,
    messages,
  });
}

/** The tree if it is good; else INVALID_FIELDS by path. */
export function checkRules(tree: unknown): Rule {
  const problems = ruleProblems(tree);
  if (Object.keys(problems).length > 0) throw invalidRules(problems);
  return tree as Rule;
}

/** Every condition of a tree, for what it refers to (tags) and what it needs (the day's purchases). */
export function conditionsOf(rule: Rule): Condition[] {
  if ('all' in rule) return rule.all.flatMap(conditionsOf);
  if ('any' in rule) return rule.any.flatMap(conditionsOf);
  return [rule];
}
