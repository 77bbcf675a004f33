import { RE2JS, RE2JSSyntaxException } from 're2js';
import type { RuleSays } from '../../shared/issue-texts';
import { text, type Text } from '../../shared/text-format';

/**
 * An admin's pattern runs on whatever a user types, inside the validator's 25-second invocation. JavaScript's
 * RegExp backtracks, so overlapping alternation such as (a|aa)+ or adjacent .* can take exponential or polynomial
 * time on a long value; RE2 (re2js, a pure JavaScript port of Google's RE2) matches in time linear in the value.
 * Its syntax (https://github.com/google/re2/wiki/Syntax) leaves out what cannot run in linear time, so such
 * patterns are refused when the rule is saved, saying which syntax to drop.
 */
export type CompiledPattern =
  | { ok: true; regex: RE2JS }
  /** What is wrong, for the admin, naming the field whose pattern it is (texts: src/shared/issue-texts.ts). */
  | { ok: false; problem(fieldName: string): RuleSays };

/** What people call the constructs RE2 refuses (errors.pattern.constructs.*), by the text RE2 reports them at. */
const UNSUPPORTED: ReadonlyArray<[RegExp, string]> = [
  [/^\(\?[=!]/, 'lookahead'],
  [/^\(\?<[=!]/, 'lookbehind'],
  [/^\\[1-9]/, 'backreference'],
  [/^\\k/, 'namedBackreference'],
  [/^\(\?>/, 'atomicGroup'],
  [/^[*+?}][+]$/, 'possessive'],
  [/^\\u/, 'unicodeEscape'],
];

/** Compiles `pattern` for linear-time matching, or says in plain words what is wrong with it. */
export function compilePattern(pattern: string): CompiledPattern {
  try {
    return { ok: true, regex: RE2JS.compile(pattern) };
  } catch (error) {
    if (!(error instanceof RE2JSSyntaxException)) throw error;
    const at = error.input ?? '';
    const construct = UNSUPPORTED.find(([shape]) => shape.test(at))?.[1];
    // RE2's own description of the error (e.g. "missing closing )") is kept as it says it.
    const said = (form: 'clause' | 'sentence', field: string): Text =>
      construct
        ? text(`errors.pattern.unsupported.${form}`, {
            field,
            construct: text(`errors.pattern.constructs.${construct}`),
          })
        : at
          ? text(`errors.pattern.invalidAt.${form}`, { field, problem: error.error, at: at.slice(0, 40) })
          : text(`errors.pattern.invalid.${form}`, { field, problem: error.error });
    return {
      ok: false,
      problem: (fieldName) => ({ clause: said('clause', fieldName), sentence: said('sentence', fieldName) }),
    };
  }
}
