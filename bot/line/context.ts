import type { FastifyBaseLogger } from 'fastify';
import type { Engine } from '../../db/engine.ts';
import type { Clock } from '../domain/clock.ts';
import type { LineClients } from './clients.ts';
import type { PostbackActions } from './postback-actions.ts';

/**
 * What every webhook event handler gets: the database, LINE, the clock, a logger bound to the event, the postback
 * actions and the LIFF app to link to. A handler reads, calls LINE, then writes: never LINE inside a transaction.
 */
export interface EventContext {
  engine: Engine;
  /** This instance, as it claims work (webhook events, member notices) with a lease. */
  worker: string;
  line: LineClients;
  clock: Clock;
  log: FastifyBaseLogger;
  postbacks: PostbackActions;
  /** The member mini-app, which answers in the chat link to (`https://liff.line.me/{liffId}`). */
  liffId: string;
  /** Whose account this is: its name heads the chat's Flex messages. */
  brandName: string;
}
