import type { ChatMessageView, ConversationRow } from './types.ts';

export interface ChatEvents {
  /** A conversation this session may see changed (a message, a read, an assignment). */
  onConversation: (row: ConversationRow) => void;
  /** A message arrived or changed (an answer sent, a medium fetched). */
  onMessage: (conversationId: number, message: ChatMessageView) => void;
  /** The connection came back after a break: what changed meanwhile was not heard. */
  onReconnect: () => void;
}

/**
 * GET /api/staff/chat/events: the inbox's changes as server-sent events, read with the browser's EventSource (it
 * reconnects by itself). Where the browser has none, the page still works and shows changes on its next load.
 * Returns the unsubscribe.
 */
export function listenToChat({ onConversation, onMessage, onReconnect }: ChatEvents): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  const source = new EventSource('/api/staff/chat/events');
  let opened = false;
  source.addEventListener('open', () => {
    if (opened) onReconnect();
    opened = true;
  });
  source.addEventListener('conversation', (event) =>
    onConversation(JSON.parse((event as MessageEvent).data)),
  );
  source.addEventListener('message', (event) => {
    const { conversationId, message } = JSON.parse((event as MessageEvent).data) as {
      conversationId: number;
      message: ChatMessageView;
    };
    onMessage(conversationId, message);
  });
  return () => source.close();
}
