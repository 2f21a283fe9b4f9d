/**
 * The real product (server, a fresh SQLite database, LINE stand-in) in a child Node process, driven by the page
 * tests over IPC. It runs apart because the page tests' happy-dom globals (URL, fetch) are not Node's, and the
 * server must talk to the stand-in as it does in production. Only tests start it; the app never imports it.
 */
// biome-ignore-start lint/style/noRestrictedImports: test support that drives the real server, never bundled

import { commandLine } from '../../../bot/domain/actor.ts';
import { type SettingsChanges, updateMarketingSettings } from '../../../bot/domain/campaigns/settings.ts';
import { takeSnapshot } from '../../../bot/domain/dashboard/snapshot.ts';
import { joinMembership } from '../../../bot/domain/members.ts';
import { earnPoints } from '../../../bot/domain/points-earning.ts';
import { recordPurchase } from '../../../bot/domain/purchases.ts';
import { refundPurchase } from '../../../bot/domain/refunds.ts';
import { refreshSegmentFacts } from '../../../bot/domain/segments/facts.ts';
import { type Product, startProduct } from '../../../bot/testing/harness.ts';
import { addStore, importMember, joinForm } from '../../../bot/testing/members.ts';
import { addStaff } from '../../../bot/testing/staff.ts';
// biome-ignore-end lint/style/noRestrictedImports: test support that drives the real server, never bundled

export type Command =
  | { cmd: 'start'; now?: string; publicUrl?: string }
  | { cmd: 'shopper'; displayName: string; language: 'zh-TW' | 'en' }
  | { cmd: 'token'; userId: string; expired?: boolean }
  | { cmd: 'store'; code: string; name: string }
  | { cmd: 'import'; phone: string; birthday: string; name: string }
  | { cmd: 'join'; userId: string; storeId: number; name: string; phone?: string; optIn?: boolean }
  | { cmd: 'earn'; userId: string; count: number; storeId: number }
  | { cmd: 'refunds'; userId: string; storeId: number }
  | { cmd: 'purchase'; userId: string; storeId: number; price: number; daysAgo: number }
  | { cmd: 'dashboardSnapshot' }
  | {
      cmd: 'staff';
      username: string;
      role: 'clerk' | 'store_manager' | 'marketer' | 'admin';
      storeIds: number[];
    }
  | { cmd: 'says'; userId: string; text: string }
  | { cmd: 'sticker'; userId: string; packageId: string; stickerId: string }
  | { cmd: 'phone'; userId: string }
  | { cmd: 'facts' }
  | { cmd: 'marketing'; changes: SettingsChanges }
  | { cmd: 'close' };

let product: Product | undefined;
const members = new Map<string, number>();

async function run(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'start': {
      await product?.close();
      const now = command.now === undefined ? null : new Date(command.now);
      product = await startProduct({
        ...(now && { clock: { now: () => now } }),
        // PUBLIC_URL: the chat's image button is on.
        ...(command.publicUrl && { app: { publicUrl: command.publicUrl } }),
      });
      const address = product.app.server.address() as { port: number };
      return { origin: `http://127.0.0.1:${address.port}` };
    }
    case 'shopper': {
      const shopper = product!.line.shoppers.create({
        displayName: command.displayName,
        language: command.language,
      });
      await product!.line.shoppers.follow(shopper.userId);
      await product!.app.events.idle();
      return { userId: shopper.userId, token: await product!.line.shoppers.idToken(shopper.userId) };
    }
    case 'token':
      return product!.line.shoppers.idToken(command.userId, { expired: command.expired === true });
    case 'store':
      return (await addStore(product!.engine, command.code, command.name)).id;
    case 'import':
      return (await importMember(product!.engine, command.phone, command.birthday, command.name)).id;
    case 'join': {
      const form = joinForm(command.storeId, {
        name: command.name,
        ...(command.phone && { phone: command.phone }),
        marketingOptIn: command.optIn === true,
      });
      const member = await joinMembership(product!.engine, command.userId, form, new Date());
      members.set(command.userId, member.id);
      return member.id;
    }
    case 'earn': {
      const start = Date.now() - command.count * 3_600_000;
      for (let i = 0; i < command.count; i++) {
        await earnPoints(product!.engine, {
          memberId: members.get(command.userId)!,
          points: 10 + i,
          amount: (10 + i) * 100,
          storeId: command.storeId,
          channel: 'store',
          reference: `R${i}`,
          idempotencyKey: `test-${command.userId}-${i}`,
          at: new Date(start + i * 3_600_000),
        });
      }
      return command.count;
    }
    case 'refunds':
      return refunds(members.get(command.userId)!, command.storeId);
    case 'purchase': {
      const { engine, app } = product!;
      const at = new Date(app.clock.now().getTime() - command.daysAgo * 86_400_000);
      const memberId = members.get(command.userId)!;
      const key = `buy-${memberId}-${command.storeId}-${command.price}-${command.daysAgo}`;
      const member = { id: memberId, proof: 'card' as const };
      const purchase = { member, price: command.price, redeemPoints: 0, channel: 'store' as const };
      const recorded = await recordPurchase(
        engine,
        { ...purchase, reference: key, idempotencyKey: key, at },
        { ...commandLine, storeId: command.storeId },
      );
      return recorded.purchase.id;
    }
    case 'dashboardSnapshot':
      // What the five-minute tick does once a Taipei day (bot/daily-jobs.ts), after the night's facts.
      await refreshSegmentFacts(product!.engine, product!.app.clock.now());
      return takeSnapshot(product!.engine, product!.app.clock.now());
    case 'staff':
      return (await addStaff(product!.engine, command.username, command.role, command.storeIds)).id;
    case 'says':
    case 'sticker': {
      const shoppers = product!.line.shoppers;
      const delivery =
        command.cmd === 'says'
          ? await shoppers.sendText(command.userId, command.text)
          : await shoppers.sendSticker(command.userId, command.packageId, command.stickerId);
      await product!.app.events.idle();
      return (delivery.events[0]!.message as { id: string }).id;
    }
    case 'phone':
      return phone(command.userId);
    case 'facts':
      // What the nightly job does (bot/domain/daily-points-job.ts): the facts segments count, at the product's clock.
      return (await refreshSegmentFacts(product!.engine, product!.app.clock.now())).members;
    case 'marketing':
      await updateMarketingSettings(product!.engine, command.changes, commandLine, product!.app.clock.now());
      return null;
    case 'close':
      await product?.close();
      product = undefined;
      return null;
  }
}

/**
 * What the shopper's phone shows of the chat, as LINE knows it: their messages with whether they were read, and
 * the account's with how they came (a free reply or a push).
 */
type PhoneEntry =
  | { from: 'shopper'; text: string | null; read: boolean }
  | { from: 'account'; text: string | null; via: string };

function phone(userId: string) {
  return product!.line.inspect.chatOf(userId).flatMap((entry): PhoneEntry[] => {
    if (entry.from === 'account')
      return [{ from: 'account', text: (entry.message.text as string | undefined) ?? null, via: entry.via }];
    const message = entry.event.message as { text?: string } | undefined;
    return message ? [{ from: 'shopper', text: message.text ?? null, read: !!entry.readAt }] : [];
  });
}

/**
 * Points earned last year (200, expiring at the end of this one), then at the product's clock: NT$1,000 (20
 * points) half refunded, NT$10 (no points) voided, NT$1,000 paying 100 points (18 earned) voided.
 */
async function refunds(memberId: number, storeId: number) {
  const { engine, app } = product!;
  const at = app.clock.now();
  const earnedAt = new Date(Date.UTC(at.getUTCFullYear() - 1, 5, 1));
  await earnPoints(engine, {
    memberId,
    points: 200,
    amount: null,
    storeId: null,
    channel: 'other',
    reference: 'gift',
    idempotencyKey: `gift-${memberId}`,
    at: earnedAt,
  });
  const actor = { ...commandLine, storeId };
  let key = 0;
  const buy = async (price: number, redeemPoints = 0) =>
    (
      await recordPurchase(
        engine,
        {
          member: { id: memberId, proof: 'card' },
          price,
          redeemPoints,
          channel: 'store',
          reference: `P-${++key}`,
          idempotencyKey: `buy-${memberId}-${key}`,
          at,
        },
        actor,
      )
    ).purchase.id;
  const refund = (purchaseId: number, amount: number, isVoid: boolean) =>
    refundPurchase(
      engine,
      { purchaseId, amount, isVoid, reason: null, idempotencyKey: `refund-${memberId}-${++key}`, at },
      actor,
    );
  const earned20 = await buy(1_000);
  await refund(await buy(10), 0, true);
  await refund(earned20, 500, false);
  await refund(await buy(1_000, 100), 0, true);
  return null;
}

process.on('message', (message: { id: number; command: Command }) => {
  run(message.command).then(
    (result) => process.send!({ id: message.id, result }),
    (error: Error) => process.send!({ id: message.id, error: error.stack ?? String(error) }),
  );
});
process.on('disconnect', () => {
  void product?.close().finally(() => process.exit(0));
});
