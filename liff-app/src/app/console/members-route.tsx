import type { SessionResponse } from '../../../../bot/schemas/staff-api.ts';
import { NoteForm, PointsAdjustment } from '../../features/chat/components/member-actions.tsx';
import { useCouponTemplates } from '../../features/console/api/coupon-templates.ts';
import { useTags } from '../../features/console/api/segments.ts';
import { useStores } from '../../features/console/api/stores.ts';
import { RuleGroup } from '../../features/console/components/segment-builder.tsx';
import { type Group, isGroup, newRules } from '../../features/console/components/segment-rules.ts';
import { MemberPage } from '../../features/members/components/member-detail.tsx';
import { membersMessages } from '../../features/members/components/member-messages.ts';
import { MembersSearch, type RuleEditorProps } from '../../features/members/components/members-page.tsx';
import { useStore } from '../../lib/use-store.ts';
import { showMember, useMemberOf } from './router.ts';

/** The console's segment builder over the members list's rules (features meet in app/, ADR 21). */
function RuleEditor({ rules, problems, onChange }: RuleEditorProps) {
  const tags = useTags();
  const stores = useStores();
  const templates = useCouponTemplates();
  const choices = { tags: tags.data ?? [], stores: stores.data ?? [], templates: templates.data ?? [] };
  const group: Group = isGroup(rules) ? rules : { all: [rules] };
  return <RuleGroup path="rules" group={group} choices={choices} problems={problems} onChange={onChange} />;
}

/**
 * Members in the console: the search and the list by segment rules, then a member's page with the chat's note
 * and points-adjustment forms handed in. The open member is in the URL (`?page=members&member=12`).
 */
export function MembersRoute({ session }: { session: SessionResponse }) {
  const t = useStore(membersMessages);
  const stores = useStores();
  const open = useMemberOf();
  return (
    <section className="members">
      <h2>{t.heading}</h2>
      <div hidden={open !== null}>
        <MembersSearch
          newRules={newRules}
          ruleEditor={(props) => <RuleEditor {...props} />}
          onOpen={showMember}
        />
      </div>
      {open !== null && (
        <MemberPage
          key={open}
          memberId={open}
          actions={session.actions}
          stores={(stores.data ?? []).filter((s) => s.active !== false)}
          slots={{
            noteForm: (id, onAdded) => <NoteForm memberId={id} onAdded={onAdded} />,
            pointsAdjustment: (id, onAdjusted) => <PointsAdjustment memberId={id} onAdjusted={onAdjusted} />,
          }}
          onBack={() => showMember(null)}
        />
      )}
    </section>
  );
}
