import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Engine } from '../db/engine.ts';
import { type Brand, DEFAULT_BRAND, type LiffSettings } from './config.ts';
import type { ImageLinks } from './domain/chat/image-answer.ts';
import { mediaSignatureFor } from './domain/chat/media-links.ts';
import { type Clock, systemClock } from './domain/clock.ts';
import { type CampaignSender, createCampaignSender } from './line/campaign-sender.ts';
import { createChatAnswerSender } from './line/chat-answers.ts';
import { type ChatMediaFetcher, createChatMediaFetcher } from './line/chat-media-fetcher.ts';
import type { LineClients } from './line/clients.ts';
import { createEventProcessor, type EventProcessor } from './line/event-processor.ts';
import { memberPostbackActions } from './line/member-actions.ts';
import { createMembershipEffects, type MembershipEffects } from './line/membership-effects.ts';
import { createNoticeSender, type NoticeSender } from './line/notice-sender.ts';
import { createPostbackActions, type PostbackAction } from './line/postback-actions.ts';
import { errorHandler, notFoundHandler } from './plugins/errors.ts';
import { type DemoHomeOptions, frontDoor } from './plugins/front-door.ts';
import { liffPages } from './plugins/liff-pages.ts';
import { securityHeaders } from './plugins/security-headers.ts';
import { staffSession } from './plugins/staff-session.ts';
import { strictValidatorCompiler } from './plugins/strict-input.ts';
import { chatMediaRoutes } from './routes/chat-media.ts';
import { clickRoutes } from './routes/clicks.ts';
import { healthRoutes } from './routes/health.ts';
import { liffApi } from './routes/liff/index.ts';
import { staffConsoleApi } from './routes/staff/index.ts';
import { webhookRoutes } from './routes/webhook.ts';
import { createMemberImportRunner, type MemberImportRunner } from './work/member-import-runner.ts';

export interface AppOptions {
  /** The database (db/engine.ts): SQLite or PostgreSQL. The app closes neither it nor the LINE clients. */
  engine: Engine;
  line: LineClients;
  /** The Messaging API channel secret that signs LINE's webhooks. */
  channelSecret: string;
  liff: LiffSettings;
  /** Demo mode: the LIFF app then uses LIFF's mock with the stand-in's ID tokens. */
  demo?: boolean;
  /** How soon LINE's ID-token key set may be fetched again for an unknown key; tests set 0. */
  jwksCooldownMs?: number;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Reverse proxies in front whose X-Forwarded-For is believed (Fastify's trustProxy); 0 by default. */
  trustProxy?: number;
  postbackActions?: Record<string, PostbackAction>;
  /** Waits before retrying an event that failed for a passing reason; tests shorten them. */
  retryDelaysMs?: number[];
  /** How background work (webhook events, member notices) is claimed; tests shorten the lease and the poll. */
  work?: { leaseMs?: number; pollMs?: number; concurrency?: number };
  /** This instance's name as it claims work; by default the host, the process and a random part. */
  worker?: string;
  /** Where the built LIFF pages are; tests that do not need them point elsewhere. */
  liffPagesDir?: string;
  /** Origins that may show the pages in a frame: the demo's phone page; none in production. */
  framedBy?: string[];
  /** Whose membership this is (BRAND_NAME, BRAND_LOGO_URL); 「會員中心」 and no logo by default. */
  brand?: Brand;
  /** The demo's home page at `/`, linking its pages; none outside demo mode, where `/` is 404. */
  demoHome?: DemoHomeOptions;
  /** PUBLIC_URL: the https origin LINE fetches the chat's images from; none: staff cannot send images. */
  publicUrl?: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    engine: Engine;
    /** This instance's name as it claims background work. */
    worker: string;
    clock: Clock;
    line: LineClients;
    events: EventProcessor;
    /** Pushes what members are to be told of their points (member_notices). */
    notices: NoticeSender;
    /** Sends started campaigns' batches (campaign_batches); wake it after a start or a resume. */
    campaignSender: CampaignSender;
    /** Fetches the images, videos, audio and files shoppers send in the chat (chat_media). */
    chatMedia: ChatMediaFetcher;
    /** Applies started member imports (member_imports); wake it after a start. */
    memberImports: MemberImportRunner;
    memberships: MembershipEffects;
    brand: Brand;
    /** The member mini-app's LIFF ID: the claim buttons of coupon messages open it. */
    liffId: string;
    /** Where LINE fetches the images staff send in the chat, and how their links are signed (ADR 37). */
    chatImages: ImageLinks;
  }
}

/** Secrets, tokens and personal data that must never reach the logs. */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-line-signature"]',
  '*.channelSecret',
  '*.channelAccessToken',
  '*.idToken',
  '*.password',
  '*.phone',
];

/** Builds the whole server from what it depends on, so tests hand it a fresh database and the LINE stand-in. */
export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? { level: 'info', redact: redactedPaths },
    genReqId: () => randomUUID(),
    // Believe X-Forwarded-For for as many hops as there are proxies in front (Fastify's numeric trustProxy).
    trustProxy: (_address: string, hop: number) => hop < (options.trustProxy ?? 0),
  });
  const clock = options.clock ?? systemClock;
  const postbacks = createPostbackActions({ ...memberPostbackActions, ...options.postbackActions });
  const { engine } = options;
  const brand = options.brand ?? DEFAULT_BRAND;
  const worker = options.worker ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const events = createEventProcessor(
    {
      engine,
      worker,
      line: options.line,
      clock,
      log: app.log,
      postbacks,
      liffId: options.liff.liffId,
      brandName: brand.name,
    },
    { retryDelaysMs: options.retryDelaysMs, ...options.work },
  );
  app.decorate('engine', engine);
  app.decorate('worker', worker);
  app.decorate('clock', clock);
  app.decorate('line', options.line);
  app.decorate('events', events);
  const notices = createNoticeSender(
    {
      engine,
      worker,
      line: options.line,
      clock,
      log: app.log,
      liffId: options.liff.liffId,
      brandName: brand.name,
    },
    options.work,
  );
  app.decorate('notices', notices);
  const campaignSender = createCampaignSender(
    { engine, worker, line: options.line, clock, log: app.log, liffId: options.liff.liffId },
    { ...options.work, ...(options.retryDelaysMs && { retryDelaysMs: options.retryDelaysMs }) },
  );
  app.decorate('campaignSender', campaignSender);
  const chatMedia = createChatMediaFetcher(
    { engine, worker, line: options.line, clock, log: app.log },
    { ...options.work, ...(options.retryDelaysMs && { retryDelaysMs: options.retryDelaysMs }) },
  );
  app.decorate('chatMedia', chatMedia);
  const memberImports = createMemberImportRunner({ engine, worker, clock, log: app.log }, options.work);
  app.decorate('memberImports', memberImports);
  // Staff answers an instance recorded and did not see through (it died) go again under their retry keys.
  const chatAnswers = createChatAnswerSender(
    { engine, line: options.line, clock, log: app.log },
    { leaseMs: options.work?.leaseMs, pollMs: options.work?.pollMs, retryDelaysMs: options.retryDelaysMs },
  );
  app.decorate('memberships', createMembershipEffects(engine, options.line, options.liff, clock, brand.name));
  app.decorate('brand', brand);
  app.decorate('liffId', options.liff.liffId);
  app.decorate('chatImages', {
    publicUrl: options.publicUrl ?? null,
    signature: mediaSignatureFor(options.channelSecret),
  });

  // No coercion, no unknown field dropped, every problem named (bot/plugins/strict-input.ts, ADR 0019).
  app.setValidatorCompiler(strictValidatorCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  // Before every route, so pages, API answers and errors all carry them (docs/decisions/0020-security-headers.md).
  await app.register(securityHeaders, {
    framedBy: options.framedBy,
    plainHttp: options.demo ?? false,
    clerkLiffId: options.liff.clerkLiffId,
    images: brand.logoUrl ? [new URL(brand.logoUrl).origin] : [],
  });
  // Session cookies are Secure but in demo mode, which serves plain http on localhost (ADR 0011).
  await app.register(staffSession, { secure: !(options.demo ?? false) });
  await app.register(healthRoutes);
  await app.register(clickRoutes);
  await app.register(chatMediaRoutes);
  await app.register(liffPages, {
    dir: options.liffPagesDir,
    clerkLiffId: options.liff.clerkLiffId,
    brandName: brand.name,
  });
  await app.register(frontDoor, { brand, demoHome: options.demoHome });
  await app.register(liffApi, {
    prefix: '/api/liff',
    liff: options.liff,
    demo: options.demo ?? false,
    jwksCooldownMs: options.jwksCooldownMs,
  });
  await app.register(staffConsoleApi, { prefix: '/api/staff' });
  // Any instance's processor may take the events up (engine topics: NOTIFY on PostgreSQL).
  await app.register(webhookRoutes, {
    channelSecret: options.channelSecret,
    onRecorded: () => engine.signal('webhook_events'),
  });

  // Events recorded before a crash or a shutdown are processed once the server is up again.
  app.addHook('onReady', async () => {
    events.wake();
    notices.wake();
    campaignSender.wake();
    chatAnswers.wake();
    chatMedia.wake();
    memberImports.wake();
  });
  app.addHook('onClose', async () => {
    await events.stop();
    await notices.stop();
    await campaignSender.stop();
    await chatAnswers.stop();
    await chatMedia.stop();
    await memberImports.stop();
  });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
