import { code128Widths } from '../../../lib/code128.ts';

/** The code as a Code 128 barcode for POS scanners, with ten-module quiet zones. */
export function Barcode({ text, label }: { text: string; label: string }) {
  const widths = code128Widths(text);
  const bars: { x: number; w: number }[] = [];
  let x = 10;
  widths.forEach((w, i) => {
    if (i % 2 === 0) bars.push({ x, w });
    x += w;
  });
  return (
    <svg
      className="barcode"
      data-testid="member-barcode"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${x + 10} 40`}
      preserveAspectRatio="none"
      shapeRendering="crispEdges"
    >
      <rect width={x + 10} height={40} fill="#fff" />
      <path d={bars.map((bar) => `M${bar.x} 0h${bar.w}v40h-${bar.w}z`).join('')} fill="#000" />
    </svg>
  );
}
