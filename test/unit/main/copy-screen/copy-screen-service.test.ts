import { describe, expect, it } from 'vitest';
import { createClipboardService } from '../../../../src/main/copy-screen/clipboard-service.js';
import { createCloseGuard } from '../../../../src/main/copy-screen/close-guard.js';
import { createCopyScreenService } from '../../../../src/main/copy-screen/copy-screen-service.js';
import { createFakeClipboard } from '../../../helpers/fake-clipboard.js';
import { createFakeClock } from '../../../helpers/fake-clock.js';
import { makeCore, NEW_KEY } from '../../../helpers/test-core.js';
import { silentLogger } from '../../../../src/main/logger.js';

function setup() {
  const clock = createFakeClock();
  const board = createFakeClipboard();
  const events: unknown[] = [];
  let focused = 0;
  const guard = createCloseGuard({ emit: (event, payload) => void events.push({ event, payload }), focusWindow: () => void (focused += 1) });
  const clipboard = createClipboardService({ clipboard: board, clock, logger: silentLogger });
  const screen = createCopyScreenService({ guard, clipboard, clock });
  return { clock, board, events, guard, clipboard, screen, focused: () => focused };
}

describe('the selection clipboard (Linux PRIMARY)', () => {
  it('Done takes the key off the selection if it was selected on the copy screen, and leaves anything else alone', async () => {
    const s = setup();
    s.screen.hold('k1', 'rkr_key_secret1');
    s.board.selection = 'rkr_key_secret1';
    await s.screen.done('k1');
    expect(s.board.selection).toBe('');

    s.screen.hold('k2', 'rkr_key_secret2');
    s.board.selection = 'a sentence the admin selected elsewhere';
    await s.screen.done('k2');
    expect(s.board.selection).toBe('a sentence the admin selected elsewhere');
  });

  it('a copy screen that goes away before Done (crash, quit) also takes its key off the selection', async () => {
    const s = setup();
    s.screen.hold('k1', 'rkr_key_secret1');
    s.board.selection = 'key: rkr_key_secret1 (selected with its label)';
    s.screen.abandonAll();
    await s.clock.advance(0);
    expect(s.board.selection).toBe('');
  });
});

describe('clipboard', () => {
  it('writes concealed and clears after 60 s only if the clipboard still holds that key', async () => {
    const s = setup();
    s.screen.hold('k1', 'rkr_key_secret1');
    const { clearsAt } = await s.screen.copy('k1');
    expect(Date.parse(clearsAt) - s.clock.now()).toBe(60_000);
    expect(s.board).toMatchObject({ text: 'rkr_key_secret1', concealed: true });
    await s.clock.advance(59_000);
    expect(s.board.text).toBe('rkr_key_secret1');
    await s.clock.advance(1_000);
    expect(s.board.text).toBe('');
  });

  it('a failed write keeps the previous key on its clear timer (it is still cleared after 60 s)', async () => {
    const s = setup();
    s.screen.hold('k1', 'rkr_key_secret1');
    s.screen.hold('k2', 'rkr_key_secret2');
    await s.screen.copy('k1');
    await s.clock.advance(30_000);
    const write = s.board.writeConcealed;
    s.board.writeConcealed = async () => {
      throw new Error('clipboard busy');
    };
    await expect(s.screen.copy('k2')).rejects.toThrow('clipboard busy');
    s.board.writeConcealed = write;
    expect(s.board.text).toBe('rkr_key_secret1');
    await s.clock.advance(30_000);
    expect(s.board.text).toBe('');
  });

  it('a write that fails after putting the new key on the clipboard does not leave it there', async () => {
    const s = setup();
    s.screen.hold('k1', 'rkr_key_secret1');
    s.board.writeConcealed = async (text) => {
      s.board.text = text;
      throw new Error('markers rejected');
    };
    await expect(s.screen.copy('k1')).rejects.toThrow('markers rejected');
    expect(s.board.text).toBe('');
  });

  it('leaves the clipboard alone if the admin copied something else meanwhile', async () => {
    const s = setup();
    s.screen.hold('k1', 'rkr_key_secret1');
    await s.screen.copy('k1');
    s.board.text = 'my own notes';
    await s.clock.advance(60_000);
    expect(s.board.text).toBe('my own notes');
    expect(s.board.clears).toBe(0);
  });

  it('still clears after Done (it kept only the hash), and on quit', async () => {
    const s = setup();
    s.screen.hold('k1', 'rkr_key_secret1');
    await s.screen.copy('k1');
    s.screen.done('k1');
    expect(s.screen.heldCount()).toBe(0);
    expect(await s.clipboard.clearIfOurs()).toBe(true);
    expect(s.board.text).toBe('');
    expect(await s.clipboard.clearIfOurs()).toBe(false);
  });

  it('refuses to copy a key it no longer holds', async () => {
    const s = setup();
    await expect(s.screen.copy('gone')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('close guard', () => {
  it('blocks close, quit and reload from shown until done; focuses the window and tells the renderer', () => {
    const s = setup();
    s.screen.hold('k1', 'secret');
    expect(s.guard.attempt('close')).toBe(true);
    s.screen.shown('k1');
    expect(s.guard.attempt('close')).toBe(false);
    expect(s.guard.attempt('quit')).toBe(false);
    expect(s.guard.attempt('reload')).toBe(false);
    expect(s.focused()).toBe(3);
    expect(s.events).toEqual(['close', 'quit', 'reload'].map((attempted) => ({ event: 'close:blocked', payload: { attempted } })));
    s.screen.done('k1');
    expect(s.guard.attempt('quit')).toBe(true);
    s.screen.done('k1');
  });

  it('through IPC: the copy screen flow on a created key', async () => {
    const t = await makeCore();
    await t.connect();
    const created = await t.call('keys:create', NEW_KEY);
    await t.call('copy-screen:shown', { id: created.key.id });
    expect(t.core.closeGuard.attempt('close')).toBe(false);
    await t.call('copy-screen:copy', { id: created.key.id });
    expect(t.clipboard.text).toBe(created.secret);
    await t.call('copy-screen:done', { id: created.key.id });
    expect(t.core.closeGuard.attempt('close')).toBe(true);
    expect(await t.raw('copy-screen:copy', { id: created.key.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await t.core.dispose();
    expect(t.clipboard.text).toBe('');
  });
});
