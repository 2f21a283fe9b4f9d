type Schema = Record<string, unknown>;

const USER_ID_PATTERN = '^U[0-9a-f]{32}$';
/** Push also reaches group chats (C...) and multi-person chats (R...). */
const CHAT_ID_PATTERN = '^[UCR][0-9a-f]{32}$';
/** Images LINE fetches are served over HTTPS. */
const HTTPS = '^https://';

/**
 * Limits LINE documents in its reference but that messaging-api.yml does not encode. Each is added to the
 * subtype's schema beside its `allOf`, so both apply. Sources:
 * - text 1 to 5,000 characters, altText 1,500: https://developers.line.biz/en/reference/messaging-api/#text-message
 * - image URLs over HTTPS, an image message's at most 2,000 characters:
 *   https://developers.line.biz/en/reference/messaging-api/#image-message and
 *   https://developers.line.biz/en/reference/messaging-api/#f-image
 * - carousel 12 bubbles: https://developers.line.biz/en/reference/messaging-api/#f-carousel
 * - rich menu object: https://developers.line.biz/en/reference/messaging-api/#rich-menu-object
 *   (all five properties required, width 800..2500, height >= 250, at most 20 areas, chatBarText 14)
 * - loading animation: https://developers.line.biz/en/reference/messaging-api/#display-a-loading-indicator
 *   (a multiple of 5 seconds; one-to-one chats only, so chatId is a user ID)
 * - required properties of actions: https://developers.line.biz/en/reference/messaging-api/#action-objects
 * - user IDs where only users can be named (multicast, bulk rich menu links)
 */
const RULES: Record<string, Schema> = {
  TextMessage: { properties: { text: { minLength: 1, maxLength: 5000 } } },
  ImageMessage: {
    properties: {
      originalContentUrl: { pattern: HTTPS, maxLength: 2000 },
      previewImageUrl: { pattern: HTTPS, maxLength: 2000 },
    },
  },
  FlexImage: { properties: { url: { pattern: HTTPS } } },
  FlexMessage: { properties: { altText: { maxLength: 1500 } } },
  TemplateMessage: { properties: { altText: { maxLength: 400 } } },
  FlexCarousel: { properties: { contents: { minItems: 1, maxItems: 12 } } },
  RichMenuRequest: {
    required: ['size', 'selected', 'name', 'chatBarText', 'areas'],
    properties: {
      size: {
        type: 'object',
        required: ['width', 'height'],
        properties: { width: { minimum: 800, maximum: 2500 }, height: { minimum: 250 } },
      },
      areas: { maxItems: 20, items: { type: 'object', required: ['bounds', 'action'] } },
    },
  },
  ShowLoadingAnimationRequest: {
    properties: { chatId: { pattern: USER_ID_PATTERN }, loadingSeconds: { multipleOf: 5 } },
  },
  PostbackAction: { required: ['data'] },
  MessageAction: { required: ['text'] },
  URIAction: { required: ['uri'] },
  DatetimePickerAction: { required: ['data', 'mode'] },
  RichMenuSwitchAction: { required: ['richMenuAliasId', 'data'] },
  PushMessageRequest: { properties: { to: { pattern: CHAT_ID_PATTERN } } },
  MulticastRequest: { properties: { to: { items: { pattern: USER_ID_PATTERN } } } },
  RichMenuBulkLinkRequest: { properties: { userIds: { items: { pattern: USER_ID_PATTERN } } } },
  RichMenuBulkUnlinkRequest: { properties: { userIds: { items: { pattern: USER_ID_PATTERN } } } },
};

/** The spec's component schemas with LINE's documented limits added. */
export function withDocumentedRules(schemas: Record<string, Schema>): Record<string, Schema> {
  const patched = { ...schemas };
  for (const [name, rule] of Object.entries(RULES)) {
    const schema = patched[name];
    if (!schema) throw new Error(`messaging-api.yml has no schema ${name}: update documented-rules.ts`);
    const { allOf, ...own } = schema;
    // Kept apart in one more allOf entry, so the spec's own constraints stay untouched beside LINE's.
    patched[name] = { ...own, allOf: [...((allOf as Schema[]) ?? []), rule] };
  }
  return patched;
}
