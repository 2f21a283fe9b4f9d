import type { CSSProperties } from 'react';
import type { FlexNode, LineMessage } from './flex-types.ts';

/** LINE's keyword sizes (Flex Message Simulator) in CSS pixels: text sizes, then spacings and paddings. */
const TEXT: Record<string, string> = {
  xxs: '11px',
  xs: '13px',
  sm: '14px',
  md: '16px',
  lg: '19px',
  xl: '22px',
  xxl: '29px',
  '3xl': '35px',
};
const SPACE: Record<string, string> = {
  none: '0',
  xs: '2px',
  sm: '4px',
  md: '8px',
  lg: '12px',
  xl: '16px',
  xxl: '20px',
};
const BLOCK_PADDING: Record<string, string> = { header: '20px', body: '20px', footer: '10px' };

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const size = (v: unknown, table: Record<string, string>) => {
  const s = str(v);
  return s === undefined ? undefined : (table[s] ?? s);
};
/** What a tap would do, said in words: a preview opens nothing. */
const actionOf = (node: FlexNode) => node.action as { label?: string; uri?: string } | undefined;

function Part({ node, horizontal }: { node: FlexNode; horizontal: boolean }) {
  const grow: CSSProperties = {
    flex: typeof node.flex === 'number' ? `${node.flex} 1 0` : horizontal ? '1 1 0' : undefined,
  };
  const margin: CSSProperties = {
    [horizontal ? 'marginInlineStart' : 'marginTop']: size(node.margin, SPACE),
  };
  switch (node.type) {
    case 'box':
      return <Box node={node} style={{ ...grow, ...margin }} />;
    case 'text':
      return (
        <p
          className="fx-text"
          style={{
            ...grow,
            ...margin,
            fontSize: size(node.size, TEXT),
            fontWeight: node.weight === 'bold' ? 700 : undefined,
            color: str(node.color),
            textAlign: str(node.align) as CSSProperties['textAlign'],
            whiteSpace: node.wrap ? 'pre-wrap' : 'nowrap',
          }}
        >
          {str(node.text)}
        </p>
      );
    case 'image': {
      const [w, h] = (str(node.aspectRatio) ?? '1:1').split(':').map(Number);
      return (
        <img
          className="fx-image"
          src={str(node.url)}
          alt=""
          style={{
            ...margin,
            width: '100%',
            aspectRatio: `${w} / ${h}`,
            objectFit: node.aspectMode === 'cover' ? 'cover' : 'contain',
          }}
        />
      );
    }
    case 'button': {
      const action = actionOf(node);
      const kind = str(node.style) ?? 'link';
      const color = str(node.color);
      return (
        <span
          className={`fx-button fx-button-${kind}`}
          title={action?.uri}
          style={{ ...grow, ...margin, ...(kind === 'link' ? { color } : { backgroundColor: color }) }}
        >
          {action?.label}
        </span>
      );
    }
    case 'separator':
      return <hr className="fx-separator" style={{ ...margin, borderColor: str(node.color) }} />;
    case 'spacer':
      return <div style={{ height: size(node.size, SPACE) ?? '8px' }} />;
    case 'filler':
      return <div style={{ flex: '1 1 0' }} />;
    default:
      return null;
  }
}

function Box({ node, style, padding }: { node: FlexNode; style?: CSSProperties; padding?: string }) {
  const horizontal = node.layout === 'horizontal' || node.layout === 'baseline';
  const contents = (node.contents as FlexNode[] | undefined) ?? [];
  const gap = size(node.spacing, SPACE);
  return (
    <div
      className="fx-box"
      style={{
        ...style,
        display: 'flex',
        flexDirection: horizontal ? 'row' : 'column',
        alignItems: node.layout === 'baseline' ? 'baseline' : undefined,
        gap,
        padding: size(node.paddingAll, SPACE) ?? padding,
        backgroundColor: str(node.backgroundColor),
        borderRadius: size(node.cornerRadius, SPACE),
      }}
    >
      {contents.map((child, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: Flex contents have no identity but their place
        <Part key={i} node={child} horizontal={horizontal} />
      ))}
    </div>
  );
}

/** A bubble's header, hero, body and footer, as LINE stacks them. */
function Bubble({ bubble }: { bubble: FlexNode }) {
  return (
    <div className="fx-bubble">
      {(['header', 'hero', 'body', 'footer'] as const).map((block) => {
        const node = bubble[block] as FlexNode | undefined;
        if (!node) return null;
        return node.type === 'box' ? (
          <Box key={block} node={node} padding={BLOCK_PADDING[block]} />
        ) : (
          <Part key={block} node={node} horizontal={false} />
        );
      })}
    </div>
  );
}

/**
 * Draws the LINE messages a campaign would send, as a member's chat shows them: text, an image, and the Flex
 * bubbles this product sends (boxes, text, images, buttons; a carousel side by side). Buttons say where they lead
 * and open nothing. A small cousin of the LINE stand-in's phone (line-stand-in/phone/flex.tsx), which pages may
 * not import.
 */
export function MessagePreview({ messages, label }: { messages: LineMessage[]; label: string }) {
  return (
    <ol className="chat-preview" aria-label={label}>
      {messages.map((message, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: messages are sent in this order
        <li key={i} className={`chat-message chat-${message.type}`}>
          {message.type === 'text' && <p className="chat-bubble">{String(message.text)}</p>}
          {message.type === 'image' && <img src={String(message.previewImageUrl)} alt="" />}
          {message.type === 'flex' &&
            (() => {
              const contents = message.contents as FlexNode;
              const bubbles =
                contents.type === 'carousel' ? ((contents.contents as FlexNode[]) ?? []) : [contents];
              return (
                <div className="fx-carousel" title={String(message.altText)}>
                  {bubbles.map((bubble, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: as above
                    <Bubble key={j} bubble={bubble} />
                  ))}
                </div>
              );
            })()}
        </li>
      ))}
    </ol>
  );
}
