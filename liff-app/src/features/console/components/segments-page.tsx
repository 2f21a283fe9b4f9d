import { useState } from 'react';
import type { SessionResponse } from '../../../../../bot/schemas/staff-api.ts';
import { Done, Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import { useCouponTemplates } from '../api/coupon-templates.ts';
import { deleteSegment, type Segment, useSegments, useTags } from '../api/segments.ts';
import { useStores } from '../api/stores.ts';
import { Listing, PageHead, useEditing } from './listing.tsx';
import { SegmentForm } from './segment-form.tsx';
import { segmentErrorMessages, segmentMessages } from './segment-messages.ts';

/**
 * Saved segments (分眾): read by segment.read, built, renamed and deleted by segment.edit (marketers, admins). The
 * builder counts its rules live; a campaign picks a saved segment.
 */
export function SegmentsPage({ session }: { session: SessionResponse }) {
  const t = useStore(segmentMessages);
  const errors = useStore(errorMessages);
  const own = useStore(segmentErrorMessages);
  const segments = useSegments();
  const tags = useTags();
  const stores = useStores();
  const templates = useCouponTemplates();
  const { editing, notice, setNotice, open, cancel, done } = useEditing<Segment>(segments.reload);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const edits = session.actions.includes('segment.edit');
  const choices = { tags: tags.data ?? [], stores: stores.data ?? [], templates: templates.data ?? [] };

  async function remove(segment: Segment) {
    setConfirming(null);
    setFailure(null);
    try {
      await deleteSegment(segment);
      setNotice(t.removed);
      segments.reload();
    } catch (error) {
      setFailure(refusalText({ ...errors, ...own }, error));
    }
  }

  return (
    <section aria-labelledby="segments-heading">
      <PageHead
        id="segments-heading"
        heading={t.heading}
        add={edits && !editing && { label: t.add, onClick: () => open(null) }}
      />
      {!edits && <p className="notice">{t.readOnly}</p>}
      <Done>{notice}</Done>
      <Problem>{failure}</Problem>
      {editing && (
        <>
          <h2>{editing.row ? t.editing({ name: editing.row.name }) : t.add}</h2>
          <SegmentForm
            key={editing.row?.id ?? 'new'}
            segment={editing.row}
            choices={choices}
            onDone={() => done(editing.row ? t.saved : t.created)}
            onCancel={cancel}
          />
        </>
      )}
      <Listing
        rows={segments.data}
        error={segments.error}
        loading={t.loading}
        empty={t.empty}
        columns={[t.name, t.updatedAt]}
        actions={edits ? t.edit : undefined}
      >
        {(segment) => (
          <tr key={segment.id}>
            <td data-label={t.name}>{segment.name}</td>
            <td data-label={t.updatedAt}>{formatDateTime(segment.updatedAt)}</td>
            {edits && (
              <td className="actions">
                <button type="button" className="link" onClick={() => open(segment)}>
                  {t.edit}
                  <span className="visually-hidden"> {segment.name}</span>
                </button>
                {confirming === segment.id ? (
                  <span className="confirm" role="alert">
                    {t.confirmRemove}
                    <button type="button" className="link danger" onClick={() => void remove(segment)}>
                      {t.confirm}
                    </button>
                    <button type="button" className="link" onClick={() => setConfirming(null)}>
                      {t.cancel}
                    </button>
                  </span>
                ) : (
                  <button type="button" className="link danger" onClick={() => setConfirming(segment.id)}>
                    {t.remove}
                    <span className="visually-hidden"> {segment.name}</span>
                  </button>
                )}
              </td>
            )}
          </tr>
        )}
      </Listing>
    </section>
  );
}
