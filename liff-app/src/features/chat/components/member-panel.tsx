import type { ReactNode } from 'react';
import type { SessionResponse } from '../../../../../bot/schemas/staff-api.ts';
import { Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { formatDate, formatMoney } from '../../../lib/format.ts';
import { formatPoints } from '../../../lib/i18n.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useResource } from '../../../lib/use-resource.ts';
import { useStore } from '../../../lib/use-store.ts';
import { getMemberContext } from '../api/member-context.ts';
import { NoteForm, PointsAdjustment } from './member-actions.tsx';
import { chatErrorMessages, memberPanelMessages } from './messages.ts';

/** The console's own way to give a coupon (the counter's), handed in by app/: features meet there (ADR 21). */
export type GiveCouponSlot = (memberId: number, onGiven: () => void) => ReactNode;

/**
 * The member beside the conversation: tier, points, usable coupons, last purchases, home store, tags and notes,
 * with what staff do in one click: a note, a coupon, points with a reason (those who may adjust them).
 */
export function MemberPanel({
  session,
  memberId,
  giveCoupon,
}: {
  session: SessionResponse;
  memberId: number | null;
  giveCoupon?: GiveCouponSlot | undefined;
}) {
  const t = useStore(memberPanelMessages);
  if (memberId === null)
    return (
      <aside className="chat-member" aria-label={t.heading}>
        <h2>{t.heading}</h2>
        <p className="status">{t.notMember}</p>
      </aside>
    );
  return <MemberContextPanel key={memberId} session={session} memberId={memberId} giveCoupon={giveCoupon} />;
}

function MemberContextPanel({
  session,
  memberId,
  giveCoupon,
}: {
  session: SessionResponse;
  memberId: number;
  giveCoupon?: GiveCouponSlot | undefined;
}) {
  const t = useStore(memberPanelMessages);
  const errors = useStore(errorMessages);
  const chatErrors = useStore(chatErrorMessages);
  const context = useResource(() => getMemberContext(memberId), `member-context-${memberId}`);
  const can = (action: SessionResponse['actions'][number]) => session.actions.includes(action);
  if (context.error && !context.data)
    return (
      <aside className="chat-member" aria-label={t.heading}>
        <Problem>{refusalText({ ...errors, ...chatErrors }, context.error)}</Problem>
      </aside>
    );
  if (!context.data)
    return (
      <aside className="chat-member" aria-label={t.heading}>
        <p className="status">{t.loading}</p>
      </aside>
    );
  const { member, coupons, purchases, notes } = context.data;
  return (
    <aside className="chat-member" aria-label={t.heading}>
      <h2>{t.heading}</h2>
      <dl className="chat-facts">
        <dt>{t.name}</dt>
        <dd>{member.name ?? t.none}</dd>
        <dt>{t.memberNumber}</dt>
        <dd>{member.memberNumber}</dd>
        {member.phone && (
          <>
            <dt>{t.phone}</dt>
            <dd>{member.phone}</dd>
          </>
        )}
        <dt>{t.tier}</dt>
        <dd>{member.tier.name}</dd>
        <dt>{t.points}</dt>
        <dd>{t.pointsValue({ points: formatPoints(member.pointsBalance) })}</dd>
        <dt>{t.homeStore}</dt>
        <dd>{member.homeStore?.name ?? t.none}</dd>
        <dt>{t.joined}</dt>
        <dd>{formatDate(member.joinedAt)}</dd>
        <dt>{t.tags}</dt>
        <dd>
          {member.tags.length === 0
            ? t.noTags
            : member.tags.map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))}
        </dd>
      </dl>

      <h3>{t.actions}</h3>
      {can('member.read') && (
        <p>
          <a href={`?page=members&member=${member.id}`}>{t.openMember}</a>
        </p>
      )}
      {giveCoupon && can('coupon.give') && giveCoupon(member.id, context.reload)}
      {can('points.adjust') && <PointsAdjustment memberId={member.id} onAdjusted={context.reload} />}

      <h3>{t.coupons}</h3>
      {coupons.length === 0 ? (
        <p className="field-hint">{t.noCoupons}</p>
      ) : (
        <ul className="chat-list" aria-label={t.coupons}>
          {coupons.map((coupon) => (
            <li key={coupon.id}>
              {coupon.title}
              {coupon.expiresAt && (
                <span className="field-hint">{` ${t.until({ date: formatDate(coupon.expiresAt) })}`}</span>
              )}
            </li>
          ))}
        </ul>
      )}

      <h3>{t.purchases}</h3>
      {purchases.length === 0 ? (
        <p className="field-hint">{t.noPurchases}</p>
      ) : (
        <ul className="chat-list" aria-label={t.purchases}>
          {purchases.map((purchase) => (
            <li key={purchase.id}>
              {t.purchase({
                date: formatDate(purchase.at),
                store: purchase.storeName ?? t.online,
                amount: formatMoney(purchase.amount),
              })}
            </li>
          ))}
        </ul>
      )}

      <h3>{t.notes}</h3>
      {notes.length === 0 ? (
        <p className="field-hint">{t.noNotes}</p>
      ) : (
        <ul className="chat-list" aria-label={t.notes}>
          {notes.map((note) => (
            <li key={note.id}>
              <p className="chat-note">{note.text}</p>
              <span className="field-hint">
                {t.noteBy({ name: note.staff?.displayName ?? '', time: formatDate(note.createdAt) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {can('member_note.edit') && <NoteForm memberId={member.id} onAdded={context.reload} />}
    </aside>
  );
}
