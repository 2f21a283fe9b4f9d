import { useTap } from './flex-action.ts';
import type { PartProps } from './flex-parts.tsx';
import { IMAGE_SIZE, length, str, TEXT_SIZE } from './flex-style.ts';

export function FlexImage({ node, outer, parent }: PartProps) {
  const tap = useTap(node.action);
  const [w, h] = (str(node.aspectRatio) ?? '1:1').split(':').map(Number);
  const width = length(node.size, IMAGE_SIZE) ?? (parent === 'baseline' ? undefined : '100px');
  const align = { start: 'flex-start', end: 'flex-end', center: 'center' }[str(node.align) ?? 'center'];
  return (
    <div
      {...tap}
      className={`fx-image ${tap.className ?? ''}`}
      style={{ ...outer, display: 'flex', justifyContent: align }}
    >
      <div style={{ width, maxWidth: '100%', position: 'relative', flex: '0 0 auto' }}>
        <div style={{ paddingBottom: `${((h || 1) / (w || 1)) * 100}%` }} />
        <img
          src={str(node.url)}
          alt=""
          style={{
            position: 'absolute',
            inset: 0,
            width: '100%',
            height: '100%',
            objectFit: node.aspectMode === 'cover' ? 'cover' : 'contain',
            backgroundColor: str(node.backgroundColor),
          }}
        />
      </div>
    </div>
  );
}

export function FlexIcon({ node, outer }: PartProps) {
  const [w, h] = (str(node.aspectRatio) ?? '1:1').split(':').map(Number);
  const height = length(node.size, TEXT_SIZE) ?? '16px';
  const width = `calc(${height} * ${(w || 1) / (h || 1)})`;
  return (
    <img
      className="fx-icon"
      src={str(node.url)}
      alt=""
      style={{ ...outer, flex: '0 0 auto', height, width }}
    />
  );
}
