/**
 * Input no rule or page should take as data, whatever its schema says: a key that reaches an object's prototype
 * when copied by assignment, a control character (tab, line feed and carriage return are ordinary in multi-line
 * text), or a string longer than any configuration Jira keeps ("maximum length of configuration saved via the new
 * editor is limited to 32KB",
 * https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-post-function/).
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
export const MAX_INPUT_STRING_BYTES = 32 * 1024;

/**
 * Why `value` cannot be taken as data, naming where (e.g. `transition.executionId`), or undefined when it can.
 * Under a path `freeText` accepts (field values people typed on a transition screen; anything, to check only the
 * keys of what was sent), only keys are checked. Strings longer than `maxBytes` are refused too.
 */
export function unsafeInput(
  value: unknown,
  freeText: (path: readonly string[]) => boolean = () => false,
  maxBytes = MAX_INPUT_STRING_BYTES,
): string | undefined {
  const walk = (node: unknown, path: string[]): string | undefined => {
    const where = path.length ? path.join('.') : 'the input';
    if (typeof node === 'string') {
      if (freeText(path)) return undefined;
      if (CONTROL.test(node)) return `${where} holds a control character`;
      if (Buffer.byteLength(node) > maxBytes) return `${where} is longer than ${maxBytes / 1024} KB`;
      return undefined;
    }
    if (node === null || typeof node !== 'object') return undefined;
    for (const [key, child] of Object.entries(node)) {
      if (PROTOTYPE_KEYS.has(key)) return `${where} holds the key "${key}", which is never valid`;
      if (CONTROL.test(key)) return `${where} holds a key with a control character`;
      const problem = walk(child, [...path, key]);
      if (problem) return problem;
    }
    return undefined;
  };
  return walk(value, []);
}
