/**
 * The real product (server, a fresh SQLite database, LINE stand-in) in a child Node process, driven by the page
 * tests over IPC. It runs apart because the page tests' happy-dom globals (URL, fetch) are not Node's, and the
 * server must talk to the stand-in as it does in production. Only tests start it; the app never imports it.
 */
// biome-ignore-start lint/style/noRestrictedImports: test support that drives the real server, never bundled

import { joinMembership } from '../../../bot/domain/members.ts';
import { earnPoints } from '../../../bot/domain/points.ts';
import { type Product, startProduct } from '../../../bot/testing/harness.ts';
import { addStore, importMember, joinForm } from '../../../bot/testing/members.ts';
import { addStaff } from '../../../bot/testing/staff.ts';
// biome-ignore-end lint/style/noRestrictedImports: test support that drives the real server, never bundled

export type Command =
  | { cmd: 'start' }
  | { cmd: 'shopper'; displayName: string; language: 'zh-TW' | 'en' }
  | { cmd: 'token'; userId: string; expired?: boolean }
  | { cmd: 'store'; code: string; name: string }
  | { cmd: 'import'; phone: string; birthday: string; name: string }
  | { cmd: 'join'; userId: string; storeId: number; name: string }
  | { cmd: 'earn'; userId: string; count: number; storeId: number }
  | {
      cmd: 'staff';
      username: string;
      role: 'clerk' | 'store_manager' | 'marketer' | 'admin';
      storeIds: number[];
    }
  | { cmd: 'close' };

let product: Product | undefined;
const members = new Map<string, number>();

async function run(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'start': {
      await product?.close();
      product = await startProduct();
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
      const form = joinForm(command.storeId, { name: command.name });
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
    case 'staff':
      return (await addStaff(product!.engine, command.username, command.role, command.storeIds)).id;
    case 'close':
      await product?.close();
      product = undefined;
      return null;
  }
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
