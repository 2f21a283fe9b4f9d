import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import type { RichMenu } from './line-types.ts';
import { areaBox, RichMenuView } from './rich-menu.tsx';

afterEach(cleanup);

const menu: RichMenu = {
  richMenuId: 'richmenu-1',
  size: { width: 2500, height: 843 },
  selected: true,
  name: 'member menu',
  chatBarText: '會員選單',
  areas: [
    {
      bounds: { x: 0, y: 0, width: 1250, height: 843 },
      action: { type: 'postback', label: '會員卡', data: 'action=card' },
    },
    {
      bounds: { x: 1250, y: 0, width: 625, height: 421 },
      action: { type: 'richmenuswitch', richMenuAliasId: 'coupons', data: 'switch=coupons' },
    },
    {
      bounds: { x: 1875, y: 421, width: 625, height: 422 },
      action: { type: 'uri', label: '官網', uri: 'https://example.com' },
    },
  ],
};

it('scales an area from the menu’s 2500-wide coordinates to percentages of the shown image', () => {
  expect(areaBox({ x: 1250, y: 421, width: 625, height: 422 }, { width: 2500, height: 843 })).toEqual({
    left: '50%',
    top: '49.9407%',
    width: '25%',
    height: '50.0593%',
  });
  expect(areaBox({ x: 0, y: 843, width: 833, height: 843 }, { width: 2500, height: 1686 })).toMatchObject({
    top: '50%',
    width: '33.32%',
  });
});

it('shows the image at the menu’s aspect ratio with each area over its place', () => {
  const { container } = render(<RichMenuView menu={menu} imageUrl="/menu.png" onAction={() => {}} />);
  expect(container.querySelector<HTMLElement>('.rich-menu')!.style.aspectRatio).toBe('2500 / 843');
  expect(container.querySelector('img')!.getAttribute('src')).toBe('/menu.png');
  const switcher = screen.getByRole('button', { name: 'coupons' });
  expect(switcher.style).toMatchObject({ left: '50%', top: '0%', width: '25%', height: '49.9407%' });
});

it('answers a tap on an area with that area’s action', () => {
  const onAction = vi.fn();
  render(<RichMenuView menu={menu} imageUrl="/menu.png" onAction={onAction} />);
  fireEvent.click(screen.getByRole('button', { name: '官網' }));
  fireEvent.click(screen.getByRole('button', { name: 'coupons' }));
  fireEvent.click(screen.getByRole('button', { name: '會員卡' }));
  expect(onAction.mock.calls.map(([action]) => action.type)).toEqual(['uri', 'richmenuswitch', 'postback']);
  expect(onAction.mock.calls[1]![0]).toEqual(menu.areas[1]!.action);
});

it('outlines and labels the areas when the menu has no image yet', () => {
  render(<RichMenuView menu={menu} imageUrl={null} onAction={() => {}} />);
  expect(screen.getByText('member menu')).toBeTruthy();
  expect(screen.getByRole('button', { name: '會員卡' }).textContent).toBe('會員卡');
});
