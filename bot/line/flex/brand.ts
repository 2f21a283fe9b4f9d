import type { messagingApi } from '@line/bot-sdk';
import { text } from './parts.ts';

/** The bubble with the brand's name above its heading; a bubble without a heading is left as it is. */
function branded(bubble: messagingApi.FlexBubble, brandName: string): messagingApi.FlexBubble {
  if (!bubble.header) return bubble;
  const name = text(brandName, { color: '#FFFFFF', size: 'xs', weight: 'bold' });
  return { ...bubble, header: { ...bubble.header, contents: [name, ...bubble.header.contents] } };
}

/**
 * The brand's name, small, above a bubble's heading (each bubble's, in a carousel): a shopper who forwards or
 * screenshots a message, or reads it in a chat list of many shops, sees whose it is. LINE shows the account's
 * picture beside every message, so no logo here (and a Flex image would have to be an https PNG or JPEG anyway).
 */
export function fromBrand(message: messagingApi.FlexMessage, brandName: string): messagingApi.FlexMessage {
  const contents = message.contents;
  if (contents.type === 'bubble') return { ...message, contents: branded(contents, brandName) };
  return {
    ...message,
    contents: { ...contents, contents: contents.contents.map((bubble) => branded(bubble, brandName)) },
  };
}
