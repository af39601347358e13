/**
 * Which database errors mean "away" (the guard reconnects), which mean "not now" (503, keep the
 * connection), and which are real errors (they stay errors). The shapes are pg's own errors.
 */
import { describe, expect, it } from 'vitest';
import { isBusyFailure, isConnectionFailure } from '../../../../src/server/db/pg-failures.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('PostgreSQL failures', () => {
  it.each([
    ['a reset connection', withCode('ECONNRESET', 'read ECONNRESET')],
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a connection that died', new Error('Connection terminated unexpectedly')],
    ['a connect timeout (pg-pool)', new Error('Connection terminated due to connection timeout')],
    ['a connect timeout (pg)', new Error('timeout expired')],
    ['a query that got no answer', new Error('Query read timeout')],
    ['a client already broken', new Error('Client has encountered a connection error and is not queryable')],
    ['a server shutting down', withCode('57P01', 'terminating connection due to administrator command')],
    ['a server starting up or being promoted', withCode('57P03', 'the database system is starting up')],
    ['a connection exception (class 08)', withCode('08006', 'connection failure')],
  ])('%s is a connection failure', (_name, error) => {
    expect(isConnectionFailure(error)).toBe(true);
  });

  it.each([
    ['statement_timeout', withCode('57014', 'canceling statement due to statement timeout')],
    ['lock_timeout', withCode('55P03', 'canceling statement due to lock timeout')],
    ['too many connections', withCode('53300', 'sorry, too many clients already')],
    ['idle_in_transaction_session_timeout', withCode('25P03', 'terminating connection due to idle-in-transaction timeout')],
    ["pg-pool's wait for a free connection", new Error('timeout exceeded when trying to connect')],
  ])('%s is temporary but no outage', (_name, error) => {
    expect(isBusyFailure(error)).toBe(true);
    expect(isConnectionFailure(error)).toBe(false);
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', withCode('42601', 'syntax error at or near "SELEC"')],
    ['an out-of-range value', withCode('22003', 'value "9007199254740991" is out of range for type integer')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a thrown string', 'boom'],
  ])('%s stays an error', (_name, error) => {
    expect(isConnectionFailure(error)).toBe(false);
    expect(isBusyFailure(error)).toBe(false);
  });
});
