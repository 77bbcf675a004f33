/** A configuration value (`not-empty`, `round-robin`) as a catalogue key's last part: camelCase (`notEmpty`). */
export const keyOf = (value: string): string =>
  value.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
