import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { FlexContents } from './flex.tsx';
import type { FlexNode } from './line-types.ts';

afterEach(cleanup);

const memberCard: FlexNode = {
  type: 'bubble',
  size: 'kilo',
  styles: { footer: { separator: true, backgroundColor: '#fafafa' } },
  header: {
    type: 'box',
    layout: 'vertical',
    backgroundColor: '#06C755',
    contents: [{ type: 'text', text: '金卡會員', color: '#ffffff', weight: 'bold', size: 'xl' }],
  },
  hero: { type: 'image', url: 'https://example.com/card.png', aspectRatio: '20:13', aspectMode: 'cover' },
  body: {
    type: 'box',
    layout: 'horizontal',
    spacing: 'md',
    paddingAll: '12px',
    cornerRadius: 'lg',
    contents: [
      { type: 'text', text: '點數', flex: 2 },
      { type: 'separator', color: '#cccccc' },
      { type: 'text', text: '1,280', flex: 3, align: 'end', wrap: true },
    ],
  },
  footer: {
    type: 'box',
    layout: 'vertical',
    contents: [
      {
        type: 'button',
        style: 'primary',
        color: '#ff0000',
        action: { type: 'postback', label: '出示條碼', data: 'action=barcode' },
      },
      {
        type: 'button',
        style: 'link',
        height: 'sm',
        action: { type: 'uri', label: '會員中心', uri: 'https://liff.line.me/1-abc' },
      },
    ],
  },
};

it('draws a bubble as LINE does: header, hero, body and footer, with their layout and look', () => {
  const { container } = render(<FlexContents contents={memberCard} onAction={() => {}} />);
  const bubble = container.querySelector<HTMLElement>('.fx-bubble')!;
  expect(bubble.style.width).toBe('260px');
  expect([...bubble.children].map((c) => c.className)).toEqual([
    'fx-block fx-header',
    'fx-block fx-hero',
    'fx-block fx-body',
    'fx-block fx-footer',
  ]);

  const header = container.querySelector<HTMLElement>('.fx-header > .fx-box')!;
  expect(header.style.backgroundColor).toBe('#06C755');
  expect(header.style.paddingTop).toBe('20px'); // the header's default padding
  const title = screen.getByText('金卡會員');
  expect(title.style).toMatchObject({ fontSize: '22px', fontWeight: '700', color: '#ffffff' });

  const hero = container.querySelector<HTMLImageElement>('.fx-hero img')!;
  expect(hero.src).toBe('https://example.com/card.png');
  expect(hero.style.objectFit).toBe('cover');
  expect(hero.previousElementSibling?.getAttribute('style')).toContain('padding-bottom: 65%');

  const body = container.querySelector<HTMLElement>('.fx-body > .fx-box')!;
  expect(body.style).toMatchObject({ flexDirection: 'row', paddingTop: '12px', borderRadius: '12px' });
  expect(screen.getByText('點數').style.flex).toBe('2 1 0px');
  const amount = screen.getByText('1,280');
  expect(amount.style).toMatchObject({ flex: '3 1 0px', textAlign: 'end', whiteSpace: 'pre-wrap' });
  expect(amount.style.marginInlineStart).toBe('8px'); // the body's spacing md

  const footer = container.querySelector<HTMLElement>('.fx-footer')!;
  expect(footer.style.borderTop).toContain('1px solid');
  expect(footer.style.backgroundColor).toBe('#fafafa');
  const primary = screen.getByRole('button', { name: '出示條碼' });
  expect(primary.className).toContain('fx-button-primary');
  expect(primary.style).toMatchObject({ backgroundColor: '#ff0000', height: '52px' });
  expect(screen.getByRole('button', { name: '會員中心' }).style.height).toBe('40px');
});

it('dispatches the tapped button’s action, and a tappable box’s', () => {
  const onAction = vi.fn();
  const tappable: FlexNode = {
    type: 'bubble',
    body: {
      type: 'box',
      layout: 'vertical',
      action: { type: 'message', label: '看優惠', text: '優惠' },
      contents: [{ type: 'text', text: '本週優惠' }],
    },
  };
  render(<FlexContents contents={memberCard} onAction={onAction} />);
  fireEvent.click(screen.getByRole('button', { name: '出示條碼' }));
  fireEvent.click(screen.getByRole('button', { name: '會員中心' }));
  cleanup();
  render(<FlexContents contents={tappable} onAction={onAction} />);
  fireEvent.click(screen.getByText('本週優惠'));
  expect(onAction.mock.calls.map(([action]) => action)).toEqual([
    { type: 'postback', label: '出示條碼', data: 'action=barcode' },
    { type: 'uri', label: '會員中心', uri: 'https://liff.line.me/1-abc' },
    { type: 'message', label: '看優惠', text: '優惠' },
  ]);
});

it('lays a carousel’s bubbles side by side, each with its own size', () => {
  const bubble = (text: string, size?: string): FlexNode => ({
    type: 'bubble',
    ...(size && { size }),
    body: { type: 'box', layout: 'baseline', contents: [{ type: 'text', text }] },
  });
  const { container } = render(
    <FlexContents
      contents={{
        type: 'carousel',
        contents: [bubble('第一張', 'micro'), bubble('第二張'), bubble('第三張', 'giga')],
      }}
      onAction={() => {}}
    />,
  );
  const bubbles = [...container.querySelectorAll<HTMLElement>('.fx-carousel .fx-bubble')];
  expect(bubbles.map((b) => [b.textContent, b.style.width])).toEqual([
    ['第一張', '160px'],
    ['第二張', '300px'],
    ['第三張', '500px'],
  ]);
  expect(container.querySelector<HTMLElement>('.fx-baseline')!.style.alignItems).toBe('baseline');
});

it('draws vertical boxes with margins, separators, fillers and absolute positions', () => {
  const { container } = render(
    <FlexContents
      contents={{
        type: 'bubble',
        body: {
          type: 'box',
          layout: 'vertical',
          spacing: 'sm',
          contents: [
            { type: 'text', text: '一', size: 'xxs' },
            { type: 'separator', margin: 'xl' },
            { type: 'filler' },
            { type: 'text', text: '二', position: 'absolute', offsetTop: '10px', offsetEnd: 'md' },
          ],
        },
      }}
      onAction={() => {}}
    />,
  );
  expect(screen.getByText('一').style).toMatchObject({
    fontSize: '11px',
    flex: '0 0 auto',
    whiteSpace: 'nowrap',
  });
  const separator = container.querySelector<HTMLElement>('.fx-separator')!;
  expect(separator.style).toMatchObject({ marginTop: '16px', borderTop: '1px solid #d4d6da' });
  expect(container.querySelector<HTMLElement>('.fx-filler')!.style.flex).toBe('1 0 auto');
  expect(screen.getByText('二').style).toMatchObject({
    position: 'absolute',
    top: '10px',
    insetInlineEnd: '8px',
  });
});

it('draws a coupon carousel: each bubble its title, image, words and button, the image and button tappable', () => {
  const view = { type: 'uri', label: '查看', uri: 'https://liff.line.me/1-abc?page=coupons&coupon=7' };
  const coupon: FlexNode = {
    type: 'bubble',
    size: 'kilo',
    header: {
      type: 'box',
      layout: 'vertical',
      backgroundColor: '#06C755',
      paddingAll: '12px',
      contents: [
        { type: 'text', text: '滿五百折一百', color: '#FFFFFF', weight: 'bold', wrap: true, maxLines: 2 },
      ],
    },
    hero: {
      type: 'image',
      url: 'https://example.com/coupon.png',
      size: 'full',
      aspectRatio: '20:13',
      aspectMode: 'cover',
      action: view,
    },
    body: {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      contents: [
        { type: 'text', text: '折 NT$100', weight: 'bold', size: 'lg', color: '#E5533D', wrap: true },
        { type: 'text', text: '使用期限至 2026/12/03', size: 'sm', wrap: true },
      ],
    },
    footer: {
      type: 'box',
      layout: 'vertical',
      contents: [{ type: 'button', style: 'primary', color: '#06C755', action: view }],
    },
  };
  const more: FlexNode = {
    type: 'bubble',
    size: 'kilo',
    body: {
      type: 'box',
      layout: 'vertical',
      justifyContent: 'center',
      contents: [{ type: 'text', text: '還有 2 張', align: 'center' }],
    },
    footer: {
      type: 'box',
      layout: 'vertical',
      contents: [
        {
          type: 'button',
          style: 'secondary',
          action: { type: 'uri', label: '查看全部', uri: 'https://liff.line.me/1-abc?page=coupons' },
        },
      ],
    },
  };
  const onAction = vi.fn();
  const { container } = render(
    <FlexContents contents={{ type: 'carousel', contents: [coupon, more] }} onAction={onAction} />,
  );
  const bubbles = [...container.querySelectorAll<HTMLElement>('.fx-carousel .fx-bubble')];
  expect(bubbles.map((b) => b.style.width)).toEqual(['260px', '260px']);
  const title = screen.getByText('滿五百折一百');
  expect(bubbles[0]!.querySelector('.fx-header')!.contains(title)).toBe(true);
  expect(bubbles[0]!.querySelector<HTMLImageElement>('.fx-hero img')!.src).toBe(
    'https://example.com/coupon.png',
  );
  expect(screen.getByText('折 NT$100').style.color).toBe('#E5533D');
  expect(bubbles[1]!.querySelector<HTMLElement>('.fx-body .fx-box')!.style.justifyContent).toBe('center');

  fireEvent.click(bubbles[0]!.querySelector('.fx-hero .fx-tappable')!);
  fireEvent.click(screen.getByText('查看', { selector: 'button' }));
  fireEvent.click(screen.getByText('查看全部', { selector: 'button' }));
  expect(onAction.mock.calls.map(([action]) => action.uri)).toEqual([
    'https://liff.line.me/1-abc?page=coupons&coupon=7',
    'https://liff.line.me/1-abc?page=coupons&coupon=7',
    'https://liff.line.me/1-abc?page=coupons',
  ]);
});
