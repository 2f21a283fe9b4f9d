import type { FastifyBaseLogger } from 'fastify';
import type { Engine } from '../../db/engine.ts';
import type { Clock } from '../domain/clock.ts';
import { runNextImport } from '../domain/member-imports/run.ts';
import { type DrainLoop, drainLoop } from '../line/drain-loop.ts';

export type MemberImportRunner = Pick<DrainLoop, 'wake' | 'idle' | 'stop'>;

/**
 * Runs started member imports (member-imports/run.ts) on every instance: woken by a start, and every `pollMs` so
 * that an import a dead instance held is taken over once its lease runs out, or one started on another instance.
 */
export function createMemberImportRunner(
  ctx: { engine: Engine; worker: string; clock: Clock; log: FastifyBaseLogger },
  { pollMs = 5_000, leaseMs }: { pollMs?: number; leaseMs?: number } = {},
): MemberImportRunner {
  const loop: DrainLoop = drainLoop(
    async () => {
      const work = {
        worker: ctx.worker,
        now: () => ctx.clock.now(),
        leaseMs,
        stopping: () => loop.stopping(),
      };
      while (!loop.stopping() && (await runNextImport(ctx.engine, work))) {}
    },
    (error) => ctx.log.error({ err: error }, 'member import failed'),
    pollMs,
  );
  return loop;
}
