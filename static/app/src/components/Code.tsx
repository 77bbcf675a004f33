/** A scope, endpoint or key as it is written in code. */
export function Code({ children }: { children: string }) {
  return <code>{children}</code>;
}
