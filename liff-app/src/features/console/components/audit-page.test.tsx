import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { staffApi } from '../../../lib/staff-api.ts';
import { withProduct } from '../../../testing/render.tsx';
import { staffAuditEn } from '../../../translations/staff-audit-en.ts';
import { auditActionMessages, auditActions, auditFieldMessages, auditValueMessages } from './audit-words.ts';

const product = withProduct();

/** Every `action: '…'` the server's domain writes to the audit log. */
function actionsTheServerWrites() {
  const domain = join(import.meta.dirname, '../../../../../bot/domain');
  const found = new Set<string>();
  // Its folders too (bot/domain/segments/).
  const files = readdirSync(domain, { recursive: true, encoding: 'utf8' });
  for (const file of files.filter((name) => name.endsWith('.ts') && !name.includes('.test.'))) {
    const source = readFileSync(join(domain, file), 'utf8');
    for (const [, action] of source.matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)) found.add(action!);
  }
  return [...found];
}

async function openAudit() {
  const storeId = await product.store('TPE01', '台北信義店');
  const { userId } = await product.shopper();
  await product.join(userId, storeId);
  await product.refunds(userId, storeId);
  await product.staff('boss', 'admin');
  await product.signInToConsole('boss', { query: '?page=audit', landing: '操作紀錄' });
  await screen.findAllByRole('cell', { name: '結帳' });
}

describe('the audit log', () => {
  it('knows a word for every action the server writes', () => {
    const known = new Set(auditActions);
    expect(actionsTheServerWrites().filter((action) => !known.has(action))).toEqual([]);
  });

  it('reads in words, before and after in words, and filters by those words', async () => {
    await openAudit();
    expect(screen.getAllByRole('cell', { name: '作廢' })).toHaveLength(2);
    expect(screen.getByRole('cell', { name: '退款' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: '登入' })).toBeTruthy();
    const refund = screen.getByRole('cell', { name: '退款' }).closest('tr')!;
    const change = within(refund).getByRole('list').textContent;
    expect(change).toContain('已退金額 NT$0 → NT$500');
    expect(change).toContain('狀態 已完成 → 部分退款');
    expect(change).toContain('本次退款 NT$500');
    expect(change).not.toMatch(/[{}"]/);

    fireEvent.change(screen.getByLabelText('動作'), { target: { value: 'purchase.void' } });
    fireEvent.click(screen.getByRole('button', { name: '套用' }));
    await waitFor(() => expect(screen.queryAllByRole('cell', { name: '結帳' })).toHaveLength(0));
    expect(
      within(screen.getByRole('table'))
        .getAllByRole('row')
        .slice(1)
        .map((row) => within(row).getAllByRole('cell')[2]!.textContent),
    ).toEqual(['作廢', '作廢']);
    expect(within(screen.getByLabelText('動作')).getByRole('option', { name: '結帳' })).toBeTruthy();
  });

  it('reads in English with no Chinese and no code shown raw', async () => {
    await openAudit();
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    await screen.findAllByRole('cell', { name: 'Purchase' });
    // The store's name is the shop's own, in Chinese in any language.
    const table = (screen.getByRole('table').textContent ?? '').replaceAll('台北信義店', '');
    expect(table).toContain('Refunded');
    expect(table).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]|purchase\.|_/);
  });

  it('reads a coupon template and a coupon given in words', async () => {
    await product.staff('boss', 'admin');
    const memberId = await product.importMember('0911222333', '1985-03-03');
    await product.signInToConsole('boss', { query: '?page=audit', landing: '操作紀錄' });
    const template = await staffApi.post<{ id: number }>('/coupon-templates', {
      kind: 'percent_off',
      percentOff: 20,
      maxDiscount: 300,
      minSpend: 1000,
      validDays: 30,
      channels: ['store', 'online'],
      title: '耶誕八折',
      titleEn: '20% off for Christmas',
      terms: '折扣上限 NT$300。',
      termsEn: 'Up to NT$300 off.',
      stackable: false,
    });
    await staffApi.post(`/members/${memberId}/coupons`, {
      templateId: template.id,
      idempotencyKey: 'give-0001',
    });
    // Away and back: the log loads again.
    fireEvent.click(screen.getByRole('button', { name: '門市' }));
    fireEvent.click(await screen.findByRole('button', { name: '操作紀錄' }));
    const created = (await screen.findByRole('cell', { name: '新增優惠券' })).closest('tr')!;
    const change = within(created).getByRole('list').textContent;
    expect(change).toContain('種類 折扣百分比');
    expect(change).toContain('折扣百分比 20%');
    expect(change).toContain('最多折抵 NT$300');
    expect(change).toContain('可用通路 門市、線上');
    expect(change).not.toMatch(/[{}"]/);
    const given = screen.getByRole('cell', { name: '發送優惠券' }).closest('tr')!;
    expect(within(given).getByRole('list').textContent).toContain(`優惠券 #${template.id}`);
  });

  it("reads a campaign's draft, its start and its cancel in words", async () => {
    await product.staff('boss', 'admin');
    await product.signInToConsole('boss', { query: '?page=audit', landing: '操作紀錄' });
    const segment = await staffApi.post<{ id: number }>('/segments', {
      name: '好友',
      rules: { field: 'lineFriend' },
    });
    const campaign = await staffApi.post<{ id: number }>('/campaigns', {
      name: '週末簡訊',
      segmentId: segment.id,
      message: { kind: 'text', zh: { text: '週末見！' }, en: { text: 'See you!' } },
      scheduledAt: '2099-01-02T10:00:00+08:00',
    });
    await staffApi.post(`/campaigns/${campaign.id}/start`, {});
    await staffApi.post(`/campaigns/${campaign.id}/cancel`, {});
    fireEvent.click(screen.getByRole('button', { name: '門市' }));
    fireEvent.click(await screen.findByRole('button', { name: '操作紀錄' }));
    const created = (await screen.findByRole('cell', { name: '新增行銷活動' })).closest('tr')!;
    const change = within(created).getByRole('list').textContent;
    expect(change).toContain('名稱 週末簡訊');
    expect(change).toContain(`分眾 #${segment.id}`);
    expect(change).toContain('訊息 文字「週末見！」');
    expect(change).not.toMatch(/[{}"]/);
    const started = screen.getByRole('cell', { name: '發送行銷活動' }).closest('tr')!;
    // A start fixes the recipients in the background first (ADR 29): 確定收件人中, then 已排程 for its time.
    expect(within(started).getByRole('list').textContent).toContain('狀態 草稿 → 確定收件人中');
    const cancelled = screen.getByRole('cell', { name: '取消行銷活動' }).closest('tr')!;
    // Cancelled while its recipients were being fixed, or once they were: both are worded.
    expect(within(cancelled).getByRole('list').textContent).toMatch(/狀態 (確定收件人中|已排程) → 已取消/);
  });
});

// Without English for a word, an admin who chose English reads it in Chinese: nanostores falls back to the base.
it('gives every audit word English, and no English for a word that is gone', () => {
  const keys = (texts: object) => Object.keys(texts).sort();
  expect(keys(staffAuditEn.staffAuditActions)).toEqual(keys(auditActionMessages.get()));
  expect(keys(staffAuditEn.staffAuditFields)).toEqual(keys(auditFieldMessages.get()));
  expect(keys(staffAuditEn.staffAuditValues)).toEqual(keys(auditValueMessages.get()));
});
