import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/openapi';

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

/** The commands of each ```bash block of the README's set-up section, without their trailing comments. */
function setupBlocks(): string[][] {
  const readme = read('README.md');
  const start = readme.indexOf('## Set up and test');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((block) =>
    (block[1] ?? '')
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter(Boolean),
  );
}

describe("the README's set-up is what CI's clean clone runs", () => {
  const ciCommands = read('.ci/run')
    .split('\n')
    .filter((line) => line && !line.startsWith('#') && !line.startsWith('set ') && !line.startsWith('cd '));

  it('shows .ci/run line for line', () => {
    expect(setupBlocks()).toContainEqual(ciCommands);
  });

  it('gets to the sandbox with one command and to a test run with another, both as CI runs them', () => {
    const install = ciCommands.find((command) => command.startsWith('npm ci'));
    expect(setupBlocks()[0]).toEqual([`${install} && npm start`, 'npm test']);
    expect(ciCommands).toContain('npm test');
  });
});
