// PostgreSQL's own benchmark beside bench:checkout, as a yardstick for the machine: pgbench's TPC-B
// (-b tpcb-like -M prepared) on a scale-10 database of its own, made afresh each time (pgbench -i -s 10), with the
// bench's client count and duration. A purchase does more than a TPC-B transaction (about forty statements to its
// five), so the ratio says how close the product comes to what the database alone does on this machine.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ensureDatabase, withDatabase } from '../seed-scale/postgres-database.ts';

const run = promisify(execFile);

export type Pgbench = { tps: number; latencyMs: number } | { skipped: string };

/** Runs pgbench on the server `serverUrl` names, in its database membership_pgbench (made when missing). */
export async function runPgbench(serverUrl: string, seconds: number, clients: number): Promise<Pgbench> {
  try {
    await run('pgbench', ['--version']);
  } catch {
    return { skipped: 'pgbench is not on PATH' };
  }
  const url = withDatabase(serverUrl, 'membership_pgbench');
  try {
    await ensureDatabase(url);
  } catch (error) {
    return { skipped: `no PostgreSQL server answers at ${serverUrl} (${(error as Error).message})` };
  }
  try {
    await run('pgbench', ['-i', '-s', '10', '-q', url]);
    const jobs = String(Math.min(2, clients));
    const args = [
      '-b',
      'tpcb-like',
      '-M',
      'prepared',
      '-c',
      String(clients),
      '-j',
      jobs,
      '-T',
      String(seconds),
    ];
    const { stdout } = await run('pgbench', [...args, url]);
    const tps = /^tps = ([\d.]+)/m.exec(stdout);
    const latency = /^latency average = ([\d.]+) ms/m.exec(stdout);
    if (!tps || !latency) return { skipped: `pgbench printed no tps:\n${stdout}` };
    return { tps: Number(tps[1]), latencyMs: Number(latency[1]) };
  } catch (error) {
    const { stderr, message } = error as Error & { stderr?: string };
    return { skipped: `pgbench failed: ${stderr?.trim() || message}` };
  }
}
