import { type FormEvent, type ReactNode, useState } from 'react';
import { Actions } from '../../../components/form-parts.tsx';
import { StaffField } from '../../../components/staff-field.tsx';
import { useStaffForm } from '../../../components/use-staff-form.ts';
import { formatDate } from '../../../lib/format.ts';
import { formatPoints, tierName } from '../../../lib/i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { filterMembers, type MemberRow, type SegmentRule, searchMembers } from '../api/members.ts';
import { membersMessages } from './member-messages.ts';

/** What the segment builder (composed in app/) gets: the rules, the server's problems at their paths, a change. */
export interface RuleEditorProps {
  rules: SegmentRule;
  problems: Record<string, string>;
  onChange: (rules: SegmentRule) => void;
}

type Listing = { rows: MemberRow[]; more: (() => Promise<void>) | null };

/** The rows found so far, newest page last, and how to read the next page. */
function MemberTable({ listing, onOpen }: { listing: Listing; onOpen: (id: number) => void }) {
  const t = useStore(membersMessages);
  const [busy, setBusy] = useState(false);
  if (listing.rows.length === 0) return <p className="empty">{t.none}</p>;
  return (
    <>
      <table className="table" aria-label={t.results}>
        <thead>
          <tr>
            <th>{t.memberNumber}</th>
            <th>{t.name}</th>
            <th>{t.phone}</th>
            <th>{t.tier}</th>
            <th>{t.points}</th>
            <th>{t.homeStore}</th>
            <th>{t.joinedAt}</th>
          </tr>
        </thead>
        <tbody>
          {listing.rows.map((row) => (
            <tr key={row.id}>
              <td data-label={t.memberNumber}>
                <button type="button" className="link" onClick={() => onOpen(row.id)}>
                  {row.memberNumber}
                </button>
              </td>
              <td data-label={t.name}>{row.name ?? t.noName}</td>
              <td data-label={t.phone}>{row.phone}</td>
              <td data-label={t.tier}>{tierName(row.tier)}</td>
              <td data-label={t.points}>{formatPoints(row.pointsBalance)}</td>
              <td data-label={t.homeStore}>{row.homeStore?.name}</td>
              <td data-label={t.joinedAt}>{formatDate(row.joinedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {listing.more && (
        <button
          type="button"
          className="button inline"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await listing.more?.();
            setBusy(false);
          }}
        >
          {t.more}
        </button>
      )}
    </>
  );
}

/**
 * Finding members (issue 16, point 1): a search box and a filter by segment rules, the builder handed in by app/
 * (features meet there, ADR 21); a found member opens on `onOpen`.
 */
export function MembersSearch({
  newRules,
  ruleEditor,
  onOpen,
}: {
  newRules: () => SegmentRule;
  ruleEditor: (props: RuleEditorProps) => ReactNode;
  onOpen: (id: number) => void;
}) {
  const t = useStore(membersMessages);
  const search = useStaffForm();
  const filter = useStaffForm();
  const [q, setQ] = useState('');
  const [rules, setRules] = useState<SegmentRule>(newRules);
  const [listing, setListing] = useState<Listing | null>(null);

  const bySearch = async (offset: number, before: MemberRow[]) => {
    const page = await searchMembers(q.trim(), offset);
    const rows = [...before, ...page.members];
    const next = page.nextOffset;
    setListing({ rows, more: next === null ? null : () => bySearch(next, rows) });
  };
  const byRules = async (after: number | undefined, before: MemberRow[]) => {
    const page = await filterMembers(rules, after);
    const rows = [...before, ...page.members];
    const next = page.nextAfter;
    setListing({ rows, more: next === null ? null : () => byRules(next, rows) });
  };
  const find = (event: FormEvent) => {
    event.preventDefault();
    void search.send(() => bySearch(0, []));
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    void filter.send(() => byRules(undefined, []));
  };
  const ruleProblems = Object.fromEntries(
    Object.entries(filter.problems).filter(([k]) => k.startsWith('rules')),
  );

  return (
    <>
      <form aria-label={t.find} className="panel" onSubmit={find} noValidate>
        <StaffField name="q" label={t.search} hint={t.searchHint} idPrefix="members">
          {(props) => <input {...props} type="search" value={q} onChange={(e) => setQ(e.target.value)} />}
        </StaffField>
        <Actions problem={search.failure} inline submit={t.find} busy={search.sending} />
      </form>
      <details className="panel">
        <summary>{t.filterHeading}</summary>
        <form aria-label={t.filterHeading} onSubmit={apply} noValidate>
          {ruleEditor({ rules, problems: ruleProblems, onChange: setRules })}
          <Actions problem={filter.failure} inline submit={t.filter} busy={filter.sending} />
        </form>
      </details>
      {listing && <MemberTable listing={listing} onOpen={onOpen} />}
    </>
  );
}
