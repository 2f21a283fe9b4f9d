import Type, { type Static, type TSchema } from 'typebox';

/**
 * The chat inbox as the staff console reads and sends it (issue 15's contract): the list, a conversation, an
 * answer, a change of status, mode, assignee or store, and the live events' rows. Bodies take no unknown field.
 */
const Strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Named = Type.Object({ id: Type.Integer(), name: Type.String() });
const StaffRef = Type.Object({ id: Type.Integer(), displayName: Type.String() });

export const ConversationRow = Type.Object({
  id: Type.Integer(),
  lineUserId: Type.String(),
  status: Type.Enum(['open', 'waiting', 'done']),
  mode: Type.Enum(['bot', 'staff']),
  unread: Type.Integer(),
  lastMessageAt: Type.String(),
  lastMessage: Nullable(
    Type.Object({ direction: Type.Enum(['in', 'out']), kind: Type.String(), text: Nullable(Type.String()) }),
  ),
  member: Nullable(
    Type.Object({
      id: Type.Integer(),
      name: Nullable(Type.String()),
      memberNumber: Type.String(),
      tierCode: Type.String(),
      tierName: Type.String(),
      homeStore: Nullable(Named),
      tags: Type.Array(Type.String()),
    }),
  ),
  displayName: Nullable(Type.String()),
  pictureUrl: Nullable(Type.String()),
  assignee: Nullable(StaffRef),
  store: Nullable(Named),
});

export const ChatMessageView = Type.Object({
  id: Type.Integer(),
  direction: Type.Enum(['in', 'out']),
  kind: Type.String(),
  text: Nullable(Type.String()),
  sticker: Nullable(Type.Object({ packageId: Type.String(), stickerId: Type.String() })),
  media: Nullable(
    Type.Object({
      url: Type.String(),
      contentType: Nullable(Type.String()),
      status: Type.Enum(['pending', 'fetched', 'failed', 'erased']),
    }),
  ),
  location: Nullable(
    Type.Object({
      title: Nullable(Type.String()),
      address: Nullable(Type.String()),
      latitude: Type.Number(),
      longitude: Type.Number(),
    }),
  ),
  quoted: Nullable(Type.Object({ id: Type.Integer(), text: Nullable(Type.String()) })),
  staff: Nullable(StaffRef),
  automatic: Type.Boolean(),
  delivery: Nullable(Type.Enum(['reply', 'push'])),
  status: Nullable(Type.Enum(['pending', 'sent', 'failed'])),
  readAt: Nullable(Type.String()),
  erased: Type.Boolean(),
  sentAt: Type.String(),
});

/** GET /api/staff/chat/conversations */
export const InboxQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(['open', 'waiting', 'done', 'all'])),
    assignee: Type.Optional(
      Type.Union([Type.Enum(['me', 'none']), Type.String({ pattern: '^[1-9][0-9]{0,9}$' })]),
    ),
    storeId: Type.Optional(Type.Integer({ minimum: 1 })),
    unread: Type.Optional(Type.Enum(['1'])),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    before: Type.Optional(Type.String({ maxLength: 200 })),
  },
  Strict,
);
export type InboxQuery = Static<typeof InboxQuery>;
export const InboxPage = Type.Object({
  conversations: Type.Array(ConversationRow),
  next: Nullable(Type.String()),
});

/** GET /api/staff/chat/conversations/:id */
export const ConversationQuery = Type.Object({ before: Type.Optional(Type.Integer({ minimum: 1 })) }, Strict);
export const ConversationView = Type.Object({
  conversation: ConversationRow,
  messages: Type.Array(ChatMessageView),
  reply: Type.Object({ token: Type.Enum(['fresh', 'none']), freshUntil: Nullable(Type.String()) }),
  push: Type.Object({
    allowed: Type.Boolean(),
    until: Nullable(Type.String()),
    quotaLeft: Nullable(Type.Integer()),
  }),
  /** Whether staff may send an image: only with PUBLIC_URL, the https origin LINE fetches it from. */
  images: Type.Object({ allowed: Type.Boolean() }),
});

/** POST /api/staff/chat/conversations/:id/messages */
export const AnswerBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 5000 }),
    quoteMessageId: Type.Optional(Type.Integer({ minimum: 1 })),
    requestId: Type.String({ format: 'uuid' }),
  },
  Strict,
);
export type AnswerBody = Static<typeof AnswerBody>;
export const AnswerView = Type.Object({ message: ChatMessageView, delivery: Type.Enum(['reply', 'push']) });

/** Base64 as the browser's FileReader and btoa write it; the server reads the bytes and judges them itself. */
const Base64 = Type.String({ minLength: 1, pattern: '^[A-Za-z0-9+/]+={0,2}$' });

/** POST /api/staff/chat/conversations/:id/images: a JPEG or PNG and the preview the console made of it. */
export const ImageAnswerBody = Type.Object(
  { original: Base64, preview: Base64, requestId: Type.String({ format: 'uuid' }) },
  Strict,
);
export type ImageAnswerBody = Static<typeof ImageAnswerBody>;

/** PATCH /api/staff/chat/conversations/:id */
export const ConversationChangeBody = Type.Object(
  {
    status: Type.Optional(Type.Enum(['open', 'waiting', 'done'])),
    mode: Type.Optional(Type.Enum(['bot', 'staff'])),
    assigneeId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    storeId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  },
  Strict,
);

/** GET /api/staff/chat/media/:messageId */
export const MediaParams = Type.Object({ messageId: Type.Integer({ minimum: 1 }) }, Strict);

/** GET /media/chat/:messageId/:variant?exp=…&sig=…: an image staff sent, as LINE fetches it (ADR 37). */
export const SentImageParams = Type.Object(
  { messageId: Type.Integer({ minimum: 1 }), variant: Type.Enum(['original', 'preview']) },
  Strict,
);
export const SentImageQuery = Type.Object(
  { exp: Type.Integer({ minimum: 0 }), sig: Type.String({ maxLength: 100 }) },
  Strict,
);
