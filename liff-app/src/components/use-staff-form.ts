import { useState } from 'react';
import { useFieldProblems } from '../lib/field-problems.ts';
import { fieldProblemsOf, refusalText } from '../lib/refusals.ts';
import { useStore } from '../lib/use-store.ts';
import { errorMessages } from './staff-messages.ts';

/**
 * A staff form's state: each field's problem code (shown on its StaffField), the refusal (shown above the buttons)
 * and whether it is sending. `send` runs one request and says whether it went through; `corrected` is the form's
 * onChange, forgetting a field's problem once it changes.
 */
export function useStaffForm() {
  const errors = useStore(errorMessages);
  const { problems, setProblems, corrected } = useFieldProblems();
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function send(request: () => Promise<unknown>): Promise<boolean> {
    setFailure(null);
    setSending(true);
    try {
      await request();
      setProblems({});
      return true;
    } catch (error) {
      setProblems(fieldProblemsOf(error) ?? {});
      setFailure(refusalText(errors, error));
      return false;
    } finally {
      setSending(false);
    }
  }

  return { problems, setProblems, corrected, failure, setFailure, sending, send };
}
