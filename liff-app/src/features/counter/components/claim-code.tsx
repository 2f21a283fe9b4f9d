import { type FormEvent, useState } from 'react';
import type { Static } from 'typebox';
import type { ClaimCodeView } from '../../../../../bot/schemas/claim-codes-api.ts';
import { Problem } from '../../../components/form-parts.tsx';
import { errorCode } from '../../../lib/api-client.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { params } from '../../../lib/i18n.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import { staffI18n } from '../../../lib/staff-i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { CounterField } from './counter-field.tsx';
import { problemOf } from './problem.ts';

const PHONE = /^09\d{8}$/;

const claimCodeMessages = staffI18n('counterClaimCode', {
  heading: '會員綁定碼',
  explain:
    '門市會員要在 LINE 綁定會員資料，但生日不符或沒有登記生日時：先核對會員本人身分，再產生一次性綁定碼交給會員。',
  memberQuery: '會員的手機號碼或會員編號',
  issue: '產生綁定碼',
  issued: params('給 {name}（{memberNumber}）：{time} 前有效，只能使用一次。請會員在 LINE 的綁定畫面輸入。'),
  MEMBER_HAS_LINE: '這位會員已經綁定 LINE，不需要綁定碼。',
  MEMBER_NOT_FOUND: '找不到這位會員。',
});

/** 12345678 -> 1234 5678, as the clerk reads it out. */
const spaced = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;

/**
 * A one-time code that lets an in-store member claim their membership in LINE without the birthday: the clerk
 * checks who the member is, finds them by phone or member number, and hands over the code
 * (docs/decisions/0005-claiming-memberships.md).
 */
export function ClaimCode() {
  const t = useStore(claimCodeMessages);
  const [query, setQuery] = useState('');
  const [issued, setIssued] = useState<Static<typeof ClaimCodeView> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const typed = query.replace(/[\s-]/g, '');
    if (!typed) return;
    setBusy(true);
    setProblem(null);
    setIssued(null);
    try {
      const body = PHONE.test(typed) ? { phone: typed } : { memberNumber: typed.toUpperCase() };
      setIssued(await staffApi.post<Static<typeof ClaimCodeView>>('/claim-codes', body));
    } catch (error) {
      const code = errorCode(error);
      setProblem(
        code === 'MEMBER_HAS_LINE' || code === 'MEMBER_NOT_FOUND' ? t[code] : problemOf(error).message,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-label={t.heading}>
      <h2>{t.heading}</h2>
      <p className="field-hint">{t.explain}</p>
      <form onSubmit={submit} noValidate>
        <CounterField name="member" label={t.memberQuery} idPrefix="claim-code">
          {(props) => (
            <input
              {...props}
              aria-invalid={!!problem}
              autoComplete="off"
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                setProblem(null); // a corrected number is not still "not found"
              }}
            />
          )}
        </CounterField>
        <Problem>{problem}</Problem>
        <button type="submit" className="button secondary" disabled={busy}>
          {t.issue}
        </button>
      </form>
      {issued && (
        <div role="status" aria-label={t.heading}>
          <p className="claim-code" style={{ fontSize: '2rem', letterSpacing: '0.1em' }}>
            <strong>{spaced(issued.code)}</strong>
          </p>
          <p>
            {t.issued({
              name: issued.maskedName,
              memberNumber: issued.memberNumber,
              time: formatDateTime(issued.expiresAt),
            })}
          </p>
        </div>
      )}
    </section>
  );
}
