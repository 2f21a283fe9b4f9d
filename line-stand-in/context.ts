import type { MessagingApiContract } from './conformance.ts';
import type { CountedFriends } from './counted-friends.ts';
import type { FaultInjector } from './faults.ts';
import type { RateLimiter } from './limits.ts';
import type { LoginKeys } from './login.ts';
import type { StandInState } from './state.ts';
import type { Limits } from './types.ts';
import type { WebhookSender } from './webhook-sender.ts';

/** The channel the stand-in plays: the credentials the product was configured with. */
export interface Channel {
  channelSecret: string;
  channelAccessToken: string;
  loginChannelId: string;
  botUserId: string;
  /** The official account's display name (GET /v2/bot/info), the title of the phone's chat. */
  botName: string;
}

/** What every part of one running stand-in shares. Built once in index.ts. */
export interface StandInContext {
  channel: Channel;
  state: StandInState;
  limits: Limits;
  now: () => number;
  rates: RateLimiter;
  faults: FaultInjector;
  contract: MessagingApiContract;
  login: LoginKeys;
  webhook: WebhookSender;
  /** The product's LIFF app, opened by the phone page as the shopper (demo mode). */
  liffUrl: string | null;
  /** Where the phone page's build is (dist/phone unless told). */
  phonePageDir?: string;
  /** Count-only mode's friends (counted-friends.ts), when on. */
  counted?: CountedFriends;
}
