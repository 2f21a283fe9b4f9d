import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, claimCodes } from '../../../db/schema.ts';
import { currentConsent } from '../../domain/consent.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore, importMember, joinForm } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;
let storeId: number;

beforeEach(async () => {
  product = await startProduct();
  storeId = (await addStore(product.engine)).id;
  await addStaff(product.engine, 'amy', 'clerk', [storeId]);
  await addStaff(product.engine, 'max', 'marketer');
});
afterEach(() => product.close());

/** A shopper in LINE with a verified ID token, calling the member API. */
async function shopperApi() {
  const { userId } = product.line.shoppers.create({ displayName: '陳美玲', language: 'zh-TW' });
  const token = await product.line.shoppers.idToken(userId);
  return (url: string, payload: object) =>
    product.app.inject({
      method: 'POST',
      url: `/api/liff${url}`,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
}

describe('claim codes at the counter', () => {
  it('hands the member at the counter a code that claims the membership in LINE once, audited', async () => {
    const imported = await importMember(product.engine, '0933111222', '1965-03-08', '陳美玲');
    const amy = await signedIn(product.app, 'amy');
    const issued = await amy.send('POST', '/api/staff/claim-codes', { memberNumber: imported.memberNumber });
    expect(issued.statusCode).toBe(200);
    const { code, expiresAt, maskedName } = issued.json();
    expect(code).toMatch(/^\d{8}$/);
    expect(maskedName).toBe('陳○玲');
    expect(new Date(expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(30 * 60_000);

    const stored = await product.engine.read((tx) => tx.select().from(claimCodes));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(code);
    const [entry] = await product.engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'claim_code.issue')),
    );
    expect(entry).toMatchObject({ subjectType: 'member', subjectId: String(imported.id), storeId });
    expect(JSON.stringify(entry)).not.toContain(code);

    const claim = { phone: '0933111222', acceptTerms: true, marketingOptIn: false, claimCode: code };
    const versions = {
      termsVersion: currentConsent.termsVersion,
      privacyVersion: currentConsent.privacyVersion,
    };
    const post = await shopperApi();
    const claimed = await post('/members/claim', { ...claim, ...versions });
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json()).toMatchObject({ name: '陳美玲', memberNumber: imported.memberNumber });
    const again = await (await shopperApi())('/members/claim', { ...claim, ...versions });
    expect(again.json()).toMatchObject({ code: 'CLAIM_MISMATCH' });
  });

  it('refuses a membership already in LINE, an unknown one, staff who may not and an unknown field', async () => {
    const { userId } = product.line.shoppers.create({ displayName: '王小明', language: 'zh-TW' });
    const token = await product.line.shoppers.idToken(userId);
    await product.app.inject({
      method: 'POST',
      url: '/api/liff/members',
      headers: { authorization: `Bearer ${token}` },
      payload: joinForm(storeId),
    });
    const amy = await signedIn(product.app, 'amy');
    const inLine = await amy.send('POST', '/api/staff/claim-codes', { phone: '0912345678' });
    expect([inLine.statusCode, inLine.json().code]).toEqual([409, 'MEMBER_HAS_LINE']);
    const unknown = await amy.send('POST', '/api/staff/claim-codes', { phone: '0911000000' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'MEMBER_NOT_FOUND']);
    const extra = await amy.send('POST', '/api/staff/claim-codes', { phone: '0911000000', memberId: 1 });
    expect(extra.statusCode).toBe(400);

    const max = await signedIn(product.app, 'max');
    expect((await max.send('POST', '/api/staff/claim-codes', { phone: '0911000000' })).statusCode).toBe(403);
    const anonymous = await product.app.inject({
      method: 'POST',
      url: '/api/staff/claim-codes',
      payload: { phone: '0911000000' },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
