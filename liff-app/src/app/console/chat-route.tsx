import type { SessionResponse } from '../../../../bot/schemas/staff-api.ts';
import { ChatPage } from '../../features/chat/components/chat-page.tsx';
import { GiveCoupon } from '../../features/counter/components/give-coupon.tsx';
import { showConversation, useConversationOf } from './router.ts';

/**
 * The chat page with the counter's give-a-coupon control in its member panel: features meet in app/ (ADR 21), as
 * the member app's coupons route hands the card in.
 */
export function ChatRoute({ session }: { session: SessionResponse }) {
  const open = useConversationOf();
  return (
    <ChatPage
      session={session}
      openId={open}
      onOpen={showConversation}
      giveCoupon={(memberId, onGiven) => <GiveCoupon memberId={memberId} onGiven={onGiven} />}
    />
  );
}
