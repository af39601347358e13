import { describe, expect, it } from 'vitest';
import { urlAllowed } from '../../../../src/main/ipc/sender-policy.js';

describe('sender policy', () => {
  it('sender URLs: exact file path, or exact origin', () => {
    const allowed = ['file:///app/out/renderer/index.html', 'http://127.0.0.1:5173'];
    expect(urlAllowed('file:///app/out/renderer/index.html#/keys', allowed)).toBe(true);
    expect(urlAllowed('file:///app/out/renderer/other.html', allowed)).toBe(false);
    expect(urlAllowed('http://127.0.0.1:5173/x', allowed)).toBe(true);
    expect(urlAllowed('http://127.0.0.1:5174/', allowed)).toBe(false);
    expect(urlAllowed('not a url', allowed)).toBe(false);
  });
});
