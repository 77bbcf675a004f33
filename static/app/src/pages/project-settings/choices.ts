import type { PostFunctionActor } from '@backend/shared/project-settings';

/** Words a project admin reads for each setting value; the page's selects and the tests share them. */
export interface Choice<T> {
  label: string;
  value: T;
}

export const ON_OFF: Choice<boolean>[] = [
  { label: 'On', value: true },
  { label: 'Off', value: false },
];

export const ACTORS: Choice<PostFunctionActor>[] = [
  { label: 'The app’s bot user', value: 'app' },
  { label: 'The user who made the transition', value: 'transitioning-user' },
];

export const FALLBACK: Choice<boolean>[] = [
  { label: 'Allowed where a rule asks for it', value: true },
  { label: 'Never in this project', value: false },
];

export const REPORTING: Choice<boolean>[] = [
  { label: 'No', value: false },
  { label: 'Yes, as a comment by the app', value: true },
];

export const pick = <T>(choices: Choice<T>[], value: T): Choice<T> | undefined =>
  choices.find((choice) => choice.value === value);
