import { fieldWith } from './field.tsx';
import { fieldMessages } from './field-messages.ts';

/** The member app's fields: the one Field, with the shopper's problem texts. */
export const Field = fieldWith(fieldMessages, 'field');
