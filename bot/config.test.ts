import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.ts';

const secret = 'a'.repeat(32);
const realLine = {
  LINE_CHANNEL_SECRET: secret,
  LINE_CHANNEL_ACCESS_TOKEN: 'token',
  LINE_LOGIN_CHANNEL_ID: '1657000000',
  LIFF_ID: '1657000000-AbCdEfGh',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('starts in demo mode with defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: './data/demo.db',
      dataDir: './data',
      workLeaseMs: 120_000,
      logLevel: 'info',
      trustProxy: 0,
      brand: { name: '好日子咖啡', logoUrl: null },
      publicUrl: null,
      line: null,
    });
  });

  it('takes the https origin LINE fetches chat images from, and refuses http or a path', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://members.example.com' }).publicUrl).toBe(
      'https://members.example.com',
    );
    const refusal =
      'PUBLIC_URL must be the https origin shoppers and LINE reach this server at, such as https://members.example.com (no path): LINE fetches the images staff send in the chat from it';
    for (const bad of ['http://members.example.com', 'https://members.example.com/', 'members.example.com']) {
      expect([bad, problemsOf({ PUBLIC_URL: bad })]).toEqual([bad, [refusal]]);
    }
  });

  it('names the brand as configured, 「會員中心」 for a real channel that names none, and refuses a bad one', () => {
    expect(loadConfig(realLine).brand).toEqual({ name: '會員中心', logoUrl: null });
    expect(
      loadConfig({ ...realLine, BRAND_NAME: '山海豆花', BRAND_LOGO_URL: 'https://cdn.example.com/logo.png' })
        .brand,
    ).toEqual({ name: '山海豆花', logoUrl: 'https://cdn.example.com/logo.png' });
    expect(problemsOf({ BRAND_NAME: '   ', BRAND_LOGO_URL: 'http://cdn.example.com/logo.png' })).toEqual([
      "BRAND_NAME must be the shop's name as shoppers know it, 1 to 20 characters (LINE's limit for an account's name)",
      'BRAND_LOGO_URL must be an https URL of an image, such as https://cdn.example.com/logo.png',
    ]);
    expect(problemsOf({ BRAND_NAME: '好'.repeat(21) })).toHaveLength(1);
  });

  it('reads a LINE channel and points at LINE by default', () => {
    const config = loadConfig({ ...realLine, PORT: '8080', TRUST_PROXY: '1' });
    expect(config.port).toBe(8080);
    expect(config.trustProxy).toBe(1);
    expect(config.databaseUrl).toBe('./data/membership.db');
    expect(config.line).toEqual({
      channelSecret: secret,
      channelAccessToken: 'token',
      apiBaseUrl: 'https://api.line.me',
      dataApiBaseUrl: 'https://api-data.line.me',
      liff: {
        liffId: '1657000000-AbCdEfGh',
        loginChannelId: '1657000000',
        jwksUrl: 'https://api.line.me/oauth2/v2.1/certs',
      },
    });
  });

  it("takes the clerk page's LIFF app with a LINE channel, and refuses it in demo mode or malformed", () => {
    expect(loadConfig({ ...realLine, CLERK_LIFF_ID: '1657000000-IjKlMnOp' }).line?.liff.clerkLiffId).toBe(
      '1657000000-IjKlMnOp',
    );
    expect(loadConfig(realLine).line?.liff.clerkLiffId).toBeUndefined();
    expect(problemsOf({ CLERK_LIFF_ID: '1657000000-IjKlMnOp' })).toEqual([
      'CLERK_LIFF_ID needs a LINE channel: set LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN, LINE_LOGIN_CHANNEL_ID, LIFF_ID too, or leave it empty for demo mode',
    ]);
    expect(problemsOf({ ...realLine, CLERK_LIFF_ID: 'clerk' })).toEqual([
      "CLERK_LIFF_ID must be the clerk page's LIFF app ID, such as 1657000000-IjKlMnOp",
    ]);
  });

  it('names every bad variable in one error', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      TRUST_PROXY: 'yes',
      LINE_CHANNEL_SECRET: 'not-a-secret',
      LINE_API_BASE_URL: 'https://api.line.me/v2',
    });
    expect(problems.map((p) => p.split(' ')[0])).toEqual([
      'PORT',
      'LOG_LEVEL',
      'TRUST_PROXY',
      'LINE_CHANNEL_SECRET',
      'LINE_API_BASE_URL',
      'LINE_CHANNEL_ACCESS_TOKEN',
      'LINE_LOGIN_CHANNEL_ID',
      'LIFF_ID',
    ]);
    expect(problems.join('\n')).toContain('LINE_API_BASE_URL must be an origin');
  });

  it('refuses part of a LINE setup, naming what is missing', () => {
    expect(problemsOf({ LINE_CHANNEL_ACCESS_TOKEN: 'token', LIFF_ID: '1657000000-AbCdEfGh' })).toEqual([
      'LINE_CHANNEL_SECRET is missing: set all of LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN, LINE_LOGIN_CHANNEL_ID, LIFF_ID, or none for demo mode',
      'LINE_LOGIN_CHANNEL_ID is missing: set all of LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN, LINE_LOGIN_CHANNEL_ID, LIFF_ID, or none for demo mode',
    ]);
  });

  it('exits the server non-zero with the message when the configuration is bad', async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, ['bot/server.ts'], {
      env: { PATH: process.env.PATH, PORT: '99999', LINE_CHANNEL_SECRET: secret },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT must be a port number');
    expect(result.stderr).toContain('LINE_CHANNEL_ACCESS_TOKEN is missing');
  });

  it("is documented: README.md's table and .env.example name every variable it reads", () => {
    const root = join(import.meta.dirname, '..');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    expect(CONFIG_VARIABLES.filter((name) => !readme.includes(`| \`${name}\``))).toEqual([]);
    expect(CONFIG_VARIABLES.filter((name) => !new RegExp(`^${name}=`, 'm').test(example))).toEqual([]);
  });
});
