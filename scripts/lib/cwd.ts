/** Runs `work` with the process in `dir`: Forge's tools read manifest.yml and tsconfig.json from the working directory. */
export async function withCwd<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const previous = process.cwd();
  process.chdir(dir);
  try {
    return await work();
  } finally {
    process.chdir(previous);
  }
}
