import { errorMessages } from '../../../components/staff-messages.ts';
import { useStaffForm } from '../../../components/use-staff-form.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import { memberErrorMessages } from './member-messages.ts';

/** A staff form whose refusal is told in the members page's words beside every staff page's. */
export function useMemberForm() {
  const form = useStaffForm();
  const errors = useStore(errorMessages);
  const own = useStore(memberErrorMessages);
  const send = async (request: () => Promise<unknown>) => {
    let refusal: unknown;
    const ok = await form.send(async () => {
      try {
        await request();
      } catch (error) {
        refusal = error;
        throw error;
      }
    });
    if (!ok) form.setFailure(refusalText({ ...errors, ...own }, refusal));
    return ok;
  };
  return { ...form, send };
}
