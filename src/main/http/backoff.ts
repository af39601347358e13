// The retry rule lives in src/shared (the server reconnects to its database by it too).
export * from '../../shared/backoff.js';
