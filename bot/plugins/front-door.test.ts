import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoClaim, demoStaff } from '../demo-seed.ts';
import { type Product, startProduct } from '../testing/harness.ts';
import { addStaff, signedIn } from '../testing/staff.ts';

let product: Product | undefined;
afterEach(async () => {
  await product?.close();
  product = undefined;
});

const demoHome = { phoneUrl: 'http://127.0.0.1:3001/_stand-in/phone/', claim: demoClaim, staff: demoStaff };
const brand = { name: '好日子<咖啡>', logoUrl: 'https://cdn.example.com/logo.png' };
const urlOf = (p: Product) => {
  const { port } = p.app.server.address() as { port: number };
  return `http://127.0.0.1:${port}`;
};

describe('the demo home at /', () => {
  it('links the phone, the member app, the counter and the console, names the brand, and runs no script', async () => {
    product = await startProduct({ app: { demo: true, demoHome, brand } });
    const response = await fetch(`${urlOf(product)}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = await response.text();
    for (const href of [demoHome.phoneUrl, '/liff/member/', '/liff/clerk/', '/liff/staff/']) {
      expect(page).toContain(`<a href="${href}">`);
    }
    expect(page).toContain('好日子&lt;咖啡&gt;');
    expect(page).not.toContain('<咖啡>');
    expect(page).toContain(demoClaim.phone);
    for (const s of demoStaff) expect(page).toContain(`<code>${s.password}</code>`);
    expect(page).not.toMatch(/<script|\son\w+=/);
  });

  it('is a JSON 404 outside demo mode', async () => {
    product = await startProduct();
    const response = await fetch(`${urlOf(product)}/`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});

it('serves the favicon as an SVG at /favicon.ico and /favicon.svg, with the security headers', async () => {
  product = await startProduct();
  for (const path of ['/favicon.ico', '/favicon.svg']) {
    const response = await fetch(`${urlOf(product)}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*#06C755/);
  }
});

describe('the brand (BRAND_NAME, BRAND_LOGO_URL)', () => {
  it("is in the staff session's answer, and the logo's origin is an image source the pages may load", async () => {
    product = await startProduct({ app: { brand } });
    await addStaff(product.engine, 'boss', 'admin');
    const admin = await signedIn(product.app, 'boss');
    expect(admin.response.json().brand).toEqual(brand);
    const session = await admin.get('/api/staff/session');
    expect(session.json().brand).toEqual(brand);
    expect(session.headers['content-security-policy']).toMatch(/img-src [^;]*https:\/\/cdn\.example\.com/);
  });

  it('defaults to 「會員中心」 without a logo, and images from https hosts only (coupon images)', async () => {
    product = await startProduct();
    await addStaff(product.engine, 'boss', 'admin');
    const admin = await signedIn(product.app, 'boss');
    expect(admin.response.json().brand).toEqual({ name: '會員中心', logoUrl: null });
    expect(admin.response.headers['content-security-policy']).toContain("img-src 'self' data: https:;");
  });

  it('heads the Flex messages the chat answers with', async () => {
    product = await startProduct({ app: { brand } });
    const shopper = product.line.shoppers.create();
    await product.line.shoppers.follow(shopper.userId);
    await product.line.shoppers.postback(shopper.userId, 'action=show-card');
    await product.app.events.idle();
    const flex = product.line.inspect
      .messagesTo(shopper.userId)
      .map((m) => m.message)
      .find((m) => m.type === 'flex') as { contents: { header: { contents: { text: string }[] } } };
    expect(flex.contents.header.contents[0]!.text).toBe(brand.name);
  });

  it('is filled into the terms and the privacy policy as they are served, escaped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liff-pages-'));
    mkdirSync(join(dir, 'member'));
    for (const page of ['terms.html', 'privacy.html']) {
      const source = readFileSync(join(import.meta.dirname, '../../liff-app/member', page), 'utf8');
      expect(source.match(/<span data-brand>[^<]*<\/span>/g)).toHaveLength(2);
      writeFileSync(join(dir, 'member', page), source);
    }
    try {
      product = await startProduct({ app: { brand, liffPagesDir: dir } });
      for (const page of ['terms.html', 'privacy.html']) {
        const response = await fetch(`${urlOf(product)}/liff/member/${page}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
        const html = await response.text();
        expect(html.match(/<span data-brand>好日子&lt;咖啡&gt;<\/span>/g)).toHaveLength(2);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
