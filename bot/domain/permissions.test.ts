import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { addStore } from '../testing/members.ts';
import { type Actor, commandLine } from './actor.ts';
import { DomainError } from './errors.ts';
import { ACTIONS, actionsOf, can } from './permissions.ts';
import { createEarnRule, updatePolicy } from './points-settings.ts';
import { createStaff, updateStaff } from './staff.ts';
import { openStore, updateStore } from './stores.ts';

describe('can: the role × action table of ADR 0019', () => {
  const clerk = { role: 'clerk', storeIds: [1] } as const;
  const manager = { role: 'store_manager', storeIds: [1, 2] } as const;
  const marketer = { role: 'marketer', storeIds: 'all' } as const;
  const admin = { role: 'admin', storeIds: 'all' } as const;

  it('gives each role its actions and no others', () => {
    expect(actionsOf(clerk)).toEqual([
      'purchase.record',
      'points.redeem',
      'claim_code.issue',
      'store.read',
      'coupon.give',
      'chat.read',
      'chat.reply',
      'member_note.edit',
    ]);
    expect(actionsOf(manager)).toEqual([
      'purchase.record',
      'points.redeem',
      'points.approve_without_card',
      'purchase.void',
      'purchase.refund',
      'claim_code.issue',
      'store.read',
      'staff.read',
      'coupon_template.read',
      'coupon.give',
      'coupon.void',
      'segment.read',
      'member_tag.edit',
      'campaign.read',
      'chat.read',
      'chat.reply',
      'member_note.edit',
      'points.adjust',
      'member.read',
      'member.edit',
      'member.personal_data',
    ]);
    expect(actionsOf(marketer)).toEqual([
      'store.read',
      'points_rules.read',
      'line_delivery.read',
      'coupon_template.read',
      'coupon_template.edit',
      'segment.read',
      'segment.edit',
      'member_tag.edit',
      'campaign.read',
      'campaign.edit',
      'campaign.send',
      'campaign.results',
      'points.adjust',
      'chat_rules.edit',
      'member.read',
      'member.import',
      'dashboard.read',
      'journey.edit',
    ]);
    expect(actionsOf(admin)).toEqual([...ACTIONS]);
  });

  it('lets a store manager void only in their own stores, and an admin anywhere', () => {
    expect(can(manager, 'purchase.void', { storeId: 2 })).toBe(true);
    expect(can(manager, 'purchase.void', { storeId: 3 })).toBe(false);
    expect(can(manager, 'purchase.void', { storeId: null })).toBe(false);
    expect(can(clerk, 'purchase.void', { storeId: 1 })).toBe(false);
    expect(can(admin, 'purchase.void', { storeId: 3 })).toBe(true);
    expect(can(admin, 'purchase.void', { storeId: null })).toBe(true);
    expect(can(marketer, 'purchase.record', { storeId: 1 })).toBe(false);
  });

  it("lets a store manager tag only their own stores' members and read segments, not save them", () => {
    expect(can(manager, 'member_tag.edit', { storeId: 2 })).toBe(true);
    expect(can(manager, 'member_tag.edit', { storeId: 3 })).toBe(false);
    expect(can(manager, 'segment.read')).toBe(true);
    expect(can(manager, 'segment.edit')).toBe(false);
    expect(can(marketer, 'member_tag.edit', { storeId: 3 })).toBe(true);
    expect(can(clerk, 'segment.read')).toBe(false);
  });
});

describe('the domain asks again, whoever calls it', () => {
  let engine: Engine;
  let store: number;
  const now = new Date('2026-12-01T02:00:00Z');
  const as = (role: 'clerk' | 'store_manager' | 'marketer', storeIds: number[] | 'all'): Actor => ({
    staffId: 9,
    storeId: null,
    ip: null,
    may: { role, storeIds },
  });
  const codeOf = async (work: Promise<unknown>) =>
    work.then(
      () => 'DONE',
      (error) => (error instanceof DomainError ? error.code : String(error)),
    );

  beforeEach(async () => {
    engine = await openTestEngine();
    store = (await addStore(engine)).id;
  });
  afterEach(() => engine.close());

  it('refuses staff, store and points-rule changes to those who may not make them', async () => {
    const manager = as('store_manager', [store]);
    const marketer = as('marketer', 'all');
    const unknown: Actor = { staffId: 9, storeId: null, ip: null };
    const newClerk = {
      username: 'cindy',
      displayName: 'Cindy',
      password: 'a long enough secret',
      role: 'clerk' as const,
      storeIds: [store],
    };
    const rule = {
      name: '加碼',
      storeId: null,
      channel: null,
      multiplierPercent: 150,
      bonusPoints: 0,
      minAmount: 0,
      weekdays: null,
      startsAt: null,
      endsAt: null,
      active: true,
    };
    expect([
      await codeOf(createStaff(engine, newClerk, manager, now)),
      await codeOf(updateStaff(engine, 1, { active: false }, manager, now)),
      await codeOf(openStore(engine, { code: 'TPE09', name: '新店' }, manager, now)),
      await codeOf(updateStore(engine, store, { active: false }, marketer, now)),
      await codeOf(updatePolicy(engine, { spendPerPoint: 10 }, marketer, now)),
      await codeOf(createEarnRule(engine, rule, marketer, now)),
      await codeOf(openStore(engine, { code: 'TPE09', name: '新店' }, unknown, now)),
    ]).toEqual(Array(7).fill('FORBIDDEN'));
    expect(await codeOf(openStore(engine, { code: 'TPE09', name: '新店' }, commandLine, now))).toBe('DONE');
  });
});
