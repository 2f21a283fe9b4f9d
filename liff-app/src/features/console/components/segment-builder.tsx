import type { Condition, SegmentRule } from '../../../../../bot/schemas/segments-api.ts';
import { problemText } from '../../../components/field.tsx';
import { useStore } from '../../../lib/use-store.ts';
import { type Choices, ConditionValues } from './segment-condition.tsx';
import { ruleMessages, ruleProblemMessages } from './segment-messages.ts';
import {
  conditionOf,
  type Field,
  fields,
  type Group,
  groupOf,
  isGroup,
  itemsOf,
  joinOf,
  problemsAt,
} from './segment-rules.ts';

/** The server's problems at one place of the tree, in the staff's words (the server's paths: `rules.all.0.min`). */
function ProblemsAt({ problems, path }: { problems: Record<string, string>; path: string }) {
  const words = useStore(ruleProblemMessages);
  const here = problemsAt(problems, path);
  if (here.length === 0) return null;
  return (
    <ul className="field-error rule-problems">
      {here.map(([key, code]) => (
        <li key={key}>{problemText(words, code)}</li>
      ))}
    </ul>
  );
}

/** One condition: its field, then its values; a new field starts from that field's usual value. */
function ConditionRow({
  path,
  condition,
  choices,
  problems,
  onChange,
  onRemove,
}: {
  path: string;
  condition: Condition;
  choices: Choices;
  problems: Record<string, string>;
  onChange: (rule: SegmentRule) => void;
  onRemove: () => void;
}) {
  const t = useStore(ruleMessages);
  const invalid = problemsAt(problems, path).length > 0;
  return (
    <fieldset className="rule-condition" aria-label={t[condition.field]} aria-invalid={invalid}>
      <select
        aria-label={t.field}
        value={condition.field}
        onChange={(event) => onChange(conditionOf(event.target.value as Field))}
      >
        {fields.map((field) => (
          <option key={field} value={field}>
            {t[field]}
          </option>
        ))}
      </select>
      <ConditionValues
        key={condition.field}
        path={path}
        condition={condition}
        choices={choices}
        onChange={onChange}
      />
      <button type="button" className="link danger" onClick={onRemove}>
        {t.removeCondition}
      </button>
      <ProblemsAt problems={problems} path={path} />
    </fieldset>
  );
}

/**
 * A group of conditions joined by AND (全部符合) or OR (任一符合), holding conditions and groups of its own up to the
 * domain's three levels. `path`: the server's path of the group, so its problems land on the right row.
 */
export function RuleGroup({
  path,
  group,
  depth = 1,
  choices,
  problems,
  onChange,
  onRemove,
}: {
  path: string;
  group: Group;
  depth?: number;
  choices: Choices;
  problems: Record<string, string>;
  onChange: (group: Group) => void;
  onRemove?: () => void;
}) {
  const t = useStore(ruleMessages);
  const join = joinOf(group);
  const items = itemsOf(group);
  const put = (items: SegmentRule[], as = join) => onChange(groupOf(as, items));
  const replace = (i: number, rule: SegmentRule) => put(items.map((item, j) => (j === i ? rule : item)));
  const remove = (i: number) => put(items.filter((_, j) => j !== i));
  return (
    <fieldset className="rule-group">
      <legend className="visually-hidden">{t.group}</legend>
      <div className="choices">
        {(['all', 'any'] as const).map((as) => (
          <label key={as} className="check">
            <input type="radio" name={`${path}-join`} checked={join === as} onChange={() => put(items, as)} />
            {t[as]}
          </label>
        ))}
      </div>
      {items.map((item, i) => {
        const at = `${path}.${join}.${i}`;
        return isGroup(item) ? (
          <RuleGroup
            // biome-ignore lint/suspicious/noArrayIndexKey: a condition is its place in the tree, as the server's paths are
            key={i}
            path={at}
            group={item}
            depth={depth + 1}
            choices={choices}
            problems={problems}
            onChange={(next) => replace(i, next)}
            onRemove={() => remove(i)}
          />
        ) : (
          <ConditionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            key={i}
            path={at}
            condition={item}
            choices={choices}
            problems={problems}
            onChange={(next) => replace(i, next)}
            onRemove={() => remove(i)}
          />
        );
      })}
      <ProblemsAt problems={problems} path={path} />
      <div className="row">
        <button type="button" className="link" onClick={() => put([...items, conditionOf('tier')])}>
          {t.addCondition}
        </button>
        {depth < 3 && (
          <button
            type="button"
            className="link"
            onClick={() =>
              put([...items, { [join === 'all' ? 'any' : 'all']: [conditionOf('tier')] } as Group])
            }
          >
            {t.addGroup}
          </button>
        )}
        {onRemove && (
          <button type="button" className="link danger" onClick={onRemove}>
            {t.removeGroup}
          </button>
        )}
      </div>
    </fieldset>
  );
}
