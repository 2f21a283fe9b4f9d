import { type FormEvent, useState } from 'react';

/**
 * A form's problems, by field name, and the form's onChange that forgets a field's problem as soon as the field is
 * changed: the shopper sees the error go when they correct it, not at the next submit.
 */
export function useFieldProblems() {
  const [problems, setProblems] = useState<Record<string, string>>({});
  const corrected = (event: FormEvent<HTMLFormElement>) => {
    const { name } = event.target as HTMLInputElement;
    setProblems((shown) => {
      if (!name || !(name in shown)) return shown;
      const { [name]: _gone, ...rest } = shown;
      return rest;
    });
  };
  return { problems, setProblems, corrected };
}
