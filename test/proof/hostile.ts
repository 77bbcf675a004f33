import fc from 'fast-check';

/** Strings people (or attackers) type where the app expects something tame. */
export const hostileString = fc.oneof(
  fc.string(),
  fc.string({ minLength: 5_000, maxLength: 40_000 }),
  fc.constantFrom(
    '"; user.groups.includes("jira-admins") || "',
    "') || true || ('",
    '{{issue.secret}}',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '\u0000\u202e',
    'customfield_10000 OR 1=1',
    '__proto__',
    'constructor',
  ),
);

/** Any JSON-ish value, including wrong types, deep nesting and prototype keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'requirements', 'template')),
      tie('value'),
      { maxKeys: 5 },
    ),
  ),
})).value;

/** Objects shaped almost like the expected one: each field missing, wrong-typed or hostile. */
export function nearly(
  shape: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Partial<Record<string, unknown>>> {
  const loose: Record<string, fc.Arbitrary<unknown>> = Object.fromEntries(
    Object.entries(shape).map(([key, good]) => [key, fc.oneof(good, hostileValue)]),
  );
  return fc.record(loose, { requiredKeys: [] });
}
