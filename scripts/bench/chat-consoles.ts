// The consoles of npm run bench:chat, in a process of their own (forked by chat.ts): N staff consoles holding
// GET /api/staff/chat/events open, each noting when every incoming bench message reached it.
import { once } from 'node:events';
import http from 'node:http';

/** What chat.ts sends to start: where, with which session cookies (consoles share them round-robin). */
export interface ConsolesStart {
  url: string;
  cookies: string[];
  consoles: number;
  /** Messages the run sends: each carries its index in its text as 〔i〕. */
  messages: number;
}

/** When each message was accepted by the webhook (ms since the epoch; null: never), and from which index to count. */
export interface ConsolesFigures {
  accepted: number[];
  from: number;
}

export interface FanOut {
  received: number;
  expected: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export type ConsolesAsk = { figures: ConsolesFigures } | { count: true } | 'close';

// The stream is scanned as bytes (native indexOf), not decoded and split: 1,000 consoles at 100 messages a second
// receive some 80 MB a second, and decoding it in this process took a core from the server beside it.
const MESSAGE_EVENT = Buffer.from('event: message\n');
const OPEN = Buffer.from('〔');
const CLOSE = Buffer.from('〕');
const BLOCK_END = Buffer.from('\n\n');
/** The wall clock with sub-millisecond steps, comparable across this machine's processes. */
const wallNow = () => performance.timeOrigin + performance.now();

/** The latencies' percentiles and maximum, in ms. */
export function percentiles(values: Float64Array): Omit<FanOut, 'received' | 'expected'> {
  const sorted = values.slice().sort();
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
}

/** One console: reads the stream's `message` events and notes when each bench message first arrived. */
function connect(start: ConsolesStart, index: number, seen: Float64Array, onReceived: () => void) {
  const cookie = `staff_session=${start.cookies[index % start.cookies.length]}`;
  return new Promise<void>((resolve, reject) => {
    const request = http.get(`${start.url}/api/staff/chat/events`, { headers: { cookie }, agent: false });
    request.on('error', reject);
    request.on('response', (response) => {
      if (response.statusCode !== 200) return reject(new Error(`events answered ${response.statusCode}`));
      /** The start of a block the last chunk cut off. */
      let rest: Buffer | null = null;
      response.on('data', (chunk: Buffer) => {
        const now = wallNow();
        const data = rest ? Buffer.concat([rest, chunk]) : chunk;
        const end = data.lastIndexOf(BLOCK_END);
        rest = end < 0 ? data : end + 2 < data.length ? Buffer.from(data.subarray(end + 2)) : null;
        // Each `message` event: its bench mark 〔i〕 is in the message's text (a JSON string holds no newline).
        for (
          let at = data.indexOf(MESSAGE_EVENT);
          at >= 0 && at < end;
          at = data.indexOf(MESSAGE_EVENT, at + 1)
        ) {
          const blockEnd = data.indexOf(BLOCK_END, at);
          const open = data.indexOf(OPEN, at);
          if (open < 0 || open > blockEnd) continue;
          const close = data.indexOf(CLOSE, open);
          const i = Number(data.toString('latin1', open + OPEN.length, close));
          if (!Number.isInteger(i) || i < 0 || i >= start.messages) continue;
          const slot = i * start.consoles + index;
          if (seen[slot] !== 0) continue; // a message sent again (a later status) counts once
          seen[slot] = now;
          onReceived();
        }
      });
      resolve();
    });
  });
}

if (import.meta.main) {
  const [start] = (await once(process, 'message')) as [ConsolesStart];
  process.once('disconnect', () => process.exit(1)); // the bench died
  const seen = new Float64Array(start.messages * start.consoles);
  let received = 0;
  for (let i = 0; i < start.consoles; i += 50) {
    const batch = Array.from({ length: Math.min(50, start.consoles - i) }, (_, j) =>
      connect(start, i + j, seen, () => received++),
    );
    await Promise.all(batch);
  }
  process.send!('connected');
  for (;;) {
    const [ask] = (await once(process, 'message')) as [ConsolesAsk];
    if (ask === 'close') break;
    if ('count' in ask) {
      process.send!(received);
      continue;
    }
    const { accepted, from } = ask.figures;
    const latencies: number[] = [];
    let counted = 0;
    let expected = 0;
    for (let i = from; i < start.messages; i++) {
      if (!Number.isFinite(accepted[i])) continue; // never accepted (NaN arrives as null): nothing to fan out
      expected += start.consoles;
      for (let c = 0; c < start.consoles; c++) {
        const at = seen[i * start.consoles + c]!;
        if (at === 0) continue;
        counted++;
        latencies.push(at - accepted[i]!);
      }
    }
    process.send!({
      received: counted,
      expected,
      ...percentiles(Float64Array.from(latencies)),
    } satisfies FanOut);
  }
  process.exit(0);
}
