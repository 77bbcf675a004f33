/** Console output of every level, captured while `body` runs. */
export async function capturingConsole(body: (printed: string[]) => Promise<void>): Promise<void> {
  const printed: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
    jest
      .spyOn(console, level)
      .mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' '))),
  );
  try {
    await body(printed);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
