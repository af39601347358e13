/**
 * A logger that cannot leak secrets: any field named like a credential is dropped, and anything that
 * looks like a RakerOne secret (rkr_key_… / rkr_adm_…) or a bearer header is masked, wherever it is.
 */
import type { Logger } from './ports.js';

const SECRET_FIELD = /token|secret|password|authorization|cookie/i;
const SECRET_VALUE = /rkr_(?:key|adm)_[0-9A-Za-z]{8,}|Bearer\s+\S+/g;

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(SECRET_VALUE, '[redacted]');
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_FIELD.test(key) ? '[redacted]' : redact(item, depth + 1);
  }
  return out;
}

/** Wraps a sink (console, a file, a test array) so that every line passes through `redact`. */
export function createRedactingLogger(sink: (level: 'info' | 'warn' | 'error', line: string) => void): Logger {
  const write = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => {
    const safe = redact(message) as string;
    sink(level, fields ? `${safe} ${JSON.stringify(redact(fields))}` : safe);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

export const consoleLogger: Logger = createRedactingLogger((level, line) => {
  if (level === 'error') console.error(`[main] ${line}`);
  else console.warn(`[main] ${line}`);
});

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
