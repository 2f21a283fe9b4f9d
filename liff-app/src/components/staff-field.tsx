import { fieldWith } from './field.tsx';
import { fieldMessages } from './staff-messages.ts';

/** The staff pages' fields: the console's forms, the sign-in, the counter's approval. */
export const StaffField = fieldWith(fieldMessages, 'staff');
