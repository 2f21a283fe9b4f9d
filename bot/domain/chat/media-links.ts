import { createHmac, timingSafeEqual } from 'node:crypto';

/** The two files of an image staff send: LINE shows the preview in the chat and opens the original. */
export const IMAGE_VARIANTS = ['original', 'preview'] as const;
export type ImageVariant = (typeof IMAGE_VARIANTS)[number];

/** What a link's signature says once checked: good, good but past its time, or not ours. */
export type LinkCheck = 'valid' | 'expired' | 'invalid';

/**
 * Signs and checks the public links LINE fetches an image staff sent from (ADR 37): an HMAC-SHA256 over the
 * message's id, the variant and the expiry (Unix seconds), so a link names one file until one time and cannot be
 * changed into another. The key is derived from the channel secret, which every instance of the server already
 * holds and keeps from the logs; it is derived (not the secret itself) so that no signature it makes is one LINE
 * makes for webhooks.
 */
export interface MediaSignature {
  sign(messageId: number, variant: ImageVariant, expires: number): string;
  check(messageId: number, variant: ImageVariant, expires: number, signature: string, now: Date): LinkCheck;
}

export function mediaSignatureFor(channelSecret: string): MediaSignature {
  const key = createHmac('sha256', channelSecret).update('chat media links v1').digest();
  const sign = (messageId: number, variant: ImageVariant, expires: number) =>
    createHmac('sha256', key).update(`${messageId}.${variant}.${expires}`).digest('base64url');
  return {
    sign,
    check(messageId, variant, expires, signature, now) {
      const expected = Buffer.from(sign(messageId, variant, expires));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
      return expires * 1000 > now.getTime() ? 'valid' : 'expired';
    },
  };
}

/** The path of an image staff sent, on this server (bot/routes/chat-media.ts). */
export const mediaPath = (messageId: number, variant: ImageVariant) => `/media/chat/${messageId}/${variant}`;

/** Where LINE fetches one file of an image staff sent: under PUBLIC_URL, signed until `expiresAt`. */
export function mediaLink(
  publicUrl: string,
  signature: MediaSignature,
  messageId: number,
  variant: ImageVariant,
  expiresAt: Date,
): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  const sig = signature.sign(messageId, variant, exp);
  return `${publicUrl}${mediaPath(messageId, variant)}?exp=${exp}&sig=${sig}`;
}
