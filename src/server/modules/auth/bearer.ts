/** The Authorization header: `Bearer <secret>`, its format checked before anything is read. */
import { AppError } from '../../../shared/errors.js';
import { type SecretKind, checkSecret } from '../../../shared/key-format.js';

export const BEARER = /^Bearer[ ]+(\S+)[ ]*$/i;

/** The presented secret and its kind; a missing, malformed or mistyped one is refused without a database read. */
export function parseBearer(authorization: string | undefined): { token: string; kind: SecretKind } {
  if (authorization === undefined || authorization.length === 0) {
    throw new AppError('UNAUTHORIZED', 'Sign-in required: send Authorization: Bearer <admin token or API key>');
  }
  const token = BEARER.exec(authorization)?.[1];
  const kind = token === undefined ? null : checkSecret(token);
  if (token === undefined || kind === null) {
    throw new AppError('UNAUTHORIZED', 'The credential is malformed or mistyped', { hint: 'Paste the whole key or token, starting with rkr_.' });
  }
  return { token, kind };
}
