import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffApi } from '../../../lib/staff-api.ts';
import { withProduct } from '../../../testing/render.tsx';
import type { CampaignProgress } from '../api/campaigns.ts';
import { type OpenProgress, ProgressView, progressEvents } from './campaign-progress.tsx';

const product = withProduct();

/** The server's progress stream as the view hears it, fed by the test (happy-dom has no EventSource). */
class Feed {
  closed = false;
  onerror: ((event: Event) => void) | null = null;
  private listeners: ((event: Event) => void)[] = [];
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }
  addEventListener(_type: string, listener: (event: Event) => void) {
    this.listeners.push(listener);
  }
  close() {
    this.closed = true;
  }
  send(progress: CampaignProgress) {
    const event = new MessageEvent('progress', { data: JSON.stringify(progress) });
    act(() => {
      for (const listener of this.listeners) listener(event);
    });
  }
  fail() {
    act(() => this.onerror?.(new Event('error')));
  }
}
const feeds: Feed[] = [];
const browserEvents = progressEvents.open;
beforeAll(() => {
  progressEvents.open = ((url: string) => {
    const feed = new Feed(url);
    feeds.push(feed);
    return feed;
  }) as unknown as OpenProgress;
});
afterAll(() => {
  progressEvents.open = browserEvents;
});

const type = (form: HTMLElement, label: string, value: string) =>
  fireEvent.change(within(form).getByLabelText(label), { target: { value } });

/** The marketer on the campaigns page, with one saved segment to send to. */
async function openCampaigns() {
  await product.staff('max', 'marketer');
  await product.signInToConsole('max');
  await staffApi.post('/segments', {
    name: '同意行銷的好友',
    rules: { field: 'marketingOptIn', value: true },
  });
  fireEvent.click(screen.getByRole('button', { name: '行銷活動' }));
  expect(await screen.findByText('還沒有行銷活動')).toBeTruthy();
}

const figure = (panel: HTMLElement, label: string) =>
  within(panel).getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;

describe('the campaigns page', () => {
  it('answers each wrong field of the composer on that field, saves the draft and previews both languages', async () => {
    await openCampaigns();
    fireEvent.click(screen.getByRole('button', { name: '新增行銷活動' }));
    const form = await screen.findByRole('form', { name: '建立草稿' });
    fireEvent.click(within(form).getByLabelText('公告'));
    type(form, '按鈕連結（https，選填）', 'http://shop.example/xmas');
    fireEvent.click(within(form).getByRole('button', { name: '建立草稿' }));
    // With no segment the server asks for one first (the rules the campaign copies from it).
    expect(await within(form).findByText('請選擇分眾')).toBeTruthy();
    expect(within(form).getByLabelText('發送對象（分眾）').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(within(form).getByLabelText('發送對象（分眾）'), {
      target: { value: within(form).getByRole('option', { name: '同意行銷的好友' }).getAttribute('value') },
    });
    fireEvent.click(within(form).getByRole('button', { name: '建立草稿' }));
    // Then every other field at once, each on its own field, in zh-TW.
    expect(await within(form).findByText('請輸入 1 至 60 字的名稱')).toBeTruthy();
    expect(
      within(form)
        .getAllByLabelText('標題')
        .map((input) => input.getAttribute('aria-invalid')),
    ).toEqual(['true', 'true']);
    expect(within(form).getByText('請輸入 https:// 開頭的網址')).toBeTruthy();
    expect(await staffApi.get('/campaigns')).toEqual([]);

    type(form, '名稱（只在後台顯示）', '耶誕公告');
    const [zhTitle, enTitle] = within(form).getAllByLabelText('標題');
    const [zhText, enText] = within(form).getAllByLabelText('內容');
    const [zhButton, enButton] = within(form).getAllByLabelText('按鈕文字（可留空）');
    fireEvent.change(zhTitle!, { target: { value: '耶誕快樂' } });
    fireEvent.change(enTitle!, { target: { value: 'Merry Christmas' } });
    fireEvent.change(zhText!, { target: { value: '全店飲品第二杯半價。' } });
    fireEvent.change(enText!, { target: { value: 'Second drink half price.' } });
    fireEvent.change(zhButton!, { target: { value: '看活動' } });
    fireEvent.change(enButton!, { target: { value: 'See more' } });
    type(form, '按鈕連結（https，選填）', 'https://shop.example/xmas');
    // At a set time, in Taipei.
    fireEvent.click(within(form).getByLabelText('排程於指定時間'));
    type(form, '日期與時間（台北時間）', '2099-12-24T18:00');
    fireEvent.click(within(form).getByRole('button', { name: '建立草稿' }));

    // The draft opens with its preview and its cost.
    expect(await screen.findByRole('heading', { name: '行銷活動：耶誕公告' })).toBeTruthy();
    expect(screen.getByText('草稿')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '預覽' }));
    const zh = await screen.findByRole('list', { name: '中文訊息預覽' });
    expect(within(zh).getByText('耶誕快樂')).toBeTruthy();
    expect(within(zh).getByText('全店飲品第二杯半價。')).toBeTruthy();
    expect(within(zh).getByText('看活動')).toBeTruthy();
    const en = screen.getByRole('list', { name: '英文訊息預覽' });
    expect(within(en).getByText('Merry Christmas')).toBeTruthy();
    expect(within(en).getByText('See more')).toBeTruthy();

    const cost = screen.getByRole('region', { name: '發送人數與費用' });
    await within(cost).findByText('將發送', { selector: 'dt' });
    expect(figure(cost, '預估費用')).toBe('NT$0');
    expect(figure(cost, 'LINE 方案')).toMatch(/^輕用量（月費 NT\$0，含 200 則）$/);
    expect(within(cost).getByText(/依 LINE 台灣公布的方案/)).toBeTruthy();
    expect(within(cost).queryByRole('checkbox')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '回到行銷活動' }));
    const row = (await screen.findByRole('cell', { name: '耶誕公告' })).closest('tr')!;
    expect(within(row).getByRole('cell', { name: '同意行銷的好友' })).toBeTruthy();
    expect(row.textContent).toMatch(/2099\/12\/24\s18:00/);
    const [saved] = await staffApi.get<{ scheduledAt: string }[]>('/campaigns');
    expect(saved!.scheduledAt).toBe('2099-12-24T10:00:00.000Z');
    expect(within(row).getByRole('cell', { name: '0 / 0' })).toBeTruthy();
  });

  it("draws a coupon campaign's claim bubble in each language, as LINE would show it", async () => {
    await openCampaigns();
    const template = await staffApi.post<{ id: number }>('/coupon-templates', {
      ...{ kind: 'amount_off', amountOff: 50, minSpend: 0, validDays: 30, channels: ['store'] },
      ...{ title: '好友禮 50 元', titleEn: 'NT$50 for friends', terms: '每次限用一張。' },
      ...{ termsEn: 'One per purchase.', stackable: false, claimable: true },
    });
    fireEvent.click(screen.getByRole('button', { name: '門市' }));
    fireEvent.click(await screen.findByRole('button', { name: '行銷活動' }));
    fireEvent.click(await screen.findByRole('button', { name: '新增行銷活動' }));
    const form = await screen.findByRole('form', { name: '建立草稿' });
    type(form, '名稱（只在後台顯示）', '好友禮');
    fireEvent.change(within(form).getByLabelText('發送對象（分眾）'), {
      target: { value: within(form).getByRole('option', { name: '同意行銷的好友' }).getAttribute('value') },
    });
    fireEvent.change(within(form).getByLabelText('優惠券（會員可領取、啟用中的）'), {
      target: { value: String(template.id) },
    });
    const [zhIntro, enIntro] = within(form).getAllByLabelText('優惠券上方的一句話（可留空）');
    fireEvent.change(zhIntro!, { target: { value: '送您一張好友禮！' } });
    fireEvent.change(enIntro!, { target: { value: 'A gift for you!' } });
    fireEvent.click(within(form).getByRole('button', { name: '建立草稿' }));
    fireEvent.click(await screen.findByRole('button', { name: '預覽' }));
    const zh = await screen.findByRole('list', { name: '中文訊息預覽' });
    expect(within(zh).getByText('送您一張好友禮！')).toBeTruthy();
    expect(within(zh).getByText('好友禮 50 元')).toBeTruthy();
    expect(within(zh).getByText('領取')).toBeTruthy();
    const en = screen.getByRole('list', { name: '英文訊息預覽' });
    expect(within(en).getByText('NT$50 for friends')).toBeTruthy();
    expect(within(en).getByText('Claim')).toBeTruthy();
  });

  it('schedules a draft, shows when it goes and its progress, and cancels it after asking', async () => {
    await openCampaigns();
    const [segment] = await staffApi.get<{ id: number }[]>('/segments');
    await staffApi.post('/campaigns', {
      name: '週末簡訊',
      segmentId: segment!.id,
      message: { kind: 'text', zh: { text: '週末見！' }, en: { text: 'See you this weekend!' } },
      scheduledAt: '2099-01-02T10:00:00+08:00',
    });
    fireEvent.click(screen.getByRole('button', { name: '門市' }));
    fireEvent.click(await screen.findByRole('button', { name: '行銷活動' }));
    const row = (await screen.findByRole('cell', { name: '週末簡訊' })).closest('tr')!;
    // Intl puts its own space between the day and the time.
    expect(row.textContent).toMatch(/2099\/01\/02\s10:00/);
    fireEvent.click(within(row).getByRole('button', { name: '查看 週末簡訊' }));
    const cost = await screen.findByRole('region', { name: '發送人數與費用' });
    await within(cost).findByText('將發送', { selector: 'dt' });
    fireEvent.click(within(cost).getByRole('button', { name: '排程' }));

    expect(await screen.findByText(/已排程，將於 2099\/01\/02\s10:00（台北時間）發送/)).toBeTruthy();
    const progress = await screen.findByRole('region', { name: '發送進度' });
    // The view opens its stream once it is on the page.
    const feed = await waitFor(() => {
      const opened = feeds.at(-1);
      if (!opened) throw new Error('no stream opened yet');
      return opened;
    });
    expect(feed.url).toMatch(/\/api\/staff\/campaigns\/\d+\/events$/);
    fireEvent.click(within(progress).getByRole('button', { name: '取消發送' }));
    expect(within(progress).getByRole('alert').textContent).toMatch(/尚未發送的會員不會收到/);
    fireEvent.click(within(progress).getByRole('button', { name: '確定取消' }));
    expect(await screen.findByText('已取消')).toBeTruthy();
    const [campaign] = await staffApi.get<{ status: string }[]>('/campaigns');
    expect(campaign!.status).toBe('cancelled');
  });
});

describe('the progress view', () => {
  const progress = (changes: Partial<CampaignProgress>): CampaignProgress => ({
    status: 'sending',
    recipients: 2000,
    heldOut: 100,
    skipped: 0,
    sent: 0,
    failed: 0,
    remaining: 2000,
    perSecond: 0,
    secondsLeft: null,
    ...changes,
  });

  it('follows the events the server pushes: figures, pace, time left, the bar, and stops listening when sent', async () => {
    render(<ProgressView campaignId={7} first={progress({})} sends={false} />);
    const feed = feeds.at(-1)!;
    expect(feed.url).toBe('/api/staff/campaigns/7/events');
    const view = screen.getByRole('region', { name: '發送進度' });
    expect(figure(view, '預估剩餘時間')).toBe('—');

    feed.send(progress({ sent: 1000, failed: 2, remaining: 998, perSecond: 250, secondsLeft: 4 }));
    expect(figure(view, '已發送')).toBe('1,000');
    expect(figure(view, '失敗')).toBe('2');
    expect(figure(view, '尚未發送')).toBe('998');
    expect(figure(view, '速度')).toBe('每秒 250 人');
    expect(figure(view, '預估剩餘時間')).toBe('約 4 秒');
    const bar = within(view).getByRole('progressbar', { name: '發送進度' });
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual(['1002', '2000']);

    feed.fail();
    expect(within(view).getByText('與伺服器的連線中斷，重新連線中…')).toBeTruthy();
    feed.send(progress({ sent: 1500, remaining: 500, perSecond: 5, secondsLeft: 100 }));
    expect(within(view).queryByText('與伺服器的連線中斷，重新連線中…')).toBeNull();
    expect(figure(view, '預估剩餘時間')).toBe('約 2 分鐘');

    expect(feed.closed).toBe(false);
    feed.send(progress({ status: 'sent', sent: 2000, remaining: 0, secondsLeft: null }));
    expect(within(view).getByText('發送完成')).toBeTruthy();
    expect(feed.closed).toBe(true);
  });

  it('offers pause while sending and resume while paused, to those who may send', () => {
    render(<ProgressView campaignId={7} first={progress({ sent: 500 })} sends />);
    const view = screen.getByRole('region', { name: '發送進度' });
    expect(within(view).getByRole('button', { name: '暫停' })).toBeTruthy();
    feeds.at(-1)!.send(progress({ status: 'paused', sent: 500, remaining: 1500 }));
    expect(within(view).queryByRole('button', { name: '暫停' })).toBeNull();
    expect(within(view).getByRole('button', { name: '繼續發送' })).toBeTruthy();
    expect(within(view).getByRole('button', { name: '取消發送' })).toBeTruthy();
  });
});
