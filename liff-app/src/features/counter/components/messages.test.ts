import { expect, it } from 'vitest';
import { counterEn } from '../../../translations/counter-en.ts';
import { approvalMessages, counterErrors, counterMessages } from './messages.ts';

// Without English for a text, an English-speaking clerk reads it in Chinese: nanostores falls back to the base.
it('gives every counter text English, and no English for a text that is gone', () => {
  expect(Object.keys(counterEn.counter).sort()).toEqual(Object.keys(counterMessages.get()).sort());
  expect(Object.keys(counterEn.counterApproval).sort()).toEqual(Object.keys(approvalMessages.get()).sort());
  expect(Object.keys(counterEn.counterErrors).sort()).toEqual(Object.keys(counterErrors.get()).sort());
});
