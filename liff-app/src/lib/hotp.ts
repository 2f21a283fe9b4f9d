/**
 * The member card's rotating number, computed on the phone with WebCrypto so the card works offline:
 * RFC 4226 HOTP with HMAC-SHA256 over floor(unix seconds / period), the same function as the server's
 * bot/domain/member-card.ts (docs/decisions/0006-member-card-codes.md).
 */
export function base64urlBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export async function hotp(secret: string, counter: number, digits: number): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    base64urlBytes(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const message = new DataView(new ArrayBuffer(8));
  message.setBigUint64(0, BigInt(counter));
  const mac = new DataView(await crypto.subtle.sign('HMAC', key, message.buffer));
  const offset = mac.getUint8(mac.byteLength - 1) & 0x0f;
  const value = mac.getUint32(offset) & 0x7fffffff;
  return String(value % 10 ** digits).padStart(digits, '0');
}
