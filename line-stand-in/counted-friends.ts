/**
 * Count-only mode, for benchmarks at LINE's scale (a million friends): the friends are a range of user ids of one
 * pattern (`countedUserId(1)` … `countedUserId(friends)`) with no shopper record each, and what the account sends
 * them is counted per user and per `customAggregationUnits` name in one byte each, not stored. Requests are
 * checked as in the normal mode (token, rate limit, retry key, the OpenAPI spec, the quota); only the messages'
 * bodies are not kept. Shoppers made with `shoppers.create` are stored as usual beside them.
 */
export interface CountOnlyOptions {
  /** How many counted friends: user ids 1 to `friends` of the pattern. */
  friends: number;
}

/** What one aggregation unit (or `''`: requests without one) delivered. */
export interface CountedDeliveries {
  /** Users who got at least one request's messages. */
  users: number;
  /** Users who got more than one. */
  repeated: number;
  /** Deliveries in all (a request's messages to one user is one). */
  deliveries: number;
  /** Per counted user id (index 0 unused): how many requests reached them, at most 255. */
  counts: Uint8Array;
}

/** Counted ids are at most 2^31: their first 24 hexadecimal digits are zeros. */
const PREFIX = `U${'0'.repeat(24)}`;
const LOW_8 = /^[0-9a-f]{8}$/;

/** The n-th counted friend's user id: `U` and n in 32 hexadecimal digits, in LINE's format. */
export const countedUserId = (n: number) => `U${n.toString(16).padStart(32, '0')}`;

export class CountedFriends {
  readonly friends: number;
  #byUnit = new Map<string, Uint8Array>();

  constructor(options: CountOnlyOptions) {
    if (!Number.isInteger(options.friends) || options.friends < 1 || options.friends > 2 ** 31) {
      throw new Error('countOnly.friends must be a whole number from 1');
    }
    this.friends = options.friends;
  }

  /** The index of a counted friend's user id, else 0. */
  indexOf(userId: string): number {
    const low = userId.slice(PREFIX.length);
    if (userId.length !== 33 || !userId.startsWith(PREFIX) || !LOW_8.test(low)) return 0;
    const n = Number.parseInt(low, 16);
    return n >= 1 && n <= this.friends ? n : 0;
  }

  has(userId: string): boolean {
    return this.indexOf(userId) > 0;
  }

  /** One delivery to each of `userIds` (all counted friends) under `unit`. */
  deliver(userIds: string[], unit: string): void {
    let counts = this.#byUnit.get(unit);
    if (!counts) {
      counts = new Uint8Array(this.friends + 1);
      this.#byUnit.set(unit, counts);
    }
    for (const userId of userIds) {
      const n = this.indexOf(userId);
      if (counts[n]! < 255) counts[n]!++;
    }
  }

  /** What `unit` delivered (a copy of its counts). */
  delivered(unit: string): CountedDeliveries {
    const counts = this.#byUnit.get(unit) ?? new Uint8Array(this.friends + 1);
    let users = 0;
    let repeated = 0;
    let deliveries = 0;
    for (const n of counts) {
      if (n === 0) continue;
      users++;
      deliveries += n;
      if (n > 1) repeated++;
    }
    return { users, repeated, deliveries, counts: counts.slice() };
  }
}
