import type { CSSProperties } from 'react';
import type { FlexNode } from './line-types.ts';

/** LINE's keyword sizes (Flex Message Simulator), in CSS pixels. */
const SPACING: Record<string, string> = {
  none: '0px',
  xs: '2px',
  sm: '4px',
  md: '8px',
  lg: '12px',
  xl: '16px',
  xxl: '20px',
};
export const TEXT_SIZE: Record<string, string> = {
  xxs: '11px',
  xs: '13px',
  sm: '14px',
  md: '16px',
  lg: '19px',
  xl: '22px',
  xxl: '29px',
  '3xl': '35px',
  '4xl': '48px',
  '5xl': '74px',
};
export const IMAGE_SIZE: Record<string, string> = {
  xxs: '40px',
  xs: '60px',
  sm: '80px',
  md: '100px',
  lg: '120px',
  xl: '140px',
  xxl: '160px',
  '3xl': '180px',
  '4xl': '200px',
  '5xl': '240px',
  full: '100%',
};
const BORDER_WIDTH: Record<string, string> = {
  none: '0px',
  light: '0.5px',
  normal: '1px',
  medium: '2px',
  'semi-bold': '3px',
  bold: '4px',
};
export const BUBBLE_WIDTH: Record<string, number> = {
  nano: 120,
  micro: 160,
  deca: 220,
  hecto: 241,
  kilo: 260,
  mega: 300,
  giga: 500,
};

export type Layout = 'vertical' | 'horizontal' | 'baseline';

/** A keyword or a CSS length (`"12px"`, `"50%"`) as CSS. */
export const length = (value: unknown, table: Record<string, string> = SPACING): string | undefined =>
  typeof value === 'string' ? (table[value] ?? value) : undefined;

export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * How a child grows in its parent box: `flex` defaults to 1 in horizontal and baseline boxes and 0 in
 * vertical ones; in a horizontal box the ratio shares the width (basis 0).
 */
export function flexItem(node: FlexNode, parent: Layout): CSSProperties {
  const fallback = parent === 'vertical' && node.type !== 'filler' ? 0 : 1;
  const flex = typeof node.flex === 'number' ? node.flex : fallback;
  if (flex === 0) return { flex: '0 0 auto' };
  return parent === 'vertical' ? { flex: `${flex} 0 auto` } : { flex: `${flex} 1 0px`, minWidth: 0 };
}

/** The gap before a child: its own `margin`, else the parent's `spacing` (none before the first). */
export function gapBefore(node: FlexNode, parent: Layout, spacing: unknown, index: number): CSSProperties {
  const gap = length(node.margin) ?? (index > 0 ? length(spacing) : undefined);
  if (!gap || node.position === 'absolute') return {};
  return parent === 'vertical' ? { marginTop: gap } : { marginInlineStart: gap };
}

/** Position, offsets and alignment any component may have. */
export function placement(node: FlexNode): CSSProperties {
  const style: CSSProperties = {};
  if (node.position === 'absolute') style.position = 'absolute';
  const offsets = {
    offsetTop: 'top',
    offsetBottom: 'bottom',
    offsetStart: 'insetInlineStart',
    offsetEnd: 'insetInlineEnd',
  };
  for (const [key, css] of Object.entries(offsets)) {
    const value = length(node[key]);
    if (value) (style as Record<string, string>)[css] = value;
  }
  const gravity = { top: 'flex-start', bottom: 'flex-end', center: 'center' }[str(node.gravity) ?? ''];
  if (gravity) style.alignSelf = gravity;
  return style;
}

/** A box's own look: background, border, corners, paddings, size, alignment of its children. */
export function boxLook(node: FlexNode, defaultPadding?: string): CSSProperties {
  const padding = length(node.paddingAll) ?? defaultPadding;
  const style: CSSProperties = {
    backgroundColor: str(node.backgroundColor),
    borderColor: str(node.borderColor),
    borderStyle: node.borderWidth || node.borderColor ? 'solid' : undefined,
    borderWidth: length(node.borderWidth, BORDER_WIDTH) ?? (node.borderColor ? '1px' : undefined),
    borderRadius: length(node.cornerRadius),
    paddingTop: length(node.paddingTop) ?? padding,
    paddingBottom: length(node.paddingBottom) ?? padding,
    paddingInlineStart: length(node.paddingStart) ?? padding,
    paddingInlineEnd: length(node.paddingEnd) ?? padding,
    width: length(node.width),
    maxWidth: length(node.maxWidth),
    height: length(node.height),
    maxHeight: length(node.maxHeight),
    justifyContent: str(node.justifyContent),
    alignItems: str(node.alignItems),
  };
  const background = node.background as
    | {
        type?: string;
        angle?: string;
        startColor?: string;
        endColor?: string;
        centerColor?: string;
        centerPosition?: string;
      }
    | undefined;
  if (background?.type === 'linearGradient') {
    const stops = background.centerColor
      ? `${background.startColor}, ${background.centerColor} ${background.centerPosition ?? '50%'}, ${background.endColor}`
      : `${background.startColor}, ${background.endColor}`;
    style.backgroundImage = `linear-gradient(${background.angle ?? '0deg'}, ${stops})`;
  }
  return style;
}
