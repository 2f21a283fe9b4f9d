import type { CSSProperties } from 'react';
import { ActionContext, FlexBox, FlexComponent } from './flex-parts.tsx';
import { BUBBLE_WIDTH, str } from './flex-style.ts';
import type { FlexNode, LineAction } from './line-types.ts';

type BlockName = 'header' | 'hero' | 'body' | 'footer';
interface BlockStyle {
  backgroundColor?: string;
  separator?: boolean;
  separatorColor?: string;
}

/** LINE's default paddings of each block's box (none for the hero). */
const BLOCK_PADDING: Record<BlockName, string | undefined> = {
  header: '20px',
  hero: undefined,
  body: '20px',
  footer: '10px',
};

function Block({ bubble, name }: { bubble: FlexNode; name: BlockName }) {
  const node = bubble[name] as FlexNode | undefined;
  if (!node) return null;
  const look = (bubble.styles as Record<string, BlockStyle> | undefined)?.[name] ?? {};
  const style: CSSProperties = {
    backgroundColor: look.backgroundColor,
    borderTop: look.separator ? `1px solid ${look.separatorColor ?? '#d4d6da'}` : undefined,
    flex: name === 'body' ? '1 0 auto' : '0 0 auto',
    display: 'flex',
    flexDirection: 'column',
  };
  return (
    <div className={`fx-block fx-${name}`} style={style}>
      {node.type === 'box' ? (
        <FlexBox
          node={node}
          parent="vertical"
          outer={{ flex: '1 0 auto' }}
          defaultPadding={BLOCK_PADDING[name]}
        />
      ) : (
        <FlexComponent node={{ size: 'full', ...node }} parent="vertical" outer={{}} />
      )}
    </div>
  );
}

export function FlexBubble({ bubble }: { bubble: FlexNode }) {
  const width = BUBBLE_WIDTH[str(bubble.size) ?? 'mega'] ?? 300;
  return (
    <div
      className="fx-bubble"
      data-size={str(bubble.size) ?? 'mega'}
      style={{ width, maxWidth: '100%', direction: bubble.direction === 'rtl' ? 'rtl' : 'ltr' }}
    >
      <Block bubble={bubble} name="header" />
      <Block bubble={bubble} name="hero" />
      <Block bubble={bubble} name="body" />
      <Block bubble={bubble} name="footer" />
    </div>
  );
}

/** A Flex Message's `contents`: one bubble, or a carousel of them side by side, each as tall as the tallest. */
export function FlexContents({
  contents,
  onAction,
}: {
  contents: FlexNode;
  onAction: (a: LineAction) => void;
}) {
  return (
    <ActionContext.Provider value={onAction}>
      {contents.type === 'carousel' ? (
        <div className="fx-carousel">
          {((contents.contents as FlexNode[]) ?? []).map((bubble, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: bubbles have no identity but their place
            <div className="fx-carousel-item" key={index}>
              <FlexBubble bubble={bubble} />
            </div>
          ))}
        </div>
      ) : (
        <FlexBubble bubble={contents} />
      )}
    </ActionContext.Provider>
  );
}
