import { integer } from 'drizzle-orm/sqlite-core';

/** Times are stored as UTC milliseconds since the epoch; the pages show them in Asia/Taipei. */
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
