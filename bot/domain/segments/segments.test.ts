import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinForm } from '../../testing/members.ts';
import { DomainError } from '../errors.ts';
import { joinMembership } from '../members.ts';
import { countSegment, membersOf } from './count.ts';
import { addNewMembersToFacts, refreshSegmentFacts } from './facts.ts';
import { type Fixture, now, openFixture } from './fixture.ts';
import { checkRules, type Rule } from './rules.ts';
import { createTag, refreshRuleTags, tagMember, tagsOf } from './tags.ts';

let fx: Fixture;
beforeAll(async () => {
  fx = await openFixture();
  await refreshSegmentFacts(fx.engine, now);
});
afterAll(() => fx.engine.close());

/** The names a rule matches (blocked and deleted never), in name order. */
const who = async (rule: unknown) => {
  const names: string[] = [];
  for await (const page of membersOf(fx.engine, checkRules(rule), now, { reachable: false }))
    names.push(...page.map(fx.nameOf));
  return names.sort();
};
const count = (rule: unknown) => countSegment(fx.engine, checkRules(rule), now);

describe('each condition picks its members, never the blocked one', () => {
  it.each<[string, () => Rule, string[]]>([
    ['tier', () => ({ field: 'tier', tiers: ['gold'] }), ['ann']],
    ['home store', () => ({ field: 'homeStore', storeIds: [fx.storeB] }), ['ben']],
    ['birthday month', () => ({ field: 'birthMonth', months: [12, 3] }), ['ben', 'dan']],
    ['age band', () => ({ field: 'age', min: 26, max: 40 }), ['ann', 'eve']],
    ['age, upper end only', () => ({ field: 'age', max: 25 }), ['ben']],
    ['gender', () => ({ field: 'gender', genders: ['female', 'unknown'] }), ['ann', 'dan']],
    ['join date', () => ({ field: 'joined', from: '2026-06-01', to: '2026-11-20' }), ['ben', 'eve']],
    ['days since last purchase', () => ({ field: 'daysSinceLastPurchase', min: 30 }), ['dan']],
    ['days since, recent', () => ({ field: 'daysSinceLastPurchase', max: 7 }), ['ann']],
    ['purchases in 30 days', () => ({ field: 'purchaseCount', days: 30, min: 1 }), ['ann']],
    ['purchases in 90 days', () => ({ field: 'purchaseCount', days: 90, min: 2 }), ['ann']],
    ['no purchase in 365 days', () => ({ field: 'purchaseCount', days: 365, max: 0 }), ['ben', 'eve']],
    ['spend in 365 days', () => ({ field: 'spend', days: 365, min: 300, max: 600 }), ['dan']],
    ['points balance', () => ({ field: 'pointsBalance', min: 1 }), ['ann', 'dan']],
    ['usable coupon of a template', () => ({ field: 'couponHeld', templateId: fx.templateId }), ['ben']],
    ['coupon used in 7 days', () => ({ field: 'couponUsed', days: 7 }), ['ann']],
    ['bought online in 60 days', () => ({ field: 'channel', channel: 'online', days: 60 }), ['ann']],
    ['bought in store in 7 days', () => ({ field: 'channel', channel: 'store', days: 7 }), ['ann']],
    ['LINE friends', () => ({ field: 'lineFriend' }), ['ann', 'ben', 'eve']],
    ['opted in', () => ({ field: 'marketingOptIn', value: true }), ['ann', 'eve']],
    ['not opted in', () => ({ field: 'marketingOptIn', value: false }), ['ben', 'dan']],
  ])('%s', async (_, rule, expected) => {
    expect(await who(rule())).toEqual(expected);
  });

  it('tags: with any of them, and with none', async () => {
    const operator = { staffId: null, storeId: null, ip: null, may: 'everything' as const };
    const vip = await createTag(fx.engine, { name: 'VIP' }, operator, now);
    await tagMember(fx.engine, fx.ids.eve, vip.id, operator, now);
    await tagMember(fx.engine, fx.ids.cat, vip.id, operator, now);
    expect(await who({ field: 'tag', tagIds: [vip.id], has: true })).toEqual(['eve']);
    expect(await who({ field: 'tag', tagIds: [vip.id], has: false })).toEqual(['ann', 'ben', 'dan']);
  });
});

describe('groups, reach and what changed since the facts', () => {
  it('combines AND and OR groups', async () => {
    const rule = {
      all: [
        { field: 'lineFriend' },
        {
          any: [
            { field: 'tier', tiers: ['gold'] },
            { field: 'birthMonth', months: [12] },
          ],
        },
      ],
    };
    expect(await who(rule)).toEqual(['ann', 'ben']);
    expect(
      await who({
        any: [
          { field: 'gender', genders: ['male'] },
          { field: 'age', min: 50 },
        ],
      }),
    ).toEqual(['ben', 'dan']);
  });

  it('counts matching and reachable: a friend not blocked who opted in; the blocked never', async () => {
    expect(await count({ field: 'age', min: 0 })).toMatchObject({ matching: 4, reachable: 2 });
    // Cat opted in and bought two days ago, but blocked the account: in no count, matching or reachable.
    expect(await count({ field: 'daysSinceLastPurchase', max: 7 })).toMatchObject({
      matching: 1,
      reachable: 1,
    });
    expect(await count({ field: 'marketingOptIn', value: false })).toMatchObject({
      matching: 2,
      reachable: 0,
    });
    const reachable: number[] = [];
    for await (const page of membersOf(fx.engine, checkRules({ field: 'age', min: 0 }), now))
      reachable.push(...page);
    expect(reachable.map(fx.nameOf).sort()).toEqual(['ann', 'eve']);
  });

  it('adds the purchases recorded since the facts were built', async () => {
    expect(await who({ field: 'purchaseCount', days: 7, min: 1 })).toEqual(['ann']);
    await fx.buy(fx.ids.eve, 2000, now, 'online');
    expect(await who({ field: 'purchaseCount', days: 7, min: 1 })).toEqual(['ann', 'eve']);
    expect(await who({ field: 'spend', days: 30, min: 2000 })).toEqual(['eve']);
    // The count takes today's buyers apart from the rest: the same members, counted once each.
    expect(await count({ field: 'purchaseCount', days: 7, min: 1 })).toMatchObject({
      matching: 2,
      reachable: 2,
    });
    expect(await count({ field: 'spend', days: 30, max: 1999 })).toMatchObject({ matching: 3, reachable: 1 });
    expect(await who({ field: 'daysSinceLastPurchase', max: 0 })).toEqual(['eve']);
    expect(await who({ field: 'channel', channel: 'online', days: 1 })).toEqual(['eve']);
    // A second refresh folds it into the facts: the same answers, and the same facts when run again.
    await refreshSegmentFacts(fx.engine, now);
    expect(await who({ field: 'purchaseCount', days: 7, min: 1 })).toEqual(['ann', 'eve']);
    await refreshSegmentFacts(fx.engine, now);
    expect(await who({ field: 'spend', days: 30, min: 2000 })).toEqual(['eve']);
    expect(await who({ field: 'purchaseCount', days: 365, min: 1 })).toEqual(['ann', 'dan', 'eve']);
  });
});

describe('tags by rule', () => {
  it('refreshRuleTags makes the wearers equal to the rules, and changes nothing when run again', async () => {
    const operator = { staffId: null, storeId: null, ip: null, may: 'everything' as const };
    const lapsed = await createTag(
      fx.engine,
      { name: '久未消費', rules: { field: 'daysSinceLastPurchase', min: 30 } },
      operator,
      now,
    );
    expect(await refreshRuleTags(fx.engine, now)).toEqual({ 久未消費: { added: 1, removed: 0 } });
    expect((await tagsOf(fx.engine, fx.ids.dan)).map((t) => t.name)).toEqual(['久未消費']);
    expect(await refreshRuleTags(fx.engine, now)).toEqual({ 久未消費: { added: 0, removed: 0 } });
    expect(await who({ field: 'tag', tagIds: [lapsed.id], has: true })).toEqual(['dan']);
    // Dan buys again: after the next refresh he no longer wears it.
    await fx.buy(fx.ids.dan, 100, now);
    expect(await refreshRuleTags(fx.engine, now)).toEqual({ 久未消費: { added: 0, removed: 1 } });
    expect(await tagsOf(fx.engine, fx.ids.dan)).toEqual([]);
  });

  it('refuses a rule tag whose rules name another rule tag, or a tag that does not exist', async () => {
    const operator = { staffId: null, storeId: null, ip: null, may: 'everything' as const };
    const byRule = await createTag(
      fx.engine,
      { name: '好友', rules: { field: 'lineFriend' } },
      operator,
      now,
    );
    const codeOf = (rules: unknown) =>
      createTag(fx.engine, { name: `t${Math.random()}`, rules }, operator, now).then(
        () => 'DONE',
        (error) => (error instanceof DomainError ? error.details.fields : error),
      );
    expect(await codeOf({ field: 'tag', tagIds: [byRule.id], has: true })).toEqual({
      'rules.tagIds': 'RULE_TAG_NOT_ALLOWED',
    });
    expect(await codeOf({ field: 'tag', tagIds: [9999], has: true })).toEqual({
      'rules.tagIds': 'TAG_NOT_FOUND',
    });
  });
});

describe('members who joined since the refresh', () => {
  it('are added to the facts by addNewMembersToFacts, with their purchases counted once', async () => {
    const fay = await joinMembership(
      fx.engine,
      `U${'f'.repeat(32)}`,
      joinForm(fx.storeA, { phone: '0966666666', birthday: '1960-08-08', marketingOptIn: true }),
      now,
    );
    await fx.buy(fay.id, 700, now);
    const sixties = { field: 'age', min: 60, max: 69 };
    expect(await who(sixties)).toEqual([]);
    expect(await addNewMembersToFacts(fx.engine)).toBe(1);
    expect(await addNewMembersToFacts(fx.engine)).toBe(0);
    const names = [];
    for await (const page of membersOf(fx.engine, checkRules(sixties), now, { reachable: false }))
      names.push(...page);
    expect(names).toEqual([fay.id]);
    const spent = await countSegment(
      fx.engine,
      checkRules({ all: [sixties, { field: 'spend', days: 7, min: 700, max: 700 }] }),
      now,
    );
    expect(spent).toMatchObject({ matching: 1 });
  });

  it('count in the live count at once: the count adds them first', async () => {
    const seventies = { field: 'age', min: 70, max: 79 };
    expect(await count(seventies)).toMatchObject({ matching: 0 });
    await joinMembership(
      fx.engine,
      `U${'7'.repeat(32)}`,
      joinForm(fx.storeA, { phone: '0977777777', birthday: '1950-07-07', marketingOptIn: true }),
      now,
    );
    expect(await count(seventies)).toMatchObject({ matching: 1 });
  });
});

describe('checkRules', () => {
  const problems = (rule: unknown) => {
    try {
      checkRules(rule);
      return null;
    } catch (error) {
      return error instanceof DomainError ? error.details : error;
    }
  };

  it('names each wrong or unknown key by its path, with zh-TW words', () => {
    expect(
      problems({
        all: [
          { field: 'spend', days: 45, min: 100 },
          { field: 'age', min: 50, max: 20 },
          { field: 'tier', tiers: ['gold'], colour: 'red' },
          { field: 'shoeSize', min: 40 },
          { any: [] },
        ],
        note: 'x',
      }),
    ).toEqual({
      fields: {
        'rules.note': 'UNKNOWN_FIELD',
        'rules.all.0.days': 'WINDOW_INVALID',
        'rules.all.1.min': 'RANGE_INVALID',
        'rules.all.2.colour': 'UNKNOWN_FIELD',
        'rules.all.3.field': 'FIELD_UNKNOWN',
        'rules.all.4.any': 'GROUP_EMPTY',
      },
      messages: {
        'rules.note': '不接受這個欄位',
        'rules.all.0.days': '期間須為 7、30、90、180 或 365 天',
        'rules.all.1.min': '最小值不可大於最大值，且至少要填一個',
        'rules.all.2.colour': '不接受這個欄位',
        'rules.all.3.field': '沒有這個條件欄位',
        'rules.all.4.any': '群組至少要有一個條件',
      },
    });
  });

  it('refuses what is no rule, a missing value and trees too deep', () => {
    expect(problems([])).toMatchObject({ fields: { rules: 'RULE_INVALID' } });
    expect(problems({ field: 'homeStore' })).toMatchObject({ fields: { 'rules.storeIds': 'REQUIRED' } });
    expect(problems({ field: 'birthMonth', months: [13] })).toMatchObject({
      fields: { 'rules.months': 'MONTH_INVALID' },
    });
    expect(problems({ all: [{ all: [{ all: [{ all: [{ field: 'lineFriend' }] }] }] }] })).toMatchObject({
      fields: { 'rules.all.0.all.0.all.0': 'TOO_DEEP' },
    });
    expect(problems({ field: 'lineFriend' })).toBeNull();
  });
});
