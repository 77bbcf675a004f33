import { z } from 'zod';
import { translateWith } from '../../src/shared/text-format';
import { screenErrors } from '../../static/app/src/rules/field-errors';
import { readCatalogue } from './catalogue';

/**
 * A post-function screen checks its draft with the rule's own schema and says what is wrong beside each field with
 * the texts a resolver would send (src/shared/issue-texts.ts), in the viewer's language, numbers as it writes them.
 */
const words = (locale: string) => {
  const catalogue = readCatalogue(locale);
  return { t: translateWith((key) => catalogue.get(key), locale), locale };
};

const Draft = z.strictObject({
  summary: z.string().min(1).max(2000),
  points: z.number().max(1000),
  labels: z.array(z.string()).min(2),
});

it('says each field’s problem beside it, in English and in French, with numbers as each language writes them', () => {
  const draft = { summary: 'x'.repeat(2001), points: 1500, labels: ['a'], colour: 'red' };
  expect(screenErrors(Draft, draft, words('en-US'))).toStrictEqual({
    summary: 'This field must be at most 2,000 characters long.',
    points: 'This field must be at most 1,000.',
    labels: 'This field must have at least 2 items.',
    configuration: 'Unrecognized key: "colour".',
  });
  const french = screenErrors(Draft, draft, words('fr-FR'));
  expect(french?.summary).toMatch(/2\u202f000/);
  expect(french?.points).toMatch(/1\u202f000/);
  expect(Object.values(french ?? {}).join(' ')).not.toMatch(/This field|Unrecognized/);
});

it('says only that a value has the wrong type, and nothing for a valid draft', () => {
  expect(screenErrors(Draft, { summary: 42, points: 1, labels: ['a', 'b'] }, words('en-US'))).toStrictEqual({
    summary: 'This field must be a string.',
  });
  expect(screenErrors(Draft, { summary: '', points: 1, labels: ['a', 'b'] }, words('en-US'))).toStrictEqual({
    summary: 'This field must not be empty.',
  });
  expect(
    screenErrors(Draft, { summary: 'ok', points: 1, labels: ['a', 'b'] }, words('en-US')),
  ).toBeUndefined();
});

it('uses the screen’s own words where it has them', () => {
  const own = { summary: { too_big: 'Keep the summary short.' } };
  expect(
    screenErrors(
      Draft,
      { summary: 'x'.repeat(2001), points: 1, labels: ['a', 'b'] },
      { ...words('en-US'), own },
    )?.summary,
  ).toBe('Keep the summary short.');
});
