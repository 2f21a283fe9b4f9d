// The servers of bench:dashboard's counter phases: bench:checkout's (checkout-servers.ts: the real app, a bare
// route, the LINE stand-in), with a marketer to read the dashboard, the event loop's delays measured over each
// phase, and in phase B the dashboard's rollup rolling in this same process, as the daily jobs' tick does.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { commandLine } from '../../bot/domain/actor.ts';
import { rollDashboard } from '../../bot/domain/dashboard/rollup.ts';
import { createStaff, findStaffByUsername } from '../../bot/domain/staff.ts';
import type { Engine } from '../../db/engine.ts';
import { serve } from './checkout-servers.ts';
import {
  type LoopDelay,
  MARKETER,
  type PhaseMessage,
  type PhasesOver,
  ROLL_PAUSE_MS,
} from './dashboard-setting.ts';

await serve(process.argv[2]!, process.argv[3]!, besideTheCounter);

async function besideTheCounter(engine: Engine): Promise<void> {
  if (!(await engine.read((tx) => findStaffByUsername(tx, MARKETER.username)))) {
    const marketer = { ...MARKETER, displayName: '壓測行銷', role: 'marketer' as const, storeIds: [] };
    await createStaff(engine, marketer, commandLine, new Date());
  }
  const loop: Partial<Record<'A' | 'B', LoopDelay>> = {};
  let histogram: ReturnType<typeof monitorEventLoopDelay> | null = null;
  let phase: 'A' | 'B' | null = null;
  let rolling: Promise<void> | null = null;
  let rolls = 0;
  let chunks = 0;
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  const close = () => {
    if (!histogram || !phase) return;
    histogram.disable();
    loop[phase] = {
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
    };
  };
  process.on('message', async (message: PhaseMessage) => {
    if (typeof message !== 'object' || !('phase' in message)) return;
    close();
    if (message.phase === 'end') {
      phase = null;
      await rolling;
      const over: PhasesOver = { loop: loop as PhasesOver['loop'], rolls, chunks };
      process.send!(over);
      return;
    }
    phase = message.phase;
    histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    if (phase === 'B')
      rolling = (async () => {
        while (phase === 'B') {
          chunks += await rollDashboard(engine, new Date());
          rolls += 1;
          await sleep(ROLL_PAUSE_MS);
        }
      })();
  });
}
