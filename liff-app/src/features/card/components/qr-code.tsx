import { generate } from 'lean-qr/nano';

/** The code as a QR code, drawn as one SVG path with a four-module quiet zone. */
export function QrCode({ text, label }: { text: string; label: string }) {
  const qr = generate(text);
  let path = '';
  for (let y = 0; y < qr.size; y++) {
    for (let x = 0; x < qr.size; x++) if (qr.get(x, y)) path += `M${x} ${y}h1v1h-1z`;
  }
  const side = qr.size + 8;
  return (
    <svg
      className="qr"
      data-testid="member-qr"
      role="img"
      aria-label={label}
      viewBox={`-4 -4 ${side} ${side}`}
      shapeRendering="crispEdges"
    >
      <rect x={-4} y={-4} width={side} height={side} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
