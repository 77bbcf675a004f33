import { describeUses, drainUndocumentedUses } from './undocumented';

/**
 * The run-wide undocumented-use check (jest `setupFilesAfterEnv`, so it is installed in every test file): a test
 * that leaves an undocumented Jira use on record fails, and so does a file whose hooks left one. A test that makes
 * such a call on purpose takes that one use back with `takeUndocumentedUse` (undocumented.ts).
 */
function failOnUndocumentedUse(where: string): void {
  const uses = drainUndocumentedUses();
  if (uses.length === 0) return;
  const bugs = uses.filter((u) => u.kind === 'emulator-bug');
  const calls = uses.filter((u) => u.kind !== 'emulator-bug');
  const parts = [
    calls.length > 0
      ? `${where} used the Jira REST API in ways its OpenAPI description does not define (a real site may ignore ` +
        `or refuse them):${describeUses(calls)}\nFix the call. A test that makes such a call on purpose takes it ` +
        `back with takeUndocumentedUse({ kind, operationId, name }) from test/emulator/undocumented.ts.`
      : '',
    bugs.length > 0
      ? `The Jira emulator answered outside the spec during ${where.toLowerCase()} (fix the emulator):${describeUses(bugs)}`
      : '',
  ];
  throw new Error(parts.filter(Boolean).join('\n'));
}

beforeEach(() => failOnUndocumentedUse('A beforeAll hook or an earlier test'));
afterEach(() => failOnUndocumentedUse('This test'));
afterAll(() => failOnUndocumentedUse('A hook of this file'));
