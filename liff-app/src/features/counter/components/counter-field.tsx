import { fieldWith } from '../../../components/field.tsx';
import { counterErrors } from './messages.ts';

/** The counter's fields: the one Field, with the counter's problem texts. */
export const CounterField = fieldWith(counterErrors, 'counter');
