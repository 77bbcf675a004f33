/**
 * Matching concrete Jira paths to the OpenAPI path templates they instantiate
 * (`/rest/api/3/issue/PROJ-1/comment` → `/rest/api/3/issue/{issueIdOrKey}/comment`).
 * Shared by the runtime (audit, admin page), the endpoint-table generator and the emulator.
 */
export interface CompiledTemplate {
  readonly template: string;
  readonly regex: RegExp;
  /** Number of `{param}` segments: fewer params means more literal, and literal routes win. */
  readonly params: number;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function compileTemplate(template: string): CompiledTemplate {
  const parts = template.split(/(\{[^}]+\})/);
  const pattern = parts.map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : escapeRegex(part))).join('');
  return {
    template,
    regex: new RegExp(`^${pattern}$`),
    params: parts.filter((part) => /^\{[^}]+\}$/.test(part)).length,
  };
}

/** Orders templates so that the most literal match is found first (`/issue/picker` before `/issue/{id}`). */
export function sortByLiteralness<T extends CompiledTemplate>(templates: readonly T[]): T[] {
  return [...templates].sort((a, b) => a.params - b.params || b.template.length - a.template.length);
}

export function stripQuery(path: string): string {
  const index = path.indexOf('?');
  return index === -1 ? path : path.slice(0, index);
}

/** Finds the template a concrete path instantiates; `sorted` must come from `sortByLiteralness`. */
export function matchTemplate<T extends CompiledTemplate>(path: string, sorted: readonly T[]): T | undefined {
  const bare = stripQuery(path);
  return sorted.find((candidate) => candidate.regex.test(bare));
}
