// npm run admin:create: creates the first admin (or another one), who then creates stores and staff in the staff
// console. Asks on a terminal; for scripts, takes --username and --display-name (or ADMIN_USERNAME and
// ADMIN_DISPLAY_NAME) and the password from ADMIN_PASSWORD only, never from a flag that `ps` would show.
// Refuses a username that exists: it never changes an existing account. Uses the server's database (DATABASE_URL
// or DATABASE_PATH).
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../bot/config.ts';
import { commandLine } from '../bot/domain/actor.ts';
import { DomainError } from '../bot/domain/errors.ts';
import { PASSWORD_MIN_LENGTH, passwordProblem } from '../bot/domain/passwords.ts';
import { createStaff, findStaffByUsername } from '../bot/domain/staff.ts';
import { openEngine } from '../db/engine.ts';

const usage =
  'Usage: npm run admin:create [-- --username <name> --display-name <name>]  (password: asked, or ADMIN_PASSWORD)';

/** Reads a line; with `hidden` the typed characters are not echoed (a password). */
async function ask(question: string, hidden = false): Promise<string> {
  const io = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (hidden) {
    const write = (io as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    (io as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (text: string) =>
      write.call(io, text.startsWith(question) ? question : text.replace(/[^\r\n]/g, ''));
  }
  const answer = await io.question(question);
  io.close();
  if (hidden) process.stdout.write('\n');
  return answer;
}

export async function adminCreate(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { username: { type: 'string' }, 'display-name': { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const url = loadConfig(env).databaseUrl;
  const database = nameOf(url);
  const tty = process.stdin.isTTY === true;
  let username = values.username ?? env.ADMIN_USERNAME;
  let displayName = values['display-name'] ?? env.ADMIN_DISPLAY_NAME;
  let password = env.ADMIN_PASSWORD;
  if (!tty && (!username || !password)) {
    console.error(`Not a terminal: give the username and ADMIN_PASSWORD.\n${usage}`);
    return 1;
  }
  username ||= await ask('Username (帳號): ');
  displayName ||= tty ? (await ask(`Display name (顯示名稱) [${username}]: `)) || username : username;
  while (!password) {
    const typed = await ask(`Password, at least ${PASSWORD_MIN_LENGTH} characters (密碼): `, true);
    if (passwordProblem(typed)) {
      console.error(`The password must have at least ${PASSWORD_MIN_LENGTH} characters.`);
      continue;
    }
    if ((await ask('Password again (再輸入一次): ', true)) !== typed)
      console.error('The two passwords differ.');
    else password = typed;
  }
  if (passwordProblem(password)) {
    console.error(
      `Refused: the password must have at least ${PASSWORD_MIN_LENGTH} characters (200 at most).`,
    );
    return 1;
  }

  const engine = await openEngine({ url });
  try {
    if (await engine.read((tx) => findStaffByUsername(tx, username))) {
      console.error(
        `Refused: the username "${username}" exists already in ${database}. Nothing was changed.`,
      );
      return 1;
    }
    const admin = await createStaff(
      engine,
      { username, displayName, password, role: 'admin' },
      commandLine,
      new Date(),
    );
    console.log(`Admin "${admin.username}" created (id ${admin.id}) in ${database}.`);
    console.log('Sign in to the staff console at /liff/staff/ on the server.');
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const fields = (error.details.fields ?? {}) as Record<string, string>;
    console.error(
      `Refused: ${error.message}${Object.keys(fields).length ? ` (${JSON.stringify(fields)})` : ''}`,
    );
    return 1;
  } finally {
    await engine.close();
  }
}

/** The database as the messages name it: the SQLite file, or the PostgreSQL URL without its password. */
function nameOf(url: string): string {
  if (!/^postgres(ql)?:/.test(url)) return url;
  const named = new URL(url);
  named.password = '';
  return named.toString();
}

if (import.meta.main) {
  try {
    process.exitCode = await adminCreate(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
  }
}
