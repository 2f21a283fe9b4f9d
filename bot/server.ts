import { openEngine } from '../db/engine.ts';
import { buildApp, redactedPaths } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { startDailyJobs } from './daily-jobs.ts';
import { createLineClients } from './line/clients.ts';

/**
 * The server entry: reads the configuration, opens the database, listens, and shuts down gracefully.
 * Without LINE credentials it starts in demo mode, wired to the local LINE stand-in.
 */
export async function startServer(env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(env);
  const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const demo = config.line
    ? null
    : await import('./demo.ts').then((m) =>
        m.startDemoLine({
          dataDir: config.dataDir,
          serverUrl: `http://${shownHost}:${config.port}`,
          port: config.port,
          brandName: config.brand.name,
        }),
      );
  const channel = config.line ?? demo!.channel;
  const engine = await openEngine({ url: config.databaseUrl });
  const app = await buildApp({
    engine,
    line: createLineClients(channel),
    channelSecret: channel.channelSecret,
    liff: channel.liff,
    demo: demo !== null,
    // The demo's phone page (the LINE stand-in's origin) shows the LIFF app in a frame, as LINE would.
    framedBy: demo ? [new URL(demo.standIn.urls.api).origin] : [],
    logger: { level: config.logLevel, redact: redactedPaths },
    trustProxy: config.trustProxy,
    brand: config.brand,
    publicUrl: config.publicUrl,
    ...(demo && { demoHome: demo.home }),
    // A dead instance's claims are looked for at least twice within their lease.
    work: { leaseMs: config.workLeaseMs, pollMs: Math.min(5_000, config.workLeaseMs / 2) },
  });
  await app.listen({ port: config.port, host: config.host });
  const { port } = app.server.address() as { port: number };
  const url = `http://${shownHost}:${port}`;
  await demo?.connect(app, url);
  const dailyJobs = startDailyJobs({ engine, clock: app.clock, log: app.log, worker: app.worker });
  // One write after the start-up logs, so no JSON log line lands inside it.
  process.stdout.write(startUpBanner(url, config.brand.name, demo?.bannerLines(url) ?? []));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await dailyJobs.stop();
    await app.close(); // stops accepting, lets requests in flight finish, finishes the event in hand
    await demo?.close();
    await engine.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return app;
}

/** Every page of the product, then what the demo adds: printed once the server listens. */
export function startUpBanner(url: string, brandName: string, demoLines: string[]): string {
  return [
    '',
    `Membership server listening on ${url}  (${brandName})`,
    `  Member mini-app (LIFF):         ${url}/liff/member/  (opened in LINE, from the phone in the demo)`,
    `  Clerk page (the counter):       ${url}/liff/clerk/  (the store manager voids and refunds here)`,
    `  Staff console:                  ${url}/liff/staff/`,
    ...demoLines,
    '',
    '',
  ].join('\n');
}

if (import.meta.main) {
  startServer().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}
