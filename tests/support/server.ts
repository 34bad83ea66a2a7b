import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const RUNNING = /Lepa is running at (http:\/\/\S+?)(?: |$)/;

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every stdout line so far (pino JSON logs and the banner). */
  lines: string[];
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
}

/**
 * Starts the real server (server/src/main.ts) as one Node process: `node --import tsx`
 * rather than the tsx CLI, whose extra parent process would survive a SIGKILL sent to
 * it and keep the data folder open. Resolves once it prints "Lepa is running at <url>".
 */
export async function startServer(
  env: Record<string, string | undefined>,
  timeoutMs = 60_000,
  nodeArgs: string[] = [],
  /** Another script to run instead, and the line (with the URL captured) it prints once listening. */
  program: { script: string; ready: RegExp } = { script: 'server/src/main.ts', ready: RUNNING },
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', program.script], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  let buffered = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs} ms:\n${lines.join('\n')}\n${stderr}`)),
      timeoutMs,
    );
    child.stdout!.on('data', (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const match = program.ready.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${lines.join('\n')}\n${stderr}`));
    });
  });
  return { url, child, lines, exited };
}

/** Sends a signal and waits for the process to end. */
export async function stopServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  return server.exited;
}
