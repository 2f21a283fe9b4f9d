import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addCampaign, addMembers, setSendingRules, startFrozen } from '../../domain/campaigns/fixture.ts';
import { refreshSegmentFacts } from '../../domain/segments/facts.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;
let campaignId: number;

beforeEach(async () => {
  // The sender looks for work only when woken: nothing is sent before the test resumes the campaign.
  product = await startProduct({ app: { work: { pollMs: 600_000 } } });
  const store = (await addStore(product.engine)).id;
  await addStaff(product.engine, 'max', 'marketer');
  await addStaff(product.engine, 'amy', 'clerk', [store]);
  await setSendingRules(product.engine);
  await addMembers(product.engine, [{}, {}, { language: 'en' }], new Date());
  await refreshSegmentFacts(product.engine, new Date());
  campaignId = await addCampaign(product.engine);
  await startFrozen(product.engine, campaignId, new Date());
});
afterEach(() => product.close());

describe('a campaign’s sending in the console', () => {
  it('is for marketers to pause, resume and cancel, and for clerks not even to read', async () => {
    const url = `/api/staff/campaigns/${campaignId}`;
    expect((await product.app.inject({ method: 'GET', url: `${url}/progress` })).statusCode).toBe(401);
    const amy = await signedIn(product.app, 'amy');
    expect((await amy.get(`${url}/progress`)).statusCode).toBe(403);
    expect((await amy.send('POST', `${url}/pause`)).statusCode).toBe(403);
    const max = await signedIn(product.app, 'max');
    expect((await max.send('POST', '/api/staff/campaigns/999/pause')).json()).toMatchObject({
      code: 'CAMPAIGN_NOT_FOUND',
    });
    const paused = await max.send('POST', `${url}/pause`);
    expect(paused.json()).toMatchObject({ status: 'paused', recipients: 3, remaining: 3, sent: 0 });
    const again = await max.send('POST', `${url}/pause`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CAMPAIGN_STATE' });
    expect((await max.send('POST', `${url}/resume`)).json()).toMatchObject({ status: 'sending' });
    await vi.waitFor(
      async () => expect((await max.get(`${url}/progress`)).json()).toMatchObject({ status: 'sent' }),
      {
        timeout: 30_000,
        interval: 50,
      },
    );
    expect((await max.get(`${url}/progress`)).json()).toMatchObject({
      ...{ recipients: 3, heldOut: 0, skipped: 0, sent: 3, failed: 0, remaining: 0, secondsLeft: 0 },
    });
    expect((await max.send('POST', `${url}/cancel`)).statusCode).toBe(409);
  });

  it('streams the progress as server-sent events until the campaign is sent or cancelled', async () => {
    const max = await signedIn(product.app, 'max');
    await max.send('POST', `/api/staff/campaigns/${campaignId}/cancel`);
    const events = await max.get(`/api/staff/campaigns/${campaignId}/events`);
    expect(events.statusCode).toBe(200);
    expect(events.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(events.headers['cache-control']).toBe('no-cache');
    const [data] = events.body.split('\n').filter((line) => line.startsWith('data: '));
    expect(events.body).toContain('event: progress\n');
    expect(JSON.parse(data!.slice(6))).toMatchObject({ status: 'cancelled', recipients: 3, remaining: 0 });
  });
});
