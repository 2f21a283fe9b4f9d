import { useState } from 'react';
import type { SessionResponse } from '../../../../../bot/schemas/staff-api.ts';
import { Done, Problem } from '../../../components/form-parts.tsx';
import { useStore } from '../../../lib/use-store.ts';
import { type CouponTemplate, claimLinkOf, useCouponTemplates, useLiffId } from '../api/coupon-templates.ts';
import { useStores } from '../api/stores.ts';
import { CouponForm } from './coupon-form.tsx';
import { couponMessages } from './coupon-messages.ts';
import { CouponResults } from './coupon-results.tsx';
import { offerWords, titleOf, validityWords, waysInWords } from './coupon-words.ts';
import { Listing, PageHead, useEditing } from './listing.tsx';

/**
 * Coupon templates: read by coupon_template.read (store managers), added and changed by coupon_template.edit
 * (marketers, admins). `resultsOf`: the template whose results show instead of the list (the URL's, so a reload
 * keeps it); `onResults` opens them, or the list again with null.
 */
export function CouponsPage({
  session,
  resultsOf,
  onResults,
}: {
  session: SessionResponse;
  resultsOf: number | null;
  onResults: (templateId: number | null) => void;
}) {
  const t = useStore(couponMessages);
  const templates = useCouponTemplates();
  const stores = useStores();
  const liffId = useLiffId();
  const { editing, notice, setNotice, open, cancel, done } = useEditing<CouponTemplate>(templates.reload);
  const [failure, setFailure] = useState<string | null>(null);
  const edits = session.actions.includes('coupon_template.edit');
  const list = templates.data;
  /** ADR 26: a template retired by a copy is edited through its newest copy only. */
  const superseded = (template: CouponTemplate) => !!list?.some((other) => other.previousId === template.id);
  const newestFirst = list && [...list].sort((a, b) => b.id - a.id);

  async function copyLink(template: CouponTemplate) {
    const link = claimLinkOf(liffId.data ?? '', template.id);
    setFailure(null);
    try {
      await navigator.clipboard.writeText(link);
      setNotice(t.copied);
    } catch {
      // No clipboard (an http page, a refused permission): the link to copy by hand.
      setFailure(t.copyFailed({ link }));
    }
  }

  if (resultsOf !== null) {
    const template = list?.find((row) => row.id === resultsOf);
    return (
      <CouponResults
        templateId={resultsOf}
        template={template}
        claimLink={template?.claimable && liffId.data ? claimLinkOf(liffId.data, template.id) : null}
        onBack={() => onResults(null)}
      />
    );
  }

  return (
    <section aria-labelledby="coupons-heading">
      <PageHead
        id="coupons-heading"
        heading={t.heading}
        add={edits && !editing && { label: t.add, onClick: () => open(null) }}
      />
      {!edits && <p className="notice">{t.readOnly}</p>}
      <Done>{notice}</Done>
      <Problem>{failure}</Problem>
      {editing && stores.data && (
        <>
          <h2>{editing.row ? t.editing({ title: titleOf(editing.row) }) : t.add}</h2>
          <CouponForm
            template={editing.row}
            stores={stores.data}
            onDone={(_saved, copied) => done(copied ? t.copiedVersion : editing.row ? t.saved : t.created)}
            onCancel={cancel}
          />
        </>
      )}
      <Listing
        rows={newestFirst}
        error={templates.error}
        loading={t.loading}
        empty={t.empty}
        columns={[t.title, t.offer, t.validity, t.issued, t.waysIn, t.status]}
        actions={t.results}
      >
        {(template) => (
          <tr key={template.id} className={template.active ? '' : 'inactive'}>
            <td data-label={t.title}>{titleOf(template)}</td>
            <td data-label={t.offer}>{offerWords(t, template)}</td>
            <td data-label={t.validity}>{validityWords(t, template)}</td>
            <td data-label={t.issued}>
              {template.issuedCount} / {template.totalCap ?? t.noCap}
            </td>
            <td data-label={t.waysIn}>{waysInWords(t, template).join(t.separator)}</td>
            <td data-label={t.status}>
              <span className={`tag ${template.active ? 'on' : 'off'}`}>
                {superseded(template) ? t.superseded : template.active ? t.active : t.inactive}
              </span>
            </td>
            <td className="actions">
              <button type="button" className="link" onClick={() => onResults(template.id)}>
                {t.results}
                <span className="visually-hidden"> {titleOf(template)}</span>
              </button>
              {edits && !superseded(template) && (
                <button type="button" className="link" onClick={() => open(template)}>
                  {t.edit}
                  <span className="visually-hidden"> {titleOf(template)}</span>
                </button>
              )}
              {template.claimable && liffId.data && (
                <button type="button" className="link" onClick={() => void copyLink(template)}>
                  {t.copyLink}
                  <span className="visually-hidden"> {titleOf(template)}</span>
                </button>
              )}
            </td>
          </tr>
        )}
      </Listing>
    </section>
  );
}
