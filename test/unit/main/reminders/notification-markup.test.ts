/**
 * Issue 18 (5): text meant literally never reaches a Linux notification as markup. Read back by an
 * independent markup parser (happy-dom's XML DOMParser), the body holds no element and exactly the text
 * given; the title holds no markup character at all; macOS and Windows get the text exactly.
 */
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { escapeMarkup, notificationTextFor, withoutMarkupCharacters } from '../../../../src/main/reminders/notification-markup.js';

const parser = new new Window().DOMParser();
/** How a markup-rendering daemon sees a body: its elements and its text. */
function asMarkup(body: string): { elements: number; text: string } {
  const root = parser.parseFromString(`<markup>${body}</markup>`, 'application/xml').documentElement;
  return { elements: root.querySelectorAll('*').length, text: root.textContent ?? '' };
}

const HOSTILE = ['<a href="https://evil.example/rotate">Rotate now</a>', '<b>urgent</b>', '<img src="file:///etc/passwd"/>', 'R&D &amp; ops', 'it\'s "quoted"'];

describe('notification text on Linux', () => {
  it('the parser this test trusts does see markup in raw text', () => {
    expect(asMarkup(HOSTILE[0]!).elements).toBe(1);
    expect(asMarkup(HOSTILE[2]!).elements).toBe(1);
  });

  it.each(HOSTILE)('a body holding %s is read back as that text, with no element', (name) => {
    const { body } = notificationTextFor('linux', { title: 't', body: `“${name}” stops working on 1 Dec.` });
    expect(asMarkup(body)).toEqual({ elements: 0, text: `“${name}” stops working on 1 Dec.` });
  });

  it('property: any body is read back exactly, with no element', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc
        .array(fc.constantFrom('<', '>', '&', '"', "'", '/', '=', 'a', 'b', 'img', 'href', ' ', 'amp;', 'lt;', '#60;'), { maxLength: 20 })
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (body) => {
        // XML cannot carry most C0 controls at all; a key name cannot hold them either (shared/http name rules).
        fc.pre(![...body].some((char) => char < ' ' && !'\t\n\r'.includes(char)));
        expect(asMarkup(escapeMarkup(body))).toEqual({ elements: 0, text: body });
      }),
      { numRuns: 500 },
    );
  });

  it('a title keeps no markup character, with look-alikes that read the same as plain text', () => {
    const { title } = notificationTextFor('linux', { title: 'API key <b>R&D</b> expires in 3 days', body: '' });
    expect(title).toBe('API key ‹b›R＆D‹/b› expires in 3 days');
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(withoutMarkupCharacters(text)).not.toMatch(/[<>&]/);
      }),
    );
  });
});

describe('notification text on macOS and Windows', () => {
  it.each(['darwin', 'win32'] as const)('%s shows plain text: title and body pass exactly', (platform) => {
    const text = { title: 'API key <b>R&D</b>', body: HOSTILE.join(' ') };
    expect(notificationTextFor(platform, text)).toEqual(text);
  });
});
