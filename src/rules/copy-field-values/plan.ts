import { invalidInput } from '../../access/failures';
import { jqlString } from '../related-issues/query';
import { asWritten } from '../set-fields/plan';
import type { CopyFieldValuesConfig, FieldPair } from './configuration';

/**
 * The pure half of Copy field values: which issues one search finds, the fields it reads, how several sources'
 * values become one, and the edit each target needs (none when it holds the values already).
 */

type Relation = Pick<CopyFieldValuesConfig, 'relation' | 'linkType' | 'linkSide'>;

/**
 * One JQL query finding the transitioned issue and the related ones (sub-tasks or child issues, or issues linked
 * with the link type on the chosen side), oldest first so that "first" means the earliest created. The parent has
 * no such query: it is named by the issue's `parent` field. JQL's linkedIssues() takes a link's descriptions.
 */
export function relatedJql(issueKey: string, config: Relation): string | undefined {
  const key = jqlString(issueKey);
  if (config.relation === 'parent') return undefined;
  const related =
    config.relation === 'sub-tasks'
      ? [`parent = ${key}`]
      : [
          ...new Set(
            config.linkSide === 'outward'
              ? [config.linkType?.outward ?? '']
              : config.linkSide === 'inward'
                ? [config.linkType?.inward ?? '']
                : [config.linkType?.outward ?? '', config.linkType?.inward ?? ''],
          ),
        ].map((description) => `issue in linkedIssues(${key}, ${jqlString(description)})`);
  return `key = ${key} OR ${related.join(' OR ')} ORDER BY created ASC`;
}

/** The fields every read asks for: the pairs' sources and targets (the search reads them on every issue alike). */
export const fieldsToRead = (pairs: readonly FieldPair[]): string[] => [
  ...new Set(pairs.flatMap((pair) => [pair.from, pair.to])),
];

const RICH_TEXT_CUSTOM = 'com.atlassian.jira.plugin.system.customfieldtypes:textarea';

/** Fields whose values are documents (ADF) in REST v3: the description, the environment and multi-line text. */
const isRichText = (pair: FieldPair): boolean =>
  pair.to === 'description' || pair.to === 'environment' || pair.toSchema?.custom === RICH_TEXT_CUSTOM;

const isAdf = (value: unknown): value is { type: 'doc' } =>
  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc';

/** The text of a document (ADF): its text nodes, paragraphs on lines of their own. */
function adfText(node: unknown): string {
  if (typeof node !== 'object' || node === null) return '';
  const record = node as { type?: unknown; text?: unknown; content?: unknown };
  if (typeof record.text === 'string') return record.text;
  const parts = Array.isArray(record.content) ? record.content.map(adfText) : [];
  return parts.join(record.type === 'doc' ? '\n' : '');
}

const paragraph = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }],
});

/** A value as text, for `join`: options by value, people by name, documents by their text; lists flattened. */
function asTexts(value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(asTexts);
  if (isAdf(value)) return [adfText(value)].filter(Boolean);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const name of ['value', 'name', 'displayName', 'key'])
      if (typeof record[name] === 'string') return [record[name]];
  }
  return [];
}

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (isAdf(value) && adfText(value) === '');

/** One source's value, with where it comes from (for messages). */
export interface SourceValue {
  key: string;
  value: unknown;
}

/** What the target is cleared to when no source holds a value: an empty list for a list, else null. */
const emptyOf = (pair: FieldPair): unknown =>
  pair.toSchema?.type === 'array' || pair.to === 'labels' ? [] : null;

/** Dates and date-times compare as instants; numbers as numbers. */
function ordinal(pair: FieldPair, source: SourceValue): number {
  const { value } = source;
  if (typeof value === 'number') return value;
  const instant = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(instant))
    throw invalidInput(
      `The ${pair.aggregation === 'min' ? 'minimum' : 'maximum'} of ${pair.fromName ?? pair.from} compares numbers or dates, and ${source.key} holds ${JSON.stringify(value).slice(0, 60)}. Choose another aggregation or field.`,
    );
  return instant;
}

/**
 * The value to write into the pair's target from the sources' values (one source when pushing, or from the
 * parent), in the shape an edit takes. Empty values are left out; when none is left the target is emptied.
 */
export function aggregate(pair: FieldPair, sources: readonly SourceValue[]): unknown {
  const present = sources.filter((source) => !isEmpty(source.value));
  switch (pair.aggregation) {
    case 'first': {
      const first = present[0];
      return first === undefined ? emptyOf(pair) : asWritten(first.value);
    }
    case 'sum': {
      if (present.length === 0) return null;
      return present.reduce((sum, source) => {
        if (typeof source.value !== 'number')
          throw invalidInput(
            `A sum adds numbers, and ${source.key} holds ${JSON.stringify(source.value).slice(0, 60)} in ${pair.fromName ?? pair.from}. Choose a number field, or another aggregation.`,
          );
        return sum + source.value;
      }, 0);
    }
    case 'min':
    case 'max': {
      let best: SourceValue | undefined;
      for (const source of present) {
        const better =
          best === undefined ||
          (pair.aggregation === 'min'
            ? ordinal(pair, source) < ordinal(pair, best)
            : ordinal(pair, source) > ordinal(pair, best));
        if (better) best = source;
      }
      return best === undefined ? null : asWritten(best.value);
    }
    case 'join': {
      const text = present.flatMap((source) => asTexts(source.value)).join(pair.separator);
      if (isRichText(pair)) return text ? paragraph(text) : null;
      return text || null;
    }
  }
}

/** A value compared as written: documents by their text, empty lists as empty. */
function comparable(pair: FieldPair, value: unknown): string {
  if (isEmpty(value)) return 'empty';
  if (isRichText(pair)) return JSON.stringify(asTexts(value).join('\n'));
  return JSON.stringify(asWritten(value));
}

/** The fields of one target's edit: only those whose value differs from the one to write (none: no edit). */
export function changedFields(
  pairs: readonly FieldPair[],
  desired: ReadonlyMap<string, unknown>,
  current: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return Object.fromEntries(
    pairs.flatMap((pair) => {
      const value = desired.get(pair.to);
      return comparable(pair, value) === comparable(pair, current[pair.to]) ? [] : [[pair.to, value]];
    }),
  );
}

const AGGREGATION_WORDS: Readonly<Record<FieldPair['aggregation'], string>> = {
  first: '',
  sum: 'the sum of ',
  min: 'the minimum of ',
  max: 'the maximum of ',
  join: 'the joined ',
};

/** "the sum of Story points into Total points, Due date into Due date" for the audit log and the screens. */
export const describePairs = (pairs: readonly FieldPair[], severalSources: boolean): string =>
  pairs
    .map(
      (pair) =>
        `${severalSources ? AGGREGATION_WORDS[pair.aggregation] : ''}${pair.fromName ?? pair.from} into ${pair.toName ?? pair.to}`,
    )
    .join(', ');

export const describeRelation = (config: Relation): string =>
  config.relation === 'parent'
    ? 'the parent'
    : config.relation === 'sub-tasks'
      ? 'the sub-tasks'
      : `the issues linked by "${config.linkType?.name ?? ''}"${
          config.linkSide === 'outward'
            ? ` (this issue ${config.linkType?.outward ?? ''} them)`
            : config.linkSide === 'inward'
              ? ` (this issue ${config.linkType?.inward ?? ''} them)`
              : ''
        }`;
