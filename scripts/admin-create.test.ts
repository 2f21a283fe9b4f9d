import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { verifyPassword } from '../bot/domain/passwords.ts';
import type { TestEngine } from '../db/engine.ts';
import { auditLog, staff } from '../db/schema.ts';
import { openTestEngine } from '../db/test-engine.ts';

const run = promisify(execFile);
let engine: TestEngine;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

/** The script as an operator's script runs it: a child process, no terminal, the password in the environment. */
async function adminCreate(args: string[], password: string) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [
        '--import',
        join(import.meta.dirname, '../db/select-engine.ts'),
        join(import.meta.dirname, 'admin-create.ts'),
        ...args,
      ],
      {
        env: {
          PATH: process.env.PATH,
          ...engine.env,
          ADMIN_PASSWORD: password,
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const rows = () =>
  engine.read(async (tx) => ({
    staff: await tx.select().from(staff).orderBy(asc(staff.id)),
    audit: await tx.select().from(auditLog).orderBy(asc(auditLog.id)),
  }));

it('creates the first admin, audited as done from the command line', async () => {
  const result = await adminCreate(['--username', 'Boss', '--display-name', '王店長'], 'a long admin secret');
  expect(result).toMatchObject({ code: 0, stderr: '' });
  expect(result.stdout).toContain('Admin "boss" created (id 1)');
  const {
    staff: [admin],
    audit,
  } = await rows();
  expect(admin).toMatchObject({ username: 'boss', displayName: '王店長', role: 'admin', active: true });
  expect(await verifyPassword('a long admin secret', admin!.passwordHash)).toBe(true);
  expect(audit).toMatchObject([
    { staffId: null, action: 'staff.create', after: { username: 'boss', role: 'admin' } },
  ]);
});

it('refuses a password under 10 characters and changes nothing', async () => {
  const result = await adminCreate(['--username', 'boss'], 'too short');
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('at least 10 characters');
  expect((await rows()).staff).toEqual([]);
});

it('refuses an existing username clearly, leaving that account as it was', async () => {
  await adminCreate(['--username', 'boss'], 'a long admin secret');
  const again = await adminCreate(['--username', 'BOSS'], 'another long secret');
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('the username "BOSS" exists already');
  const { staff: accounts } = await rows();
  expect(accounts).toHaveLength(1);
  expect(await verifyPassword('a long admin secret', accounts[0]!.passwordHash)).toBe(true);
});

it('asks for the username when not on a terminal and none is given', async () => {
  const result = await adminCreate([], 'a long admin secret');
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('Usage: npm run admin:create');
});
