import { inspect } from 'node:util';

/** An error's own fields and its `cause` chain as JSON, so nothing nested in an error escapes the search. */
function causesAsJson(value: unknown, seen = new Set<unknown>()): string[] {
  if (!(value instanceof Error) || seen.has(value)) return [];
  seen.add(value);
  const fields: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(value))
    fields[key] = (value as unknown as Record<string, unknown>)[key];
  let json: string;
  try {
    json = JSON.stringify(fields, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  } catch {
    json = '';
  }
  return [json, ...causesAsJson(value.cause, seen)];
}

/**
 * One console argument, whole: strings as they are, anything else through util.inspect with no depth or length
 * limit (objects, arrays, Maps, errors with their causes), plus the JSON of errors and their causes. `String(x)`
 * would print "[object Object]" and hide a secret nested in what was logged.
 */
export function serialiseLogged(value: unknown): string {
  if (typeof value === 'string') return value;
  const inspected = inspect(value, {
    depth: Infinity,
    maxArrayLength: Infinity,
    maxStringLength: Infinity,
    breakLength: Infinity,
    showHidden: true,
    getters: true,
  });
  return [inspected, ...causesAsJson(value)].join(' ');
}

/** Console output of every level, captured while `body` runs, each argument serialised whole. */
export async function capturingConsole(body: (printed: string[]) => Promise<void>): Promise<void> {
  const printed: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((level) =>
    jest
      .spyOn(console, level)
      .mockImplementation((...args: unknown[]) => void printed.push(args.map(serialiseLogged).join(' '))),
  );
  try {
    await body(printed);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
