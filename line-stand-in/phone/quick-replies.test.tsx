import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import type { QuickReplyItem } from './line-types.ts';
import { QuickReplies } from './quick-replies.tsx';

afterEach(cleanup);

const items: QuickReplyItem[] = [
  {
    type: 'action',
    imageUrl: 'https://example.com/coupon.png',
    action: { type: 'message', label: '優惠券', text: '優惠券' },
  },
  {
    type: 'action',
    action: { type: 'postback', label: '查點數', data: 'action=points', displayText: '查點數' },
  },
  { type: 'action', action: { type: 'datetimepicker', label: '預約', data: 'action=book', mode: 'date' } },
  { type: 'action', action: { type: 'location' } },
];

it('shows each item as a button with its label and icon, LINE’s default label for location', () => {
  const { container } = render(<QuickReplies items={items} onAction={() => {}} />);
  expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
    '優惠券',
    '查點數',
    '預約',
    '📍位置資訊',
  ]);
  expect(container.querySelector('img')!.getAttribute('src')).toBe('https://example.com/coupon.png');
});

it('answers a tap with the item’s action', () => {
  const onAction = vi.fn();
  render(<QuickReplies items={items} onAction={onAction} />);
  fireEvent.click(screen.getByRole('button', { name: '查點數' }));
  fireEvent.click(screen.getByRole('button', { name: '預約' }));
  expect(onAction.mock.calls.map(([action]) => action)).toEqual([items[1]!.action, items[2]!.action]);
});

it('shows nothing without items', () => {
  const { container } = render(<QuickReplies items={[]} onAction={() => {}} />);
  expect(container.innerHTML).toBe('');
});
