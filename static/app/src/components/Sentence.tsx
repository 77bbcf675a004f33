import { Fragment, type ReactNode } from 'react';

/**
 * A translated sentence with elements inside it (a name in bold, a key as code): each `{name}` placeholder that
 * `t()` left in `text` becomes `parts[name]`, so the catalogue keeps the whole sentence in its language's order.
 */
export function Sentence({ text, parts }: { text: string; parts: Readonly<Record<string, ReactNode>> }) {
  return (
    <>
      {text
        .split(/\{(\w+)\}/)
        .map((piece, index) =>
          index % 2 ? <Fragment key={index}>{parts[piece] ?? `{${piece}}`}</Fragment> : piece,
        )}
    </>
  );
}
