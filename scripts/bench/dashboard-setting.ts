// What the two processes of bench:dashboard's counter phases share: the marketer who reads the dashboard, how often
// the rollup rolls, and the messages between them.

export const MARKETER = { username: 'bench.marketer', password: 'bench-marketer-password' };
/** The rollup's pause between rolls in phase B (the server's tick rolls every five minutes). */
export const ROLL_PAUSE_MS = 1_000;
/** The marketer's pause between two dashboard reads in phase B. */
export const POLL_MS = Number(process.env.DASHBOARD_POLL_MS ?? 1_000);

/** What the parent tells the servers: a phase begins (B also starts the rollup), or the phases are over. */
export type PhaseMessage = { phase: 'A' | 'B' | 'end' };

/** The servers' event loop over one phase: its delays (ms), the longest being the longest block. */
export type LoopDelay = { p50: number; p99: number; max: number };

/** What the servers answer at 'end': each phase's event-loop delays, and what the rollup did in phase B. */
export type PhasesOver = { loop: Record<'A' | 'B', LoopDelay>; rolls: number; chunks: number };
