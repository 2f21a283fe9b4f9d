import { createHmac, randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { hotp } from './hotp.ts';

/** RFC 4226 with HMAC-SHA256, as bot/domain/member-card.ts computes it with node:crypto. */
function reference(secret: Buffer, counter: number, digits: number) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha256', secret).update(message).digest();
  const value = mac.readUInt32BE(mac[mac.length - 1]! & 0x0f) & 0x7fffffff;
  return String(value % 10 ** digits).padStart(digits, '0');
}

it('computes the same one-time numbers in the browser (WebCrypto) as the server', async () => {
  for (let i = 0; i < 20; i++) {
    const secret = randomBytes(32);
    const counter = 59_000_000 + i * 7919;
    expect(await hotp(secret.toString('base64url'), counter, 8)).toBe(reference(secret, counter, 8));
  }
});
