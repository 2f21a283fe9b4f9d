import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { AttachButtons, readUpload, STICKERS, StickerPicker } from './attachments.tsx';
import { Chat } from './chat.tsx';
import type { ChatEntry } from './line-types.ts';

afterEach(cleanup);

const at = Date.UTC(2026, 6, 15, 7, 5);
const said = (id: string, message: object, readAt?: number | null): ChatEntry => ({
  from: 'shopper',
  at,
  event: { type: 'message', timestamp: at, webhookEventId: id, message: message as never },
  ...(readAt !== undefined && { readAt }),
});

it('shows 已讀 beside the shopper messages the account marked read, and not the others', () => {
  const entries = [
    said('e1', { id: '1', type: 'text', text: '你好' }, at),
    said('e2', { id: '2', type: 'text', text: '請問營業時間?' }, at),
    said('e3', { id: '3', type: 'text', text: '還在嗎' }, null),
  ];
  render(<Chat entries={entries} botName="好食光" onAction={() => {}} />);
  const readOf = (text: string) =>
    screen.getByText(text).closest('.row')!.querySelector('.read')?.textContent ?? null;
  expect(['你好', '請問營業時間?', '還在嗎'].map(readOf)).toEqual(['已讀', '已讀', null]);
});

it('shows the three-dot bubble while the loading animation runs, and not after', () => {
  const entries = [said('e1', { id: '1', type: 'text', text: '在嗎' })];
  const { rerender } = render(<Chat entries={entries} botName="好食光" loading onAction={() => {}} />);
  const typing = screen.getByRole('status', { name: '對方正在輸入' });
  expect(typing.querySelectorAll('span')).toHaveLength(3);
  expect(typing.closest('.row')!.className).toContain('row-account');
  rerender(<Chat entries={entries} botName="好食光" loading={false} onAction={() => {}} />);
  expect(screen.queryByRole('status', { name: '對方正在輸入' })).toBeNull();
});

it("draws the shopper's stickers, photos and files, and 「你已收回訊息」 for an unsent one", () => {
  const entries: ChatEntry[] = [
    said('e1', { id: '11', type: 'sticker', packageId: '446', stickerId: '1988' }),
    said('e2', { id: '12', type: 'image', contentProvider: { type: 'line' } }),
    said('e3', { id: '13', type: 'file', fileName: '訂單.pdf', fileSize: 12_640 }),
    { from: 'shopper', at, event: { type: 'unsend', timestamp: at, webhookEventId: 'e4' } },
  ];
  render(<Chat entries={entries} botName="好食光" onAction={() => {}} />);
  expect(screen.getByTitle('貼圖').textContent).toContain('446/1988');
  expect(screen.getByAltText('圖片').getAttribute('src')).toBe('/_stand-in/contents/12');
  const file = screen.getByText('訂單.pdf').closest('a')!;
  expect(file.getAttribute('href')).toBe('/_stand-in/contents/13');
  expect(file.textContent).toContain('12.3 KB');
  expect(screen.getByText('你已收回訊息').className).toBe('notice');
});

it("quotes the shopper's message, or the account's own, at the top of the reply's bubble", () => {
  const entries: ChatEntry[] = [
    said('e1', { id: '1', type: 'text', text: '有停車位嗎?', quoteToken: 'q-shopper' }),
    said('e2', { id: '2', type: 'image', quoteToken: 'q-photo' }),
    {
      from: 'account',
      at,
      via: 'reply',
      quoteToken: 'q-account',
      message: { type: 'text', text: '營業到九點' },
    },
    {
      from: 'account',
      at,
      via: 'push',
      message: { type: 'text', text: '地下二樓', quoteToken: 'q-shopper' },
    },
    { from: 'account', at, via: 'push', message: { type: 'text', text: '收到照片', quoteToken: 'q-photo' } },
    { from: 'account', at, via: 'push', message: { type: 'text', text: '補充', quoteToken: 'q-account' } },
    { from: 'account', at, via: 'push', message: { type: 'text', text: '不明', quoteToken: 'gone' } },
  ];
  render(<Chat entries={entries} botName="好食光" shopperName="林大同" onAction={() => {}} />);
  const quoteIn = (text: string) => {
    const quote = screen.getByText(text).querySelector('.quote');
    return quote && [...quote.children].map((c) => c.textContent);
  };
  expect(quoteIn('地下二樓')).toEqual(['林大同', '有停車位嗎?']);
  expect(quoteIn('收到照片')).toEqual(['林大同', '照片']);
  expect(quoteIn('補充')).toEqual(['好食光', '營業到九點']);
  expect(quoteIn('不明')).toBeNull(); // a token of nothing in this chat quotes nothing
});

it('sends a sticker from the picker with its package, ID and resource type', () => {
  const onPick = vi.fn();
  render(<StickerPicker onPick={onPick} />);
  expect(screen.getAllByRole('button')).toHaveLength(STICKERS.length);
  fireEvent.click(screen.getByRole('button', { name: '貼圖 11537/52002734' }));
  expect(onPick).toHaveBeenCalledWith({
    packageId: '11537',
    stickerId: '52002734',
    stickerResourceType: 'ANIMATION',
  });
});

it('reads a picked photo as an image message and any other file as a file message', async () => {
  const onFile = vi.fn();
  const { container } = render(<AttachButtons stickersOpen={false} onStickers={() => {}} onFile={onFile} />);
  const pdf = new File(['%PDF-1.4'], '訂單.pdf', { type: 'application/pdf' });
  fireEvent.change(container.querySelector('input[type=file]')!, { target: { files: [pdf] } });
  expect(onFile).toHaveBeenCalledWith(pdf);
  expect(await readUpload(pdf)).toEqual({
    type: 'file',
    fileName: '訂單.pdf',
    contentType: 'application/pdf',
    base64: btoa('%PDF-1.4'),
  });
  const photo = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'IMG_0001.jpg', { type: 'image/jpeg' });
  expect(await readUpload(photo)).toEqual({ type: 'image', contentType: 'image/jpeg', base64: '/9j/' });
});
