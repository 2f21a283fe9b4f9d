import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import {
  campaignRecipients,
  claimCodes,
  lineFriends,
  memberFacts,
  memberImportRows,
  memberTags,
  webhookEvents,
} from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { addStore, joinForm } from '../testing/members.ts';
import { addStaff } from '../testing/staff.ts';
import { commandLine } from './actor.ts';
import { addCampaign } from './campaigns/fixture.ts';
import { previewImport } from './member-imports/preview.ts';
import { runNextImport, startImport } from './member-imports/run.ts';
import { joinMembership } from './members.ts';
import { deleteMembership } from './personal-data.ts';
import { refreshSegmentFacts } from './segments/facts.ts';
import { createTag, tagMember } from './segments/tags.ts';

let engine: Engine;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

const now = new Date('2026-11-30T02:00:00Z');
const lineUser = `U${'b'.repeat(32)}`;
const PHONE = '0912345678';
const NAME = '王小明';

/** A member who left traces everywhere: a tag, segment facts, a shops' file, a claim code, a campaign, a chat event. */
async function memberWithTraces() {
  const store = await addStore(engine);
  await engine.write((tx) =>
    tx.insert(lineFriends).values({
      ...{ lineUserId: lineUser, displayName: '小明', pictureUrl: 'https://profile.line-scdn.net/abc' },
      ...{ status: 'friend', followedAt: now, updatedAt: now },
    }),
  );
  const member = await joinMembership(
    engine,
    lineUser,
    joinForm(store.id, { phone: PHONE, name: NAME }),
    now,
  );
  const tag = await createTag(engine, { name: '常客' }, commandLine, now);
  await tagMember(engine, member.id, tag.id, commandLine, now);
  await refreshSegmentFacts(engine, now);
  // The shops' file names them twice: a member's already, and the same phone again.
  const bytes = Buffer.from(`phone,name,birthday\n${PHONE},${NAME},1990-05-20\n${PHONE},${NAME},\n`);
  const { memberImport } = await previewImport(engine, { bytes, fileName: 'shops.csv' }, commandLine, now);
  await startImport(engine, memberImport.id, commandLine, now);
  await runNextImport(engine, { worker: 'here', now: () => now });
  const clerk = await addStaff(engine, 'cleo', 'clerk', [store.id]);
  const campaignId = await addCampaign(engine);
  await engine.write(async (tx) => {
    await tx.insert(claimCodes).values({
      ...{ memberId: member.id, codeHash: 'h', storeId: store.id, staffId: clerk.id },
      ...{ issuedAt: now, expiresAt: now, usedAt: now, usedByLineUserId: lineUser },
    });
    await tx.insert(campaignRecipients).values({
      ...{ campaignId, memberId: member.id, lineUserId: lineUser, language: 'zh-TW', holdout: false },
    });
    const message = { type: 'message', source: { userId: lineUser }, message: { text: `我的電話 ${PHONE}` } };
    await tx.insert(webhookEvents).values({
      ...{
        webhookEventId: '01HZERASED0000000000000000',
        type: 'message',
        mode: 'active',
        lineUserId: lineUser,
      },
      ...{ payload: message, status: 'done', occurredAt: now, receivedAt: now },
    });
  });
  return member;
}

it('erases a member’s tags, segment facts, file rows, claim codes, campaign addresses, LINE profile and events', async () => {
  const member = await memberWithTraces();
  const traces = () =>
    engine.read(async (tx) => ({
      tags: await tx.select().from(memberTags).where(eq(memberTags.memberId, member.id)),
      facts: await tx.select().from(memberFacts).where(eq(memberFacts.memberId, member.id)),
      fileRows: await tx.select().from(memberImportRows).orderBy(asc(memberImportRows.rowNo)),
      claimCodes: await tx.select().from(claimCodes),
      recipients: await tx.select().from(campaignRecipients),
      friend: await tx.select().from(lineFriends),
      events: await tx.select().from(webhookEvents),
    }));
  const before = await traces();
  expect(before.tags).toHaveLength(1);
  expect(before.facts).toMatchObject([{ active: true, birthday: '1990-05-20', gender: 'male' }]);
  expect(before.fileRows.map((r) => [r.outcome, r.phone])).toEqual([
    ['existing', PHONE],
    ['invalid', PHONE],
  ]);

  await deleteMembership(engine, member, now);
  const after = await traces();
  expect(after.tags).toEqual([]);
  expect(after.claimCodes).toEqual([]);
  expect(after.facts).toMatchObject([
    {
      active: false,
      homeStoreId: null,
      birthday: null,
      birthMonth: null,
      gender: null,
      marketingOptIn: false,
    },
  ]);
  expect(after.fileRows.map((r) => [r.outcome, r.phone, r.name, r.birthday])).toEqual([
    ['existing', '', '', null],
    ['invalid', '', '', null],
  ]);
  expect(after.recipients).toMatchObject([{ memberId: member.id, lineUserId: null }]);
  expect(after.friend).toMatchObject([{ lineUserId: lineUser, displayName: null, pictureUrl: null }]);
  expect(after.events).toMatchObject([{ type: 'message', status: 'done', payload: { erased: 'deleted' } }]);
  // Nothing of theirs is left in any of them: no phone, no name, no picture.
  const left = JSON.stringify(after);
  for (const personal of [PHONE, NAME, '小明', 'profile.line-scdn.net', '1990-05-20'])
    expect(left).not.toContain(personal);
});
