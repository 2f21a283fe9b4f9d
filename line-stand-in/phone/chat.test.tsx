import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { Chat } from './chat.tsx';
import type { ChatEntry } from './line-types.ts';

afterEach(cleanup);

const at = Date.UTC(2026, 6, 15, 7, 5); // 15:05 in Taipei
const shopperSaid = (id: string, type: string, extra: object): ChatEntry => ({
  from: 'shopper',
  at,
  event: { type, timestamp: at, webhookEventId: id, ...extra },
});

it('puts the shopper on the right and the account on the left, with Taipei times and notices', () => {
  const entries: ChatEntry[] = [
    shopperSaid('e1', 'follow', { follow: { isUnblocked: false } }),
    shopperSaid('e2', 'message', { message: { type: 'text', text: '你好' } }),
    shopperSaid('e3', 'postback', { postback: { data: 'action=points' } }),
    shopperSaid('e4', 'postback', { postback: { data: 'action=card' } }),
    { from: 'account', at, message: { type: 'text', text: '歡迎光臨!' }, via: 'reply' },
    { from: 'account', at, message: { type: 'sticker', packageId: '446', stickerId: '1988' }, via: 'push' },
  ];
  const { container } = render(
    <Chat entries={entries} botName="好食光" onAction={() => {}} displayTexts={{ e4: '我的會員卡' }} />,
  );
  expect(screen.getByText('你已將 好食光 加入好友').className).toBe('notice');
  expect(screen.getByText('你好').closest('.row')!.className).toContain('row-shopper');
  expect(screen.getByText('我的會員卡').className).toContain('bubble-shopper');
  expect(screen.getByText('歡迎光臨!').closest('.row')!.className).toContain('row-account');
  expect(screen.getByText(/貼圖 446\/1988/)).toBeTruthy();
  expect(container.querySelectorAll('.bubble-shopper')).toHaveLength(2); // the plain postback shows nothing
  expect(container.querySelector('time')!.textContent).toBe('下午3:05');
  expect(container.querySelectorAll('.date-label')).toHaveLength(1);
});

it('shows an image the account sent from its preview link, and a labelled placeholder when it cannot load', () => {
  const image = {
    type: 'image',
    originalContentUrl: 'https://shop.example/media/chat/7/original?exp=1&sig=a',
    previewImageUrl: 'https://shop.example/media/chat/7/preview?exp=1&sig=b',
  };
  render(
    <Chat
      entries={[{ from: 'account', at, message: image, via: 'push' }]}
      botName="好食光"
      onAction={() => {}}
    />,
  );
  const photo = screen.getByRole('img', { name: '圖片' }) as HTMLImageElement;
  expect(photo.src).toBe(image.previewImageUrl);
  fireEvent.error(photo);
  expect(screen.getByText('圖片（無法載入）').getAttribute('title')).toBe(image.previewImageUrl);
});

it('lets the shopper tap a Flex button in the chat', () => {
  const onAction = vi.fn();
  const entries: ChatEntry[] = [
    {
      from: 'account',
      at,
      via: 'reply',
      message: {
        type: 'flex',
        altText: '會員卡',
        contents: {
          type: 'bubble',
          body: {
            type: 'box',
            layout: 'vertical',
            contents: [{ type: 'button', action: { type: 'postback', label: '兌換', data: 'redeem' } }],
          },
        },
      },
    },
  ];
  render(<Chat entries={entries} botName="好食光" onAction={onAction} />);
  fireEvent.click(screen.getByRole('button', { name: '兌換' }));
  expect(onAction).toHaveBeenCalledWith({ type: 'postback', label: '兌換', data: 'redeem' });
});
