import { type ReactNode, useState } from 'react';
import type { StaffAction } from '../../../../../bot/schemas/staff-api.ts';
import { Done, Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { tierName } from '../../../lib/i18n.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import { type MemberDetail, useMember } from '../api/members.ts';
import { CouponsSection, PointsSection, PurchasesSection } from './member-activity.tsx';
import { memberErrorMessages, memberPageMessages, membersMessages } from './member-messages.ts';
import { PersonalDataSection } from './member-pdpa.tsx';
import { MemberRecordForm } from './member-record.tsx';
import { TagsSection } from './member-tags.tsx';

/** What app/ hands the member's page from other features: the chat's note and points forms (ADR 21). */
export interface MemberSlots {
  noteForm: (memberId: number, onAdded: () => void) => ReactNode;
  pointsAdjustment: (memberId: number, onAdjusted: () => void) => ReactNode;
}

/** A profile tile's value: the field, "—" when the member has none, or "not for your role" when it is withheld. */
type Tile = [label: string, value: ReactNode, options?: { withheld?: boolean; unbroken?: boolean }];

function Profile({ detail, onEdit }: { detail: MemberDetail; onEdit: (() => void) | null }) {
  const t = useStore(memberPageMessages);
  const m = detail.member;
  const withheld = (field: MemberDetail['member']['withheld'][number]) => ({
    withheld: m.withheld.includes(field),
  });
  const gender = m.gender ? (t as unknown as Record<string, string>)[m.gender] : null;
  const tiles: Tile[] = [
    [t.memberNumber, m.memberNumber, { unbroken: true }],
    [t.name, m.name],
    [t.phone, m.phone, { unbroken: true }],
    [t.birthday, m.birthday, withheld('birthday')],
    [t.gender, gender, withheld('gender')],
    [t.email, m.email, withheld('email')],
    [t.homeStore, m.homeStore?.name],
    [t.tier, tierName(m.tier)],
    [t.source, m.source === 'line' ? t.fromLine : t.fromImport],
    [t.line, m.lineBound ? t.bound : t.notBound],
    [t.optIn, m.marketingOptIn ? t.yes : t.no],
    [t.joinedAt, formatDate(m.joinedAt)],
  ];
  return (
    <section className="panel" aria-label={t.profile}>
      <h3>{t.profile}</h3>
      <dl className="figures profile">
        {tiles.map(([label, value, options]) => (
          <div key={label}>
            <dt>{label}</dt>
            {options?.withheld ? (
              <dd className="withheld">{t.withheld}</dd>
            ) : (
              <dd className={options?.unbroken ? 'unbroken' : undefined}>{value ?? '—'}</dd>
            )}
          </div>
        ))}
      </dl>
      {m.withheld.length > 0 && <p className="field-hint">{t.withheldHint}</p>}
      {onEdit && (
        <button type="button" className="button inline" onClick={onEdit}>
          {t.edit}
        </button>
      )}
    </section>
  );
}

function Notes({ detail, form }: { detail: MemberDetail; form: ReactNode }) {
  const t = useStore(memberPageMessages);
  return (
    <section className="panel" aria-label={t.notes}>
      <h3>{t.notes}</h3>
      {detail.notes.length === 0 && <p className="empty">{t.noNotes}</p>}
      <ul>
        {detail.notes.map((note) => (
          <li key={note.id}>
            {note.text}
            <span className="field-hint">
              {' '}
              {note.staff?.displayName} {formatDateTime(note.createdAt)}
            </span>
          </li>
        ))}
      </ul>
      {form}
    </section>
  );
}

/**
 * A member's page: profile (fixed with member.edit), points with their adjustment (points.adjust), coupons,
 * purchases, the chat, tags, notes, and the PDPA export and erasure (member.personal_data).
 */
export function MemberPage({
  memberId,
  actions,
  stores,
  slots,
  onBack,
}: {
  memberId: number;
  actions: readonly StaffAction[];
  stores: { id: number; name: string }[];
  slots: MemberSlots;
  onBack: () => void;
}) {
  const t = useStore(memberPageMessages);
  const list = useStore(membersMessages);
  const errors = useStore(errorMessages);
  const own = useStore(memberErrorMessages);
  const member = useMember(memberId);
  const [editing, setEditing] = useState(false);
  const [erased, setErased] = useState(false);
  const may = (action: StaffAction) => actions.includes(action);
  const detail = member.data;
  return (
    <div className="member-page">
      <button type="button" className="link" onClick={onBack}>
        {list.back}
      </button>
      <Done>{erased ? t.erased : null}</Done>
      {!detail &&
        !erased &&
        (member.error ? (
          <Problem>{refusalText({ ...errors, ...own }, member.error)}</Problem>
        ) : (
          <p>{list.loading}</p>
        ))}
      {detail && !erased && (
        <>
          <h2>
            {detail.member.name ?? list.noName} ・ {detail.member.memberNumber}
          </h2>
          {editing ? (
            <MemberRecordForm
              member={detail.member}
              stores={stores}
              onSaved={member.reload}
              onCancel={() => setEditing(false)}
            />
          ) : (
            <Profile detail={detail} onEdit={may('member.edit') ? () => setEditing(true) : null} />
          )}
          <PointsSection
            key={`points-${detail.points.balance}-${detail.points.history.entries[0]?.id}`}
            detail={detail}
          />
          {may('points.adjust') && (
            <section className="panel" aria-label={t.adjustPoints}>
              <h3>{t.adjustPoints}</h3>
              {slots.pointsAdjustment(memberId, member.reload)}
            </section>
          )}
          <CouponsSection detail={detail} />
          <PurchasesSection detail={detail} />
          <section className="panel" aria-label={t.chat}>
            <h3>{t.chat}</h3>
            {detail.conversationId === null ? (
              <p className="empty">{t.noChat}</p>
            ) : (
              <a href={`?page=chat&conversation=${detail.conversationId}`}>{t.openChat}</a>
            )}
          </section>
          <TagsSection detail={detail} canEdit={may('member_tag.edit')} onChanged={member.reload} />
          <Notes detail={detail} form={may('member_note.edit') && slots.noteForm(memberId, member.reload)} />
          {may('member.personal_data') && (
            <PersonalDataSection
              memberId={memberId}
              memberNumber={detail.member.memberNumber}
              onErased={() => setErased(true)}
            />
          )}
        </>
      )}
    </div>
  );
}
