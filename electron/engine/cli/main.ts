/** `kequn` entry point (bin/kequn.mjs loads the built copy of this file). */
import { runCli } from './run-cli';

const outcome = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
});
if (outcome.keepAlive) {
  const stop = (): void => {
    outcome.engine?.dispose();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  process.exitCode = outcome.exitCode;
}
