/**
 * The LINE messages a campaign preview draws (the Messaging API's Message, as JSON): text, image and Flex. Loose
 * on purpose: the preview shows what the server built, it does not check it (LINE's validate endpoint did).
 */
export type FlexNode = { type: string } & Record<string, unknown>;

export type LineMessage =
  | { type: 'text'; text: string }
  | { type: 'image'; originalContentUrl: string; previewImageUrl: string }
  | { type: 'flex'; altText: string; contents: FlexNode }
  | ({ type: string } & Record<string, unknown>);
