import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/** A server started as `npm start` starts it, in a process of its own, and how to reach it. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `node --import ./db/select-engine.ts bot/server.ts` with `env` and resolves once it listens. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', './db/select-engine.ts', 'bot/server.ts'], {
    env: { PATH: process.env.PATH, ...env },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const listening = /listening on (http:\S+)/;
  while (!listening.test(output)) {
    const [event] = await Promise.race([
      once(child.stdout!, 'data'),
      once(child, 'exit').then(() => ['exit']),
    ]);
    if (event === 'exit') throw new Error(`The server exited before listening:\n${output}`);
  }
  return {
    url: listening.exec(output)![1]!,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      return code as number | null;
    },
  };
}
