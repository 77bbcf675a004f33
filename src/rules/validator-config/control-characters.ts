/**
 * Line breaks and other control characters (C0, DEL, and the JavaScript line separators U+2028/U+2029): no name a
 * rule puts in a Jira expression or JQL literal needs them, so they are refused rather than escaped.
 */
export function hasControlCharacter(text: string): boolean {
  return [...text].some((c) => {
    const code = c.codePointAt(0) ?? 0;
    return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029;
  });
}
