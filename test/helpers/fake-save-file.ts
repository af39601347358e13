/**
 * The save dialog for tests and the web driver: a SaveFilePort that records every request and answers
 * the way a person would — with the path queued by the test (`answerNext({ path })`), by cancelling
 * (`answerNext('cancel')`), or, with nothing queued, by clicking Save on the suggested name in
 * `folder` (a temporary folder the test owns). Main then writes the file there for real.
 */
import { isAbsolute, join } from 'node:path';
import type { SaveFilePort, SaveFileRequest } from '../../src/main/ports.js';

export interface RecordingSaveFile extends SaveFilePort {
  readonly folder: string;
  /** Every dialog opened, in order. */
  readonly requests: SaveFileRequest[];
  /** Every path answered (what main was told to write), in order. */
  readonly chosen: string[];
  answerNext(answer: 'cancel' | { path: string }): void;
}

export function createRecordingSaveFile(folder: string): RecordingSaveFile {
  if (!isAbsolute(folder)) throw new Error('The save dialog stand-in needs an absolute folder');
  const answers: ('cancel' | { path: string })[] = [];
  const requests: SaveFileRequest[] = [];
  const chosen: string[] = [];
  return {
    folder,
    requests,
    chosen,
    answerNext: (answer) => void answers.push(answer),
    async chooseSavePath(request) {
      requests.push(request);
      const answer = answers.shift() ?? { path: join(folder, request.defaultName) };
      if (answer === 'cancel') return null;
      chosen.push(answer.path);
      return answer.path;
    },
  };
}
