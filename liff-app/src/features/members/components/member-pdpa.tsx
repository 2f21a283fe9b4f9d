import { type FormEvent, useState } from 'react';
import { Actions, Done } from '../../../components/form-parts.tsx';
import { useStore } from '../../../lib/use-store.ts';
import { eraseMember, personalDataOf } from '../api/members.ts';
import { memberPageMessages } from './member-messages.ts';
import { MemberField } from './member-record.tsx';
import { useMemberForm } from './use-member-form.ts';

/** Hands the browser a JSON file to save. */
function download(name: string, data: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * The member's rights under the PDPA (member.personal_data): their data as they would download it, and the
 * erasure, confirmed by typing the member number.
 */
export function PersonalDataSection({
  memberId,
  memberNumber,
  onErased,
}: {
  memberId: number;
  memberNumber: string;
  onErased: () => void;
}) {
  const t = useStore(memberPageMessages);
  const exporting = useMemberForm();
  const erasing = useMemberForm();
  const [done, setDone] = useState<string | null>(null);
  const [confirm, setConfirm] = useState('');

  const exportData = async () => {
    const ok = await exporting.send(async () =>
      download(`member-${memberNumber}.json`, await personalDataOf(memberId)),
    );
    if (ok) setDone(t.exported);
  };
  const erase = async (event: FormEvent) => {
    event.preventDefault();
    if (await erasing.send(() => eraseMember(memberId, confirm))) onErased();
  };

  return (
    <section className="panel" aria-label={t.pdpa}>
      <h3>{t.pdpa}</h3>
      <button
        type="button"
        className="button inline"
        disabled={exporting.sending}
        onClick={() => void exportData()}
      >
        {t.export}
      </button>
      <Done>{done}</Done>
      <form aria-label={t.erase} onSubmit={erase} onChange={erasing.corrected} noValidate>
        <p className="field-hint">{t.eraseHint}</p>
        <MemberField name="confirm" label={t.confirm} problem={erasing.problems.confirm}>
          {(props) => (
            <input
              {...props}
              autoComplete="off"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
            />
          )}
        </MemberField>
        <Actions problem={erasing.failure} inline submit={t.eraseSubmit} busy={erasing.sending} />
      </form>
    </section>
  );
}
