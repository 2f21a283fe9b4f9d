import { type RefObject, useEffect, useRef, useState } from 'react';
import type { SessionResponse } from '../../../../../bot/schemas/staff-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import { useStore } from '../../../lib/use-store.ts';
import { listenToChat } from '../api/chat-events.ts';
import type { ConversationRow, InboxFilters } from '../api/types.ts';
import { Conversation } from './conversation.tsx';
import { InboxFilterBar, noFilters } from './inbox-filters.tsx';
import { InboxList } from './inbox-list.tsx';
import { type GiveCouponSlot, MemberPanel } from './member-panel.tsx';
import { inboxMessages } from './messages.ts';
import { useConversation } from './use-conversation.ts';
import { useInbox } from './use-inbox.ts';

/** The browser tab says how many conversations wait unread, so a console in another tab is noticed. */
function useTabTitle(rows: ConversationRow[] | undefined) {
  const t = useStore(inboxMessages);
  const unread = rows?.filter((row) => row.unread > 0).length ?? 0;
  useEffect(() => {
    document.title = unread > 0 ? t.tabTitle({ count: unread }) : t.baseTitle;
  }, [unread, t]);
  useEffect(
    () => () => {
      document.title = t.baseTitle;
    },
    [t],
  );
}

/** Whom a conversation may be assigned to: the staff list, for the sessions that may read it. */
function usePeople(session: SessionResponse) {
  const [people, setPeople] = useState<{ id: number; displayName: string }[]>([]);
  const reads = session.actions.includes('staff.read');
  useEffect(() => {
    if (!reads) return;
    staffApi
      .get<{ id: number; displayName: string; active: boolean }[]>('/staff')
      .then((staff) => setPeople(staff.filter((person) => person.active)))
      .catch(() => {});
  }, [reads]);
  return people;
}

/** The conversation open, its member beside it; kept apart so a new one starts afresh. */
function OpenConversation({
  session,
  id,
  people,
  onRow,
  onBack,
  giveCoupon,
  heard,
}: {
  session: SessionResponse;
  id: number;
  people: { id: number; displayName: string }[];
  onRow: (row: ConversationRow) => void;
  onBack: () => void;
  giveCoupon?: GiveCouponSlot | undefined;
  heard: RefObject<ReturnType<typeof useConversation>['arrived'] | null>;
}) {
  const conversation = useConversation(id, session.actions.includes('chat.reply'), onRow);
  heard.current = conversation.arrived;
  const memberId = conversation.view?.conversation.member?.id ?? null;
  return (
    <>
      <Conversation
        session={session}
        conversation={conversation}
        people={people}
        onRow={onRow}
        onBack={onBack}
      />
      {conversation.view && <MemberPanel session={session} memberId={memberId} giveCoupon={giveCoupon} />}
    </>
  );
}

/**
 * 對話: the 1:1 chat inbox (issue 15). The list, unread first, kept live by the chat's server-sent events; the open
 * conversation (`openId`, in the URL by app/) with the member beside it. On a phone one shows at a time.
 */
export function ChatPage({
  session,
  openId,
  onOpen,
  giveCoupon,
}: {
  session: SessionResponse;
  openId: number | null;
  onOpen: (id: number | null) => void;
  giveCoupon?: GiveCouponSlot;
}) {
  const t = useStore(inboxMessages);
  const [filters, setFilters] = useState<InboxFilters>(noFilters);
  const inbox = useInbox(filters, session.staff.id);
  const people = usePeople(session);
  const heard = useRef<ReturnType<typeof useConversation>['arrived'] | null>(null);
  const openRef = useRef(openId);
  openRef.current = openId;
  const inboxNow = useRef(inbox);
  inboxNow.current = inbox;
  useTabTitle(inbox.rows);

  // One connection for the page's life, whatever the filters: the events go to the list as it is filtered now.
  useEffect(
    () =>
      listenToChat({
        onConversation: (row) => inboxNow.current.update(row),
        onMessage: (conversationId, message) => {
          if (conversationId === openRef.current) heard.current?.(message);
        },
        onReconnect: () => inboxNow.current.reload(),
      }),
    [],
  );

  return (
    <section className={openId === null ? 'chat' : 'chat chat-open'} aria-labelledby="chat-heading">
      <div className="chat-inbox">
        <h1 id="chat-heading">{t.heading}</h1>
        <InboxFilterBar session={session} filters={filters} onChange={setFilters} />
        <InboxList
          rows={inbox.rows}
          error={inbox.error}
          next={inbox.next}
          openId={openId}
          onOpen={onOpen}
          onMore={() => void inbox.loadMore()}
        />
      </div>
      {openId !== null && (
        <OpenConversation
          key={openId}
          session={session}
          id={openId}
          people={people}
          onRow={inbox.update}
          onBack={() => onOpen(null)}
          giveCoupon={giveCoupon}
          heard={heard}
        />
      )}
    </section>
  );
}
