import { RE2JS, RE2JSSyntaxException } from 're2js';

/**
 * An admin's pattern runs on whatever a user types, inside the validator's 25-second invocation. JavaScript's
 * RegExp backtracks, so overlapping alternation such as (a|aa)+ or adjacent .* can take exponential or polynomial
 * time on a long value; RE2 (re2js, a pure JavaScript port of Google's RE2) matches in time linear in the value.
 * Its syntax (https://github.com/google/re2/wiki/Syntax) leaves out what cannot run in linear time, so such
 * patterns are refused when the rule is saved, saying which syntax to drop.
 */
export type CompiledPattern =
  | { ok: true; regex: RE2JS }
  /** What is wrong, for the admin, naming the field whose pattern it is. */
  | { ok: false; problem(fieldName: string): string };

/** What people call the constructs RE2 refuses, by the text RE2 reports them at. */
const UNSUPPORTED: ReadonlyArray<[RegExp, string]> = [
  [/^\(\?[=!]/, 'a lookahead such as (?=…) or (?!…)'],
  [/^\(\?<[=!]/, 'a lookbehind such as (?<=…) or (?<!…)'],
  [/^\\[1-9]/, 'a backreference such as \\1'],
  [/^\\k/, 'a named backreference such as \\k<name>'],
  [/^\(\?>/, 'an atomic group (?>…)'],
  [/^[*+?}][+]$/, 'a possessive quantifier such as *+'],
  [/^\\u/, 'the escape \\u; write \\x{00E9} for a character by its code'],
];

/** Compiles `pattern` for linear-time matching, or says in plain words what is wrong with it. */
export function compilePattern(pattern: string): CompiledPattern {
  try {
    return { ok: true, regex: RE2JS.compile(pattern) };
  } catch (error) {
    if (!(error instanceof RE2JSSyntaxException)) throw error;
    const at = error.input ?? '';
    const construct = UNSUPPORTED.find(([shape]) => shape.test(at))?.[1];
    return {
      ok: false,
      problem: (fieldName) =>
        construct
          ? `the pattern for "${fieldName}" uses ${construct}, which Workflow Guard does not support: patterns run on a linear-time engine (RE2 syntax) so that no value can hold up a transition. Rewrite the pattern without it`
          : `the pattern for "${fieldName}" is not a valid regular expression: it has ${error.error}${at ? ` at "${at.slice(0, 40)}"` : ''}`,
    };
  }
}
