import type { CSSProperties } from 'react';
import type { LineAction, RichMenu, RichMenuArea } from './line-types.ts';

/** An area's place on the shown image, in percent of the menu's own size (2500 wide, 843 or 1686 tall). */
export function areaBox(bounds: RichMenuArea['bounds'], size: RichMenu['size']): CSSProperties {
  const pct = (part: number, whole: number) => `${Number(((part / whole) * 100).toFixed(4))}%`;
  return {
    left: pct(bounds.x, size.width),
    top: pct(bounds.y, size.height),
    width: pct(bounds.width, size.width),
    height: pct(bounds.height, size.height),
  };
}

const describe = (action: LineAction) =>
  action.label ??
  action.text ??
  action.displayText ??
  action.uri ??
  action.richMenuAliasId ??
  action.data ??
  action.type;

interface RichMenuProps {
  menu: RichMenu;
  imageUrl: string | null;
  onAction: (action: LineAction) => void;
}

/** The rich menu's image with its tappable areas laid over it, scaled to the phone's width. */
export function RichMenuView({ menu, imageUrl, onAction }: RichMenuProps) {
  return (
    <div
      className="rich-menu"
      style={{ aspectRatio: `${menu.size.width} / ${menu.size.height}` }}
      data-rich-menu-id={menu.richMenuId}
    >
      {imageUrl ? (
        <img src={imageUrl} alt={menu.name} draggable={false} />
      ) : (
        <div className="rich-menu-blank">{menu.name}</div>
      )}
      {menu.areas.map((area, index) => (
        <button
          type="button"
          // biome-ignore lint/suspicious/noArrayIndexKey: areas have no identity but their place
          key={index}
          className={`rich-menu-area${imageUrl ? '' : ' outlined'}`}
          style={areaBox(area.bounds, menu.size)}
          aria-label={describe(area.action)}
          onClick={() => onAction(area.action)}
        >
          {imageUrl ? '' : describe(area.action)}
        </button>
      ))}
    </div>
  );
}
