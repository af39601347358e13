/**
 * Runs the BUILT main bundle (out/main/index.js) in a child Node process with the stand-in `electron`
 * (test/boot/stand-in), and drives it through the stand-in's control channel. The child inherits this
 * process's D-Bus session, so main talks to the real Secret Service; the API server is a real one.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from '../stand-in/control.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const MAIN_BUNDLE = join(REPO_ROOT, 'out/main/index.js');
const REGISTER = join(REPO_ROOT, 'test/boot/stand-in/register.mjs');

export interface JournalEntry {
  errorBox?: string;
  content?: string;
  exit?: number;
  via?: string;
  quit?: string;
  messageBox?: string;
  detail?: string;
  clipboardCleared?: boolean;
}

export interface BootedMain {
  send<T = unknown>(command: Command): Promise<T>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  journal(): JournalEntry[];
  output(): string;
  userDataDir: string;
  stop(): Promise<void>;
}

export function assertBuilt(): void {
  if (!existsSync(MAIN_BUNDLE)) throw new Error(`No built main bundle at ${MAIN_BUNDLE}: run \`npm run build\` first (npm test does).`);
}

/** `mainPath`: another copy of the bundle (the one extracted from the package); default out/main/index.js. */
export function bootMain(options: { env?: Record<string, string>; mainPath?: string } = {}): BootedMain {
  const userDataDir = mkdtempSync(join(tmpdir(), 'rakerone-boot-'));
  const journalFile = join(userDataDir, '..', `${userDataDir.split('/').at(-1)}.journal`);
  let output = '';
  const child: ChildProcess = fork(options.mainPath ?? MAIN_BUNDLE, [], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx', '--import', REGISTER],
    env: { ...process.env, BOOT_STANDIN_USER_DATA: userDataDir, BOOT_STANDIN_JOURNAL: journalFile, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  child.on('message', (message: { id: number; ok: boolean; value?: unknown; error?: string }) => {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiter?.resolve(message.value);
    else waiter?.reject(new Error(message.error));
  });
  void exited.then(() => {
    for (const waiter of pending.values()) waiter.reject(new Error(`main exited\n${output}`));
    pending.clear();
  });
  return {
    send<T>(command: Command) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, command });
      });
    },
    exited,
    journal: () =>
      existsSync(journalFile)
        ? readFileSync(journalFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as JournalEntry)
        : [],
    output: () => output,
    userDataDir,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(userDataDir, { recursive: true, force: true });
      rmSync(journalFile, { force: true });
    },
  };
}
