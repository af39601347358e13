/**
 * `serve` as a separate process (the real CLI, as an operator runs it), for tests that need several
 * server processes on one database. Resolves with the URL from its listening line; `stop()` sends
 * SIGTERM and waits for the exit; `stderr()` is everything it logged so far.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stdout(): string;
  stderr(): string;
  stop(): Promise<number | null>;
}

export function startServeProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'serve', '--port', '0', ...args], { env: { ...base, ...env } });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^RakerOne API server listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (!match) return;
      resolve({
        child,
        url: match[1]!,
        stdout: () => out,
        stderr: () => err,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${out}${err}`)));
  });
}
