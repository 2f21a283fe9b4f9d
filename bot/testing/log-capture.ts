import { Writable } from 'node:stream';

/** A pino destination that keeps what the server logs, so a test can read it. */
export function logCapture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, text: () => JSON.stringify(lines), logger: { level, stream } };
}
