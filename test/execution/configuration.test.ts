import { z } from 'zod';
import { describeIssues, echoInput, readConfiguration } from '../../src/execution/configuration';

const issuesOf = (schema: z.ZodType, value: unknown, root?: string): string => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected the value to be refused');
  return describeIssues(parsed.error, root);
};

describe('messages about invalid input, for people', () => {
  const Schema = z.strictObject({
    name: z.string(),
    size: z.union([z.string(), z.number()]).optional(),
    tags: z.array(z.string()).max(3).optional(),
  });

  it('says a field is required or has the wrong type, never "received undefined" or the value’s class', () => {
    expect(issuesOf(Schema, {})).toBe('name: is required');
    expect(issuesOf(Schema, { name: 1 })).toBe('name: must be a string');
    expect(issuesOf(Schema, { name: { constructor: { name: '<script>' } } })).toBe('name: must be a string');
    expect(issuesOf(Schema, { name: 'a', size: {} })).toBe('size: must be a string or a number');
    expect(issuesOf(z.object({ configuration: z.unknown() }), {}, 'event')).toBe(
      'configuration: is required',
    );
  });

  it('names the whole value by its root and says only the type of a mistyped list', () => {
    expect(issuesOf(Schema, 'text', 'payload')).toBe('payload: must be an object');
    expect(issuesOf(Schema, { name: 'a', tags: 'x'.repeat(10) })).toBe('tags: must be a list');
    expect(issuesOf(Schema, { name: 'a', tags: ['a', 'b', 'c', 'd'] })).toBe(
      'tags: must have at most 3 items',
    );
  });

  it('repeats unknown keys short and without control or direction characters', () => {
    const message = issuesOf(Schema, { name: 'a', ['k'.repeat(5_000)]: 1, '\u202eevil\u0000': 2 });
    expect(message).toBe(`configuration: Unrecognized keys: "${'k'.repeat(40)}…", "evil "`);
    expect(echoInput('a\nb\u200bc')).toBe('a bc');
  });

  it('lists at most five problems', () => {
    const Many = z.object(Object.fromEntries('abcdefg'.split('').map((key) => [key, z.string()])));
    expect(issuesOf(Many, {})).toBe(
      'a: is required; b: is required; c: is required; d: is required; e: is required; and 2 more',
    );
  });

  it('keeps the messages a schema sets itself', () => {
    const Id = z.object({ id: z.string().regex(/^[a-z]+$/, 'use lower-case letters') });
    expect(readConfiguration(Id, '{"id":"A"}')).toEqual({
      ok: false,
      message:
        'The rule configuration is invalid: id: use lower-case letters. Edit the rule in the workflow editor and save it again.',
    });
  });
});

describe('configuration as Jira delivers it', () => {
  it('refuses configuration text longer than the 32 KB Jira keeps, even when each parsed string is shorter', () => {
    // 20,000 backslashes: 40,000 characters of JSON text, one 20,000-character string once parsed.
    const text = JSON.stringify({ note: '\\'.repeat(20_000) });
    const schema = z.object({ note: z.string() });
    for (const raw of [text, { value: text }])
      expect(readConfiguration(schema, raw)).toEqual({
        ok: false,
        message:
          'The rule configuration is invalid: it is longer than 32 KB. Edit the rule in the workflow editor and save it again.',
      });
    expect(readConfiguration(schema, JSON.parse(text))).toMatchObject({ ok: true });
  });
});
