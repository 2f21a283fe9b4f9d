import type { messagingApi } from '@line/bot-sdk';
import { text } from './parts.ts';

/**
 * The brand's name, small, above a bubble's heading: a shopper who forwards or screenshots a message, or reads
 * it in a chat list of many shops, sees whose it is. LINE shows the account's picture beside every message, so
 * no logo here (and a Flex image would have to be an https PNG or JPEG anyway).
 */
export function fromBrand(message: messagingApi.FlexMessage, brandName: string): messagingApi.FlexMessage {
  const bubble = message.contents;
  if (bubble.type !== 'bubble' || !bubble.header) return message;
  const name = text(brandName, { color: '#FFFFFF', size: 'xs', weight: 'bold' });
  return {
    ...message,
    contents: { ...bubble, header: { ...bubble.header, contents: [name, ...bubble.header.contents] } },
  };
}
