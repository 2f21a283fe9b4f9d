// The harness's command for a walk or a test that cannot wait for the daily schedule's next look: runs the
// journeys of the clock's Taipei day and freezes their campaigns at once, as the schedule and the sender would.
import type { Engine } from '../../db/engine.ts';
import { freezeNextCampaign } from '../domain/campaigns/freezing.ts';
import type { Clock } from '../domain/clock.ts';
import { type JourneyRun, runJourneys } from '../domain/journeys/runs.ts';

export async function runJourneysNow(
  engine: Engine,
  clock: Clock,
  worker = 'harness',
): Promise<JourneyRun[]> {
  const runs = await runJourneys(engine, { worker, now: clock.now() });
  while (await freezeNextCampaign(engine, { worker, now: () => clock.now() })) {}
  return runs;
}
