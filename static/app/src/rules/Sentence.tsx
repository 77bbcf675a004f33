import { Fragment, type ReactNode } from 'react';
import { Code } from '../components/Code';

/**
 * A catalogue text with elements inside it (code, an asterisk): read with `t(key)` and no values, it keeps its
 * `{name}` placeholders, and each becomes `parts[name]`, so every language puts them in its own word order.
 */
export function Sentence({ text, parts }: { text: string; parts: Readonly<Record<string, ReactNode>> }) {
  // split() with a capturing group alternates text and placeholder names.
  return (
    <>
      {text
        .split(/\{(\w+)\}/)
        .map((piece, index) =>
          index % 2 === 1 ? <Fragment key={index}>{parts[piece] ?? `{${piece}}`}</Fragment> : piece,
        )}
    </>
  );
}

/** Names written as code (a Jira expression's variables, a template's placeholders), as parts of a Sentence. */
export const codeParts = (names: Readonly<Record<string, string>>): Record<string, ReactNode> =>
  Object.fromEntries(Object.entries(names).map(([key, text]) => [key, <Code key={key}>{text}</Code>]));

/** Each of `names` as a part of the same name, written as code: `{issue}` is issue. */
export const codeNames = (...names: string[]): Record<string, ReactNode> =>
  codeParts(Object.fromEntries(names.map((name) => [name, name])));
