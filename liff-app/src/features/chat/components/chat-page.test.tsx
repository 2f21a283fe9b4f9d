import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { withProduct } from '../../../testing/render.tsx';
import { staffChatEn } from '../../../translations/staff-chat-en.ts';
import {
  chatErrorMessages,
  composerMessages,
  conversationMessages,
  inboxMessages,
  kindMessages,
  memberPanelMessages,
} from './messages.ts';

const product = withProduct();

/**
 * A member of 台北信義店 who wrote twice (the product's automatic answer took the first reply token), and a LINE
 * friend who is no member and whose last message is a sticker.
 */
async function twoConversations() {
  const storeId = await product.store('TPE01', '台北信義店');
  const member = await product.shopper('王小明');
  await product.join(member.userId, storeId, '王小明');
  await product.says(member.userId, '你好');
  await product.says(member.userId, '請問營業時間？');
  const stranger = await product.shopper('路人甲');
  await product.says(stranger.userId, '哈囉');
  await product.sticker(stranger.userId);
  return { storeId, member, stranger };
}

const inbox = () => screen.findByRole('list', { name: '對話列表' });
const rowOf = async (name: string) =>
  (await within(await inbox()).findByText(name)).closest('button') as HTMLButtonElement;

describe('the chat inbox', () => {
  it('lists the conversations unread first, with the member, their tier and store, and a sticker in words', async () => {
    await twoConversations();
    await product.staff('boss', 'admin');
    await product.signInToConsole('boss', { query: '?page=chat', landing: '對話' });

    const member = await rowOf('王小明');
    expect(member.textContent).toContain('請問營業時間？');
    expect(member.textContent).toContain('台北信義店');
    expect(member.textContent).toContain('2 則未讀');
    const stranger = await rowOf('路人甲');
    expect(stranger.textContent).toContain('貼圖');
    expect(stranger.textContent).toContain('非會員');
    expect(stranger.textContent).toContain('未指派');
    await waitFor(() => expect(document.title).toBe('（2）對話・員工後台'));

    fireEvent.change(screen.getByLabelText('狀態'), { target: { value: 'done' } });
    expect(await screen.findByText('沒有符合的對話。')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('狀態'), { target: { value: 'all' } });
    fireEvent.change(screen.getByLabelText('搜尋'), { target: { value: '請問' } });
    await waitFor(() =>
      expect(within(screen.getByRole('list', { name: '對話列表' })).queryByText('路人甲')).toBeNull(),
    );
    expect(within(await inbox()).getByText('王小明')).toBeTruthy();
  });

  it('marks the shopper’s messages read when staff open the conversation, and LINE shows them 已讀', async () => {
    const { member } = await twoConversations();
    await product.staff('boss', 'admin');
    await product.signInToConsole('boss', { query: '?page=chat', landing: '對話' });
    fireEvent.click(await rowOf('王小明'));

    const messages = await screen.findByRole('list', { name: '訊息' });
    expect(await within(messages).findByText('請問營業時間？')).toBeTruthy();
    await waitFor(() => expect(within(messages).getAllByText('已讀').length).toBeGreaterThan(0));
    expect(within(messages).getByText('今天')).toBeTruthy();
    expect(within(messages).getAllByText('自動回覆').length).toBeGreaterThan(0);
    const phone = await product.phone(member.userId);
    expect(phone.filter((entry) => entry.from === 'shopper')).toEqual([
      { from: 'shopper', text: '你好', read: true },
      { from: 'shopper', text: '請問營業時間？', read: true },
    ]);
    await waitFor(async () => expect((await rowOf('王小明')).textContent).not.toContain('則未讀'));
    expect(new URL(location.href).searchParams.get('conversation')).toMatch(/^\d+$/);

    // The member beside the conversation.
    const panel = screen.getByRole('complementary', { name: '會員資料' });
    expect(await within(panel).findByText('台北信義店')).toBeTruthy();
    expect(within(panel).getByText('尚無消費紀錄。')).toBeTruthy();
  });

  it('answers free with the reply token, then says the next answer goes as a push that counts', async () => {
    const { member } = await twoConversations();
    await product.staff('boss', 'admin');
    await product.signInToConsole('boss', { query: '?page=chat', landing: '對話' });
    fireEvent.click(await rowOf('王小明'));

    const composer = await screen.findByRole('form', { name: '回覆訊息' });
    expect(await within(composer).findByText(/^免費回覆（回覆權杖有效至 \d\d:\d\d）$/)).toBeTruthy();
    const answer = within(composer).getByLabelText('回覆訊息');
    fireEvent.change(answer, { target: { value: '每天 10:00 到 21:00 喔！' } });
    const send = within(composer).getByRole('button', { name: '傳送' });
    fireEvent.click(send);
    fireEvent.click(send);

    const messages = screen.getByRole('list', { name: '訊息' });
    expect(await within(messages).findByText('每天 10:00 到 21:00 喔！')).toBeTruthy();
    expect(within(messages).getByText('boss 回覆')).toBeTruthy();
    expect(
      await within(composer).findByText(/^將以推播傳送，會計入本月訊息額度（剩餘 [\d,]+ 則）$/),
    ).toBeTruthy();

    fireEvent.change(answer, { target: { value: '歡迎光臨' } });
    fireEvent.keyDown(answer, { key: 'Enter' });
    expect(await within(messages).findByText('歡迎光臨')).toBeTruthy();
    await waitFor(() => expect(within(messages).getAllByText('推播')).toHaveLength(1));

    const sent = (await product.phone(member.userId)).filter(
      (entry) =>
        entry.from === 'account' && ['每天 10:00 到 21:00 喔！', '歡迎光臨'].includes(entry.text ?? ''),
    );
    expect(sent).toEqual([
      { from: 'account', text: '每天 10:00 到 21:00 喔！', via: 'reply' },
      { from: 'account', text: '歡迎光臨', via: 'push' },
    ]);
  });

  it('keeps the image button off, saying why, without PUBLIC_URL', async () => {
    await twoConversations();
    await product.staff('boss', 'admin');
    await product.signInToConsole('boss', { query: '?page=chat', landing: '對話' });
    fireEvent.click(await rowOf('王小明'));
    const composer = await screen.findByRole('form', { name: '回覆訊息' });
    const off = within(composer).getByRole('button', { name: '傳送圖片' });
    expect(off).toHaveProperty('disabled', true);
    expect(document.getElementById(off.getAttribute('aria-describedby')!)?.textContent).toBe(
      '傳送圖片需要設定 HTTPS 的 PUBLIC_URL（LINE 只從 https 網址取得圖片）。',
    );
  });

  it('turns the image button on with PUBLIC_URL, and refuses a GIF before uploading it', async () => {
    product.current.origin = (await product.start(undefined, { publicUrl: 'https://shop.example' })).origin;
    await twoConversations();
    await product.staff('boss', 'admin');
    await product.signInToConsole('boss', { query: '?page=chat', landing: '對話' });
    fireEvent.click(await rowOf('王小明'));
    const composer = await screen.findByRole('form', { name: '回覆訊息' });
    const on = within(composer).getByRole('button', { name: '傳送圖片' });
    expect(on).toHaveProperty('disabled', false);
    expect(on.getAttribute('aria-describedby')).toBeNull();
    expect(within(composer).queryByText(/PUBLIC_URL/)).toBeNull();
    // LINE takes JPEG and PNG only: anything else is refused before it is uploaded.
    const gif = new File(['GIF89a'], '動圖.gif', { type: 'image/gif' });
    fireEvent.change(within(composer).getByLabelText('傳送圖片', { selector: 'input' }), {
      target: { files: [gif] },
    });
    expect(await within(composer).findByText('只能傳送 JPEG 或 PNG 圖片。')).toBeTruthy();
  });

  it('quotes the message an answer replies to', async () => {
    await twoConversations();
    await product.staff('boss', 'admin');
    await product.signInToConsole('boss', { query: '?page=chat', landing: '對話' });
    fireEvent.click(await rowOf('王小明'));
    fireEvent.click(await screen.findByRole('button', { name: '引用「你好」' }));
    const composer = screen.getByRole('form', { name: '回覆訊息' });
    expect(within(composer).getByText(/引用：你好/)).toBeTruthy();
    fireEvent.change(within(composer).getByLabelText('回覆訊息'), { target: { value: '您好！' } });
    fireEvent.click(within(composer).getByRole('button', { name: '傳送' }));
    const messages = screen.getByRole('list', { name: '訊息' });
    const answer = (await within(messages).findByText('您好！')).closest('li')!;
    expect(within(answer).getByText('引用：你好')).toBeTruthy();
  });

  it('keeps a note on the member and adjusts points with a reason, for those who may', async () => {
    const { storeId } = await twoConversations();
    await product.staff('mia', 'store_manager', [storeId]);
    await product.staff('amy', 'clerk', [storeId]);
    await product.signInToConsole('mia', { query: '?page=chat', landing: '對話' });
    fireEvent.click(await rowOf('王小明'));
    const panel = await screen.findByRole('complementary', { name: '會員資料' });
    expect(await within(panel).findByText('0 點')).toBeTruthy();

    const note = within(panel).getByRole('form', { name: '新增備註' });
    fireEvent.change(within(note).getByLabelText('新增備註'), { target: { value: '喜歡燕麥奶拿鐵' } });
    fireEvent.click(within(note).getByRole('button', { name: '儲存備註' }));
    expect(await within(note).findByText('已新增備註。')).toBeTruthy();
    expect(within(note).getByLabelText('新增備註')).toHaveProperty('value', '');
    const notes = await within(panel).findByRole('list', { name: '備註' });
    expect(await within(notes).findByText('喜歡燕麥奶拿鐵')).toBeTruthy();
    expect(within(notes).getByText(/^mia・/)).toBeTruthy();

    const adjust = within(panel).getByRole('form', { name: '調整點數' });
    fireEvent.change(within(adjust).getByLabelText('點數（扣點請輸入負數）'), { target: { value: '-5' } });
    fireEvent.change(within(adjust).getByLabelText('原因'), { target: { value: '補償' } });
    fireEvent.click(within(adjust).getByRole('button', { name: '確定調整' }));
    expect(await within(adjust).findByText('扣點後點數不能少於 0。')).toBeTruthy();
    fireEvent.change(within(adjust).getByLabelText('點數（扣點請輸入負數）'), { target: { value: '50' } });
    fireEvent.click(within(adjust).getByRole('button', { name: '確定調整' }));
    expect(await within(adjust).findByText('已調整點數，目前 50 點。')).toBeTruthy();
    expect(await within(panel).findByText('50 點')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '登出' }));
    await screen.findByLabelText('帳號');
    cleanup();
    await product.signInToConsole('amy', { query: '?page=chat', landing: '對話' });
    fireEvent.click(await rowOf('王小明'));
    const clerks = await screen.findByRole('complementary', { name: '會員資料' });
    expect(await within(clerks).findByRole('list', { name: '備註' })).toBeTruthy();
    expect(within(clerks).getByText('喜歡燕麥奶拿鐵')).toBeTruthy();
    expect(within(clerks).queryByRole('form', { name: '調整點數' })).toBeNull();
    expect(within(clerks).getByRole('button', { name: '贈送優惠券給這位會員' })).toBeTruthy();
  });
});

it('has every chat text in English', () => {
  const keys = (texts: object) => Object.keys(texts).sort();
  expect(keys(staffChatEn.staffChatInbox)).toEqual(keys(inboxMessages.get()));
  expect(keys(staffChatEn.staffChatKinds)).toEqual(keys(kindMessages.get()));
  expect(keys(staffChatEn.staffChatConversation)).toEqual(keys(conversationMessages.get()));
  expect(keys(staffChatEn.staffChatComposer)).toEqual(keys(composerMessages.get()));
  expect(keys(staffChatEn.staffChatMember)).toEqual(keys(memberPanelMessages.get()));
  expect(keys(staffChatEn.staffChatErrors)).toEqual(keys(chatErrorMessages.get()));
});
