/**
 * Log lines gathered for one turn of the event loop and handed to the log destination as one
 * string, instead of one write per line.
 *
 * Why: handing a destination (pino's sonic-boom) a line costs far more than building it — it
 * measures the line's bytes and the bytes of the buffer it appends it to, on every call. For the
 * access log, one short line per request, that (with pino's generic serializer) was about a quarter
 * of the CPU `serve` spent on `GET /api/me` (`npm run bench:server`); gathered per turn, the access
 * log costs about as much as building its lines.
 *
 * - The batch is handed over at the end of the turn (setImmediate), or at once when it reaches
 *   `maxChars` — so each hand-over is whole lines and, for ASCII lines, stays within the 4 KiB a
 *   pipe writes atomically (the destination's `maxWrite`): lines of several workers sharing one
 *   stderr pipe do not interleave.
 * - `flush()` hands over what is pending now (graceful shutdown, before the destination's own
 *   final flush). A destination that can flush synchronously (`flushSync`, as `serve`'s has) also
 *   gets the pending lines on process exit, a crash included, so no line of the last turn is lost.
 * - Lines of one turn reach the destination after any line written straight to it in that turn
 *   (an error logged meanwhile); each line carries its own time.
 */
export interface LineSink {
  write(text: string): void;
  /** Writes everything the sink holds before returning (sonic-boom); used on process exit. */
  flushSync?(): void;
}

export interface LineBatcher {
  /** `line` must end with a newline. */
  write(line: string): void;
  /** Hands every pending line to the sink now. */
  flush(): void;
  /** Flushes and stops listening for process exit. */
  close(): void;
}

/** A pipe writes up to 4 KiB (PIPE_BUF) atomically; a batch is handed over before it outgrows that. */
export const DEFAULT_MAX_BATCH_CHARS = 3072;

export function createLineBatcher(sink: LineSink, { maxChars = DEFAULT_MAX_BATCH_CHARS }: { maxChars?: number } = {}): LineBatcher {
  let lines: string[] = [];
  let chars = 0;
  let scheduled: NodeJS.Immediate | null = null;

  function flush(): void {
    if (scheduled !== null) {
      clearImmediate(scheduled);
      scheduled = null;
    }
    if (lines.length === 0) return;
    // join() builds one flat string: the sink measures and copies it once, not line by line.
    const text = lines.length === 1 ? lines[0]! : lines.join('');
    lines = [];
    chars = 0;
    sink.write(text);
  }

  // On exit there is no next turn: hand over what is pending and let the sink write it out.
  // (pino's own exit flush of the destination may already have run; a second one is harmless.)
  const onExit = () => {
    try {
      flush();
      sink.flushSync?.();
    } catch {
      // Exiting: a log that cannot be written must not turn the exit into a crash.
    }
  };
  const watchesExit = typeof sink.flushSync === 'function';
  if (watchesExit) process.on('exit', onExit);

  return {
    write(line) {
      lines.push(line);
      chars += line.length;
      if (chars >= maxChars) flush();
      else scheduled ??= setImmediate(flush);
    },
    flush,
    close() {
      flush();
      if (watchesExit) process.off('exit', onExit);
    },
  };
}
