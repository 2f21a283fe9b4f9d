import { useState } from 'react';
import { Problem } from '../../../components/form-parts.tsx';
import { useStore } from '../../../lib/use-store.ts';
import { type MemberDetail, tagMember, untagMember, useTagChoices } from '../api/members.ts';
import { memberPageMessages } from './member-messages.ts';
import { useMemberForm } from './use-member-form.ts';

/** The tags the member wears; with member_tag.edit, a manual tag put on or taken off. */
export function TagsSection({
  detail,
  canEdit,
  onChanged,
}: {
  detail: MemberDetail;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const t = useStore(memberPageMessages);
  const form = useMemberForm();
  const choices = useTagChoices();
  const [chosen, setChosen] = useState('');
  const worn = new Set(detail.tags.map((tag) => tag.id));
  const manual = (choices.data ?? []).filter((tag) => tag.kind === 'manual' && !worn.has(tag.id));
  const change = async (request: () => Promise<unknown>) => {
    if (await form.send(request)) onChanged();
  };
  return (
    <section className="panel" aria-label={t.tags}>
      <h3>{t.tags}</h3>
      {detail.tags.length === 0 && <p className="empty">{t.noTags}</p>}
      <ul className="change">
        {detail.tags.map((tag) => (
          <li key={tag.id} className="tag on">
            {tag.name}
            {canEdit && tag.kind === 'manual' && (
              <button
                type="button"
                className="link"
                aria-label={t.removeTag({ name: tag.name })}
                onClick={() => void change(() => untagMember(detail.member.id, tag.id))}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {canEdit && manual.length > 0 && (
        <div className="row">
          <select aria-label={t.chooseTag} value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{t.chooseTag}</option>
            {manual.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button inline"
            disabled={!chosen || form.sending}
            onClick={() =>
              void change(() => tagMember(detail.member.id, Number(chosen))).then(() => setChosen(''))
            }
          >
            {t.addTag}
          </button>
        </div>
      )}
      <Problem>{form.failure}</Problem>
    </section>
  );
}
