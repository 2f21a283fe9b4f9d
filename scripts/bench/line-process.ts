// The LINE stand-in in a process of its own, for the benchmarks: in production LINE's work happens on LINE's
// machines, so here it must not take turns on the product's event loop, nor count in the product's memory.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import {
  type CountedDeliveries,
  type LineStandIn,
  type LineStandInOptions,
  startLineStandIn,
} from '../../line-stand-in/index.ts';

/** Options as plain JSON (no clock function), sent to the process. */
type Options = Omit<LineStandInOptions, 'now'>;

/** What the stand-in's own record says, asked for after a run: count-only mode's counts and the violations. */
export interface LineRecord {
  counted: CountedDeliveries | null;
  violations: number;
  quotaUsed: number;
}

type Ask = { record: string } | 'close';

export interface LineProcess extends Pick<LineStandIn, 'urls' | 'close'> {
  /** The record, with count-only mode's counts under aggregation unit `unit`. */
  record(unit: string): Promise<LineRecord>;
}

export async function startLineProcess(options: Options): Promise<LineProcess> {
  // Advanced serialization: the counts travel as a Uint8Array, not as a million JSON numbers.
  const line = fork(import.meta.filename, { serialization: 'advanced' });
  const exited = once(line, 'exit');
  line.send(options);
  const [urls] = (await once(line, 'message')) as [LineStandIn['urls']];
  return {
    urls,
    async record(unit) {
      line.send({ record: unit } satisfies Ask);
      const [record] = (await once(line, 'message')) as [LineRecord];
      return record;
    },
    async close() {
      line.send('close' satisfies Ask);
      await exited;
    },
  };
}

if (import.meta.main) {
  const [options] = (await once(process, 'message')) as [Options];
  const line = await startLineStandIn(options);
  process.once('disconnect', () => process.exit(1)); // the bench died
  process.send!(line.urls);
  for (;;) {
    const [ask] = (await once(process, 'message')) as [Ask];
    if (ask === 'close') break;
    const record: LineRecord = {
      counted: options.countOnly ? line.counted(ask.record) : null,
      violations: line.violations.length,
      quotaUsed: line.inspect.quotaUsed(),
    };
    process.send!(record);
  }
  await line.close();
  process.exit(0);
}
