/**
 * Prints the slowest test files, then one closing line, "N passed, N failed, N skipped", that CI tooling reads
 * regardless of the test runner.
 */
const SLOWEST = 5;

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const files = results.testResults
      .map((file) => ({
        path: file.testFilePath,
        seconds: (file.perfStats.end - file.perfStats.start) / 1000,
      }))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, SLOWEST);
    if (results.testResults.length > SLOWEST) {
      process.stdout.write(`\nSlowest test files:\n`);
      for (const file of files) {
        const name = file.path.startsWith(this.rootDir)
          ? file.path.slice(this.rootDir.length + 1)
          : file.path;
        process.stdout.write(`  ${file.seconds.toFixed(1).padStart(6)} s  ${name}\n`);
      }
    }
    process.stdout.write(
      `\nTests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;
