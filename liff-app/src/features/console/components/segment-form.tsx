import { type FormEvent, useState } from 'react';
import { fieldWith } from '../../../components/field.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { useStaffForm } from '../../../components/use-staff-form.ts';
import { useStore } from '../../../lib/use-store.ts';
import { type Segment, saveSegment } from '../api/segments.ts';
import { ConsoleForm, OtherFields, sendForm } from './console-form.tsx';
import { EditorActions } from './listing.tsx';
import { RuleGroup } from './segment-builder.tsx';
import type { Choices } from './segment-condition.tsx';
import { LiveCount, useLiveCount } from './segment-count.tsx';
import { ruleProblemMessages, segmentErrorMessages, segmentMessages } from './segment-messages.ts';
import { type Group, isGroup, newRules } from './segment-rules.ts';

const SegmentField = fieldWith(ruleProblemMessages, 'segment');

/** A saved segment's rules as the builder holds them: always a group at the top, so conditions can be added. */
const groupOfRules = (segment: Segment | null): Group =>
  !segment ? newRules() : isGroup(segment.rules) ? segment.rules : { all: [segment.rules] };

/**
 * Creates or changes a saved segment: its name and its rules, counted live while they change. What is wrong the
 * server says by path (ADR 25), on the condition it is about.
 */
export function SegmentForm({
  segment,
  choices,
  onDone,
  onCancel,
}: {
  segment: Segment | null;
  choices: Choices;
  onDone: (saved: Segment) => void;
  onCancel: () => void;
}) {
  const t = useStore(segmentMessages);
  const errors = useStore(errorMessages);
  const own = useStore(segmentErrorMessages);
  const [name, setName] = useState(segment?.name ?? '');
  const [rules, setRules] = useState<Group>(() => groupOfRules(segment));
  const [countProblems, setCountProblems] = useState<Record<string, string>>({});
  const editor = useStaffForm();
  const live = useLiveCount(rules, setCountProblems);
  const problems = { ...countProblems, ...editor.problems };
  const ruleProblems = Object.fromEntries(
    Object.entries(problems).filter(([key]) => key.startsWith('rules')),
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const saved = await sendForm(editor, { ...errors, ...own }, () => saveSegment(segment, { name, rules }));
    if (saved) onDone(saved);
  }

  const changeRules = (next: Group) => {
    editor.setProblems(
      Object.fromEntries(Object.entries(editor.problems).filter(([k]) => !k.startsWith('rules'))),
    );
    setRules(next);
  };

  return (
    <ConsoleForm
      label={segment ? t.save : t.create}
      className="panel editor segment-form"
      onSubmit={submit}
      form={editor}
    >
      <SegmentField name="name" label={t.name} problem={problems.name}>
        {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} />}
      </SegmentField>
      <h3>{t.rules}</h3>
      <RuleGroup
        path="rules"
        group={rules}
        choices={choices}
        problems={ruleProblems}
        onChange={changeRules}
      />
      <LiveCount {...live} />
      <OtherFields
        problems={Object.fromEntries(Object.entries(problems).filter(([key]) => !key.startsWith('rules')))}
        shown={['name']}
      />
      <EditorActions
        form={editor}
        submit={segment ? t.save : t.create}
        cancel={t.cancel}
        onCancel={onCancel}
      />
    </ConsoleForm>
  );
}
