import type { PostFunctionActor } from '@backend/shared/project-settings';
import type { Translate } from '../../i18n';

/** A choice as a select shows it: the words a project admin reads, and the setting value. */
export interface Choice<T> {
  label: string;
  value: T;
}

/** A setting value and the catalogue key of its words. */
interface Option<T> {
  value: T;
  text: string;
}

export const ON_OFF: Option<boolean>[] = [
  { value: true, text: 'project.settings.choices.on' },
  { value: false, text: 'project.settings.choices.off' },
];

export const ACTORS: Option<PostFunctionActor>[] = [
  { value: 'app', text: 'project.settings.choices.actorApp' },
  { value: 'transitioning-user', text: 'project.settings.choices.actorUser' },
];

export const FALLBACK: Option<boolean>[] = [
  { value: true, text: 'project.settings.choices.fallbackAllowed' },
  { value: false, text: 'project.settings.choices.fallbackNever' },
];

export const REPORTING: Option<boolean>[] = [
  { value: false, text: 'project.settings.choices.reportNo' },
  { value: true, text: 'project.settings.choices.reportComment' },
];

/** The options in the viewer's language. */
export const translated = <T>(t: Translate, options: Option<T>[]): Choice<T>[] =>
  options.map(({ value, text }) => ({ value, label: t(text) }));

export const pick = <T>(choices: Choice<T>[], value: T): Choice<T> | undefined =>
  choices.find((choice) => choice.value === value);
