import { createContext, type MouseEvent, useContext } from 'react';
import type { LineAction } from './line-types.ts';

/** Whoever handles taps on actions (the phone page, or a test). */
export const ActionContext = createContext<(action: LineAction) => void>(() => {});

/** A tap on a component with an `action`: the action, and nothing beneath it. */
export function useTap(action: unknown) {
  const onAction = useContext(ActionContext);
  if (!action || typeof action !== 'object') return {};
  return {
    onClick: (event: MouseEvent) => {
      event.stopPropagation();
      onAction(action as LineAction);
    },
    role: 'button',
    'aria-label': (action as LineAction).label,
    className: 'fx-tappable',
  };
}
