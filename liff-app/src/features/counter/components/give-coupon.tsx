import { useRef, useState } from 'react';
import { useStore } from '../../../lib/use-store.ts';
import { type Coupon, type Giveable, giveableTemplates, giveCoupon } from '../api/coupons.ts';
import { couponGives, title } from './choose-coupons.tsx';
import { CounterField } from './counter-field.tsx';
import { counterMessages } from './messages.ts';
import { problemOf } from './problem.ts';

/**
 * A clerk gives the member at the counter a coupon (a store's apology, a regular's treat): the templates they may
 * give here, one tap, audited by the server. A coupon usable now joins the ones this checkout may use. One key per
 * template chosen, so a double tap gives one coupon.
 */
export function GiveCoupon({ memberId, onGiven }: { memberId: number; onGiven: (coupon: Coupon) => void }) {
  const t = useStore(counterMessages);
  const [templates, setTemplates] = useState<Giveable[] | null>(null);
  const [choice, setChoice] = useState('');
  const [said, setSaid] = useState<{ done?: string; problem?: string }>({});
  const [busy, setBusy] = useState(false);
  const keys = useRef(new Map<string, string>());

  const open = async () => {
    try {
      const found = await giveableTemplates();
      setTemplates(found);
      setChoice(found[0] ? String(found[0].id) : '');
    } catch (error) {
      setSaid({ problem: problemOf(error).message });
    }
  };
  const give = async () => {
    const template = templates?.find((candidate) => String(candidate.id) === choice);
    if (!template || busy) return;
    const key = keys.current.get(choice) ?? crypto.randomUUID();
    keys.current.set(choice, key);
    setBusy(true);
    try {
      const coupon = await giveCoupon(memberId, { templateId: template.id, idempotencyKey: key });
      setSaid({ done: t.given({ title: title(template) }) });
      if (Date.parse(coupon.validFrom) <= Date.now())
        onGiven({ ...template, id: coupon.id, code: coupon.code, validUntil: coupon.validUntil });
    } catch (error) {
      setSaid({ problem: problemOf(error).message });
    } finally {
      setBusy(false);
    }
  };

  if (templates === null) {
    return (
      <>
        <button type="button" className="link give-coupon-open" onClick={open}>
          {t.giveCoupon}
        </button>
        {said.problem && <p className="field-error">{said.problem}</p>}
      </>
    );
  }
  return (
    <div className="give-coupon">
      {templates.length === 0 ? (
        <p className="field-hint">{t.giveNone}</p>
      ) : (
        <CounterField name="giveTemplate" label={t.giveWhich}>
          {(props) => (
            <div className="row">
              <select {...props} value={choice} onChange={(event) => setChoice(event.target.value)}>
                {templates.map((template) => (
                  <option key={template.id} value={template.id}>
                    {`${title(template)}・${couponGives(template)}`}
                  </option>
                ))}
              </select>
              <button type="button" className="button inline" disabled={busy} onClick={give}>
                {t.give}
              </button>
            </div>
          )}
        </CounterField>
      )}
      {said.done && (
        <p className="notice" role="status">
          {said.done}
        </p>
      )}
      {said.problem && (
        <p className="form-error" role="alert">
          {said.problem}
        </p>
      )}
    </div>
  );
}
