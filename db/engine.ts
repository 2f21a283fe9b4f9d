// The one seam between the domain and the database (ADR 0015). Domain functions take a `Tx` and are async;
// use cases choose `engine.write` or `engine.read`, and the engine owns the transaction: on SQLite a savepoint
// in a shared, fully synced group commit; on PostgreSQL a transaction of its own, retried when it loses a race.
import type { Tx } from '#db/dialect/engine';

export type { Tx } from '#db/dialect/engine';
export { openEngine } from '#db/dialect/engine';

export interface WriteOptions {
  /**
   * `full` (the default): answered only once on disk. `relaxed`: may be lost in a power cut together with
   * whatever followed it, for work that is done again when lost (an event's done mark, a push's outcome whose
   * retry LINE answers with 409 under the same retry key). ADR 0003.
   */
  durability?: 'full' | 'relaxed';
}

export interface Engine {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * SQLite: the database file, which a thread may open a read-only connection of its own on (the dashboard's
   * reads, ADR 0034). Absent on PostgreSQL.
   */
  readonly file?: string;
  /**
   * Runs `work` in a transaction and resolves with what it returned once that is committed; what it throws
   * rolls back its writes alone. `work` touches the database only through `tx`, and makes no other I/O: no
   * LINE call, no hashing, no waiting on a timer.
   */
  write<T>(work: (tx: Tx) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** Runs `work` on one snapshot of what is committed; it must not write. */
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** True while writes wait for their commit: background work gives way to requests (drain-loop.ts). */
  busy(): boolean;
  /** Resolves when no write waits for its commit. */
  quiet(): Promise<void>;
  /**
   * Tells every instance's `listen(topic)` that there is work: this one's at once, the others' (PostgreSQL) through
   * NOTIFY. Signal after the write that made the work is committed.
   */
  signal(topic: Topic): void;
  /** Calls `wake` whenever any instance signals `topic`; returns the way to stop. */
  listen(topic: Topic, wake: () => void): () => void;
  /**
   * True when the database answers, every committed migration has been applied and the topics listened to so far
   * are heard (PostgreSQL's LISTEN): what /readyz reports.
   */
  isReady(): Promise<boolean>;
  /** Lets writes handed in finish, then closes the connections. */
  close(): Promise<void>;
}

/**
 * What background work waits for: new webhook events, member notices to push, expiry reminders to send, chat media
 * to fetch and chat answers to send; and `chat`: the inbox changed (the consoles' live updates).
 */
export type Topic = 'webhook_events' | 'member_notices' | 'expiry_reminders' | 'chat_work' | 'chat';

export interface EngineOptions {
  /** `postgres://…` for PostgreSQL; else the SQLite file's path. */
  url: string;
}

/** An engine on a database of a test's own: `env` points a server or a script the test starts at it. */
export type TestEngine = Engine & { url: string; env: Record<string, string> };
