import { useState } from 'react';
import type { LineAction } from './line-types.ts';

const INPUT_TYPE = { date: 'date', time: 'time', datetime: 'datetime-local' } as const;
const TITLE = { date: '選擇日期', time: '選擇時間', datetime: '選擇日期與時間' } as const;

/**
 * A datetime picker action's sheet: a native input in the action's mode, bounded by `min` and `max`.
 * Answers with the postback `params` LINE sends: `{date}`, `{time}` or `{datetime}` (`2026-12-24T10:00`).
 */
export function DateTimePicker({
  action,
  onPick,
  onCancel,
}: {
  action: LineAction;
  onPick: (params: Record<string, string>) => void;
  onCancel: () => void;
}) {
  const mode = action.mode ?? 'datetime';
  const [value, setValue] = useState(action.initial ?? '');
  return (
    <div className="sheet" role="dialog" aria-label={TITLE[mode]}>
      <div className="sheet-body">
        <strong>{TITLE[mode]}</strong>
        <input
          type={INPUT_TYPE[mode]}
          value={value}
          min={action.min}
          max={action.max}
          onChange={(event) => setValue(event.target.value)}
          aria-label={TITLE[mode]}
        />
        <div className="sheet-buttons">
          <button type="button" onClick={onCancel}>
            取消
          </button>
          <button
            type="button"
            className="primary"
            disabled={!value}
            onClick={() => onPick({ [mode]: value })}
          >
            確定
          </button>
        </div>
      </div>
    </div>
  );
}
