// The checkpointer's thread (db/checkpointer.ts): its own connection to the database file, copying the WAL's
// committed pages back into the file every so often, while the server's connections go on writing.
import { parentPort, workerData } from 'node:worker_threads';
import Sqlite from 'better-sqlite3';

const { path, everyMs } = workerData as { path: string; everyMs: number };
const sqlite = new Sqlite(path);
sqlite.pragma('busy_timeout = 5000');
const checkpoint = () => sqlite.pragma('wal_checkpoint(PASSIVE)');

const timer = setInterval(checkpoint, everyMs);
parentPort!.on('message', () => {
  clearInterval(timer);
  checkpoint();
  sqlite.close();
  parentPort!.close();
});
