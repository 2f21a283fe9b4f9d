import type { CSSProperties } from 'react';
import { useContext } from 'react';
import { ActionContext, useTap } from './flex-action.ts';
import { FlexIcon, FlexImage } from './flex-media.tsx';
import {
  boxLook,
  flexItem,
  gapBefore,
  type Layout,
  length,
  placement,
  str,
  TEXT_SIZE,
} from './flex-style.ts';
import type { FlexNode, LineAction } from './line-types.ts';

export { ActionContext };

export interface PartProps {
  node: FlexNode;
  parent: Layout;
  /** Style from the parent: flex, gap, position. */
  outer: CSSProperties;
}

export function FlexBox({ node, outer, defaultPadding }: PartProps & { defaultPadding?: string }) {
  const layout = (str(node.layout) ?? 'vertical') as Layout;
  const children = (node.contents as FlexNode[] | undefined) ?? [];
  const tap = useTap(node.action);
  const style: CSSProperties = {
    ...outer,
    ...boxLook(node, defaultPadding),
    display: 'flex',
    flexDirection: layout === 'vertical' ? 'column' : 'row',
    alignItems: layout === 'baseline' ? 'baseline' : (str(node.alignItems) ?? undefined),
    position: node.position === 'absolute' ? 'absolute' : 'relative',
  };
  return (
    <div {...tap} className={`fx-box fx-${layout} ${tap.className ?? ''}`} style={style}>
      {children.map((child, index) => (
        <FlexComponent
          // biome-ignore lint/suspicious/noArrayIndexKey: Flex contents have no identity but their place
          key={index}
          node={child}
          parent={layout}
          outer={{
            ...flexItem(child, layout),
            ...gapBefore(child, layout, node.spacing, index),
            ...placement(child),
          }}
        />
      ))}
    </div>
  );
}

function FlexText({ node, outer }: PartProps) {
  const tap = useTap(node.action);
  const maxLines = typeof node.maxLines === 'number' && node.maxLines > 0 ? node.maxLines : undefined;
  const wrap = node.wrap === true;
  const spans = (node.contents as FlexNode[] | undefined)?.filter((s) => s.type === 'span');
  const style: CSSProperties = {
    ...outer,
    ...textLook(node),
    textAlign: ({ start: 'start', end: 'end', center: 'center' } as const)[str(node.align) ?? 'start'],
    whiteSpace: wrap ? 'pre-wrap' : 'nowrap',
    overflow: 'hidden',
    textOverflow: wrap ? undefined : 'ellipsis',
    lineHeight: length(node.lineSpacing) ? `calc(1.4em + ${length(node.lineSpacing)})` : undefined,
    ...(wrap &&
      maxLines && { display: '-webkit-box', WebkitLineClamp: maxLines, WebkitBoxOrient: 'vertical' }),
  };
  return (
    <p {...tap} className={`fx-text ${tap.className ?? ''}`} style={style}>
      {spans?.length
        ? spans.map((span, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: spans have no identity but their place
            <span key={index} style={textLook(span)}>
              {str(span.text)}
            </span>
          ))
        : str(node.text)}
    </p>
  );
}

function textLook(node: FlexNode): CSSProperties {
  return {
    fontSize: length(node.size, TEXT_SIZE),
    fontWeight: node.weight === 'bold' ? 700 : undefined,
    color: str(node.color),
    fontStyle: node.style === 'italic' ? 'italic' : undefined,
    textDecoration: str(node.decoration),
  };
}

function FlexButton({ node, outer }: PartProps) {
  const onAction = useContext(ActionContext);
  const action = node.action as LineAction;
  const kind = str(node.style) ?? 'link';
  const color = str(node.color);
  const style: CSSProperties = {
    ...outer,
    height: node.height === 'sm' ? '40px' : '52px',
    ...(kind === 'link' ? { color } : { backgroundColor: color }),
  };
  return (
    <button
      type="button"
      className={`fx-button fx-button-${kind}`}
      style={style}
      onClick={() => onAction(action)}
    >
      {action?.label}
    </button>
  );
}

function FlexSeparator({ node, outer, parent }: PartProps) {
  const color = str(node.color) ?? '#d4d6da';
  const line =
    parent === 'vertical'
      ? { borderTop: `1px solid ${color}` }
      : { borderInlineStart: `1px solid ${color}`, alignSelf: 'stretch' };
  return <hr className="fx-separator" style={{ ...outer, flex: '0 0 auto', ...line }} />;
}

export function FlexComponent(props: PartProps) {
  const { node, outer } = props;
  switch (node.type) {
    case 'box':
      return <FlexBox {...props} />;
    case 'text':
      return <FlexText {...props} />;
    case 'image':
      return <FlexImage {...props} />;
    case 'icon':
      return <FlexIcon {...props} />;
    case 'button':
      return <FlexButton {...props} />;
    case 'separator':
      return <FlexSeparator {...props} />;
    case 'filler':
      return <div className="fx-filler" style={outer} />;
    case 'spacer':
      return <div className="fx-spacer" style={{ flex: '0 0 auto', height: length(node.size) ?? '8px' }} />;
    case 'video':
      return <FlexComponent {...props} node={node.altContent as FlexNode} />;
    default:
      return null;
  }
}
