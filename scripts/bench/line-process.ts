// The LINE stand-in in a process of its own, for the benchmarks: in production LINE's work happens on LINE's
// machines, so here it must not take turns on the product's event loop.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { type LineStandIn, type LineStandInOptions, startLineStandIn } from '../../line-stand-in/index.ts';

/** Options as plain JSON (no clock function), sent to the process. */
type Options = Omit<LineStandInOptions, 'now'>;

export async function startLineProcess(options: Options): Promise<Pick<LineStandIn, 'urls' | 'close'>> {
  const line = fork(import.meta.filename);
  const exited = once(line, 'exit');
  line.send(options);
  const [urls] = (await once(line, 'message')) as [LineStandIn['urls']];
  return {
    urls,
    async close() {
      line.send('close');
      await exited;
    },
  };
}

if (import.meta.main) {
  const [options] = (await once(process, 'message')) as [Options];
  const line = await startLineStandIn(options);
  process.once('disconnect', () => process.exit(1)); // the bench died
  process.send!(line.urls);
  await once(process, 'message');
  await line.close();
  process.exit(0);
}
