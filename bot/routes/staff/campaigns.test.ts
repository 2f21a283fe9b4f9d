import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, campaigns } from '../../../db/schema.ts';
import { commandLine } from '../../domain/actor.ts';
import { createTemplate } from '../../domain/coupon-templates.ts';
import { recordFollow } from '../../domain/friends.ts';
import { joinMembership } from '../../domain/members.ts';
import { refreshSegmentFacts } from '../../domain/segments/facts.ts';
import { previewCampaign } from '../../line/campaign-preview.ts';
import { couponFields } from '../../testing/coupon-issuing.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore, joinForm } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;
let tpe: number;

beforeEach(async () => {
  product = await startProduct();
  tpe = (await addStore(product.engine)).id;
  await addStaff(product.engine, 'max', 'marketer');
  await addStaff(product.engine, 'ada', 'admin');
  await addStaff(product.engine, 'mia', 'store_manager', [tpe]);
  await addStaff(product.engine, 'amy', 'clerk', [tpe]);
});
afterEach(() => product.close());

const textMessage = { kind: 'text', zh: { text: '週末全面九折！' }, en: { text: '10% off this weekend!' } };
const everyone = { field: 'lineFriend' };
const draft = (overrides: object = {}) => ({
  name: '週末九折',
  rules: everyone,
  message: textMessage,
  ...overrides,
});

/** `n` LINE friends who joined and opted in to marketing, counted in the segment facts. */
async function friends(n: number) {
  const now = new Date();
  for (let i = 0; i < n; i++) {
    const userId = `U${String(i).padStart(32, 'f')}`;
    await recordFollow(product.engine, userId, null, now);
    await joinMembership(
      product.engine,
      userId,
      joinForm(tpe, { phone: `09${String(10_000_000 + i)}`, marketingOptIn: true }),
      now,
    );
  }
  await refreshSegmentFacts(product.engine, now);
}

describe('campaigns in the console', () => {
  it('gates every route by role before the body is read', async () => {
    expect((await product.app.inject({ method: 'GET', url: '/api/staff/campaigns' })).statusCode).toBe(401);
    const amy = await signedIn(product.app, 'amy', { storeId: tpe });
    expect((await amy.get('/api/staff/campaigns')).statusCode).toBe(403);
    expect((await amy.get('/api/staff/marketing-settings')).statusCode).toBe(403);
    const mia = await signedIn(product.app, 'mia', { storeId: tpe });
    expect((await mia.get('/api/staff/campaigns')).statusCode).toBe(200);
    expect((await mia.send('POST', '/api/staff/campaigns', {})).statusCode).toBe(403);
    expect((await mia.send('PATCH', '/api/staff/campaigns/1', {})).statusCode).toBe(403);
    expect((await mia.send('POST', '/api/staff/campaigns/1/start', {})).statusCode).toBe(403);
    const max = await signedIn(product.app, 'max');
    expect((await max.get('/api/staff/marketing-settings')).statusCode).toBe(200);
    expect((await max.send('PATCH', '/api/staff/marketing-settings', {})).statusCode).toBe(403);
  });

  it('saves a draft with its aggregation unit, the brand holdout and a segment copied, audited', async () => {
    const max = await signedIn(product.app, 'max');
    const created = await max.send('POST', '/api/staff/campaigns', draft());
    expect(created.statusCode).toBe(201);
    const campaign = created.json();
    expect(campaign).toMatchObject({ status: 'draft', holdoutPercent: 5, rules: everyone, segmentId: null });
    expect(campaign.aggregationUnit).toMatch(/^c\d+_\d{6}$/);
    const segment = await max.send('POST', '/api/staff/segments', { name: '朋友', rules: everyone });
    const changed = await max.send('PATCH', `/api/staff/campaigns/${campaign.id}`, {
      segmentId: segment.json().id,
      holdoutPercent: 10,
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      segmentId: segment.json().id,
      rules: everyone,
      holdoutPercent: 10,
    });
    const actions = await product.engine.read((tx) =>
      tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectType, 'campaign')),
    );
    expect(actions.map((a) => a.action)).toEqual(['campaign.create', 'campaign.update']);
    expect((await max.get(`/api/staff/campaigns/${campaign.id}`)).json().holdoutPercent).toBe(10);
    expect((await max.get('/api/staff/campaigns/999')).json().code).toBe('CAMPAIGN_NOT_FOUND');
  });

  it('refuses each wrong field by name and changes nothing', async () => {
    const max = await signedIn(product.app, 'max');
    const bad = await max.send(
      'POST',
      '/api/staff/campaigns',
      draft({
        name: ' ',
        holdoutPercent: 60,
        scheduledAt: new Date(Date.now() - 60_000).toISOString(),
        message: {
          kind: 'announcement',
          imageUrl: 'http://example.com/a.png',
          buttonUrl: null,
          zh: { title: '標'.repeat(41), text: '內容', buttonLabel: '看看' },
          en: { title: 'Title', text: '', buttonLabel: null, extra: 1 },
        },
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({
      name: 'NAME_INVALID',
      holdoutPercent: 'HOLDOUT_INVALID',
      scheduledAt: 'SCHEDULE_IN_PAST',
      'message.imageUrl': 'URL_INVALID',
      'message.buttonUrl': 'BUTTON_INCOMPLETE',
      'message.zh.title': 'TOO_LONG',
      'message.en.text': 'REQUIRED',
      'message.en.extra': 'UNKNOWN_FIELD',
    });
    const tooLong = await max.send(
      'POST',
      '/api/staff/campaigns',
      draft({ message: { kind: 'text', zh: { text: '字'.repeat(5001) }, en: { text: 'ok' } } }),
    );
    expect(tooLong.json().fields).toEqual({ 'message.zh.text': 'TOO_LONG' });
    const noRules = await max.send('POST', '/api/staff/campaigns', { name: 'x', message: textMessage });
    expect(noRules.json().fields).toEqual({ rules: 'REQUIRED' });
    const badRule = await max.send('POST', '/api/staff/campaigns', draft({ rules: { field: 'nope' } }));
    expect(badRule.statusCode).toBe(400);
    const unknown = await max.send('POST', '/api/staff/campaigns', draft({ colour: 'red' }));
    expect(unknown.statusCode).toBe(400);
    const noSegment = await max.send(
      'POST',
      '/api/staff/campaigns',
      draft({ rules: undefined, segmentId: 99 }),
    );
    expect(noSegment.json().fields).toEqual({ segmentId: 'SEGMENT_NOT_FOUND' });
    expect(await product.engine.read((tx) => tx.select().from(campaigns))).toEqual([]);
  });

  it('takes a coupon only from a template that exists, is claimable and is active', async () => {
    const max = await signedIn(product.app, 'max');
    const claimable = await createTemplate(product.engine, couponFields(), commandLine, new Date());
    const counterOnly = await createTemplate(
      product.engine,
      couponFields({ claimable: false }),
      commandLine,
      new Date(),
    );
    const coupon = (templateId: number) => ({
      kind: 'coupon',
      templateId,
      zh: { intro: '' },
      en: { intro: '' },
    });
    const refusal = async (templateId: number) =>
      (await max.send('POST', '/api/staff/campaigns', draft({ message: coupon(templateId) }))).json().fields;
    expect(await refusal(999)).toEqual({ 'message.templateId': 'COUPON_TEMPLATE_NOT_FOUND' });
    expect(await refusal(counterOnly.id)).toEqual({ 'message.templateId': 'COUPON_NOT_CLAIMABLE' });
    const ok = await max.send('POST', '/api/staff/campaigns', draft({ message: coupon(claimable.id) }));
    expect(ok.statusCode).toBe(201);
  });

  it('previews both languages as LINE accepts them', async () => {
    const max = await signedIn(product.app, 'max');
    const template = await createTemplate(product.engine, couponFields(), commandLine, new Date());
    const message = {
      kind: 'coupon',
      templateId: template.id,
      zh: { intro: '送您一張！' },
      en: { intro: '' },
    };
    const { id } = (await max.send('POST', '/api/staff/campaigns', draft({ message }))).json();
    const preview = await max.send('POST', `/api/staff/campaigns/${id}/preview`);
    expect(preview.statusCode).toBe(200);
    const { messages } = preview.json();
    expect(messages['zh-TW'].map((m: { type: string }) => m.type)).toEqual(['text', 'flex']);
    expect(messages['zh-TW'][0].text).toBe('送您一張！');
    expect(messages.en.map((m: { type: string }) => m.type)).toEqual(['flex']);
    expect(JSON.stringify(messages.en)).toContain(`claim=${template.id}`);
    const announcement = {
      kind: 'announcement',
      imageUrl: 'https://example.com/sale.png',
      buttonUrl: 'https://example.com/sale',
      zh: { title: '週末特賣', text: '全館九折', buttonLabel: '看看' },
      en: { title: 'Weekend sale', text: '10% off', buttonLabel: 'See' },
    };
    const second = (await max.send('POST', '/api/staff/campaigns', draft({ message: announcement }))).json();
    const shown = (await max.send('POST', `/api/staff/campaigns/${second.id}/preview`)).json();
    expect(shown.messages.en[0].contents.hero.url).toBe('https://example.com/sale.png');
    expect(product.line.inspect.messages()).toEqual([]);
  });

  it('refuses a message LINE refuses, with LINE’s words by language and property', async () => {
    const max = await signedIn(product.app, 'max');
    const { id } = (await max.send('POST', '/api/staff/campaigns', draft())).json();
    // Written past the composer's checks, as an older version might have saved it: LINE refuses 5,001 letters.
    await product.engine.write((tx) =>
      tx
        .update(campaigns)
        .set({ message: { kind: 'text', zh: { text: 'ok' }, en: { text: 'x'.repeat(5001) } } })
        .where(eq(campaigns.id, id)),
    );
    const refused = await max.send('POST', `/api/staff/campaigns/${id}/preview`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'MESSAGE_REFUSED_BY_LINE', language: 'en' });
    expect(refused.json().details[0].property).toMatch(/^messages\[0\]/);
    // And one LINE's OpenAPI schema refuses: a text message without its text, checked for the zh-TW variant first.
    await product.engine.write((tx) =>
      tx
        .update(campaigns)
        .set({ message: { kind: 'text', zh: {}, en: { text: 'ok' } } as never })
        .where(eq(campaigns.id, id)),
    );
    const missing = await max.send('POST', `/api/staff/campaigns/${id}/preview`);
    expect(missing.json()).toMatchObject({
      code: 'MESSAGE_REFUSED_BY_LINE',
      language: 'zh-TW',
      details: [{ message: 'must be specified', property: 'messages[0].text' }],
    });
    await expect(
      previewCampaign(
        product.engine,
        product.app.line,
        id,
        'x',
        { ...commandLine, may: undefined },
        new Date(),
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('will not change a campaign once started', async () => {
    await friends(1);
    const max = await signedIn(product.app, 'max');
    const { id } = (await max.send('POST', '/api/staff/campaigns', draft({ holdoutPercent: 0 }))).json();
    const started = await max.send('POST', `/api/staff/campaigns/${id}/start`, {});
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().status).not.toBe('draft');
    const again = await max.send('PATCH', `/api/staff/campaigns/${id}`, { name: '改名' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CAMPAIGN_NOT_DRAFT');
  });
});
