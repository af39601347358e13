/**
 * Strings built from every class of code point, each knowing whether the databases can keep it as
 * sent: NUL, other C0 and C1 controls, DEL, ASCII, Latin and other BMP letters, combining marks,
 * bidirectional and zero-width format characters, the BOM, private use, noncharacters (U+FFFE/U+FFFF,
 * U+10FFFF), astral characters (surrogate pairs, emoji), and lone high or low surrogates.
 */
import fc from 'fast-check';

export interface TextPiece {
  text: string;
  /** False for NUL and lone surrogates: what PostgreSQL refuses or both drivers rewrite. */
  storable: boolean;
}

const fromRange = (min: number, max: number) => fc.integer({ min, max }).map((code) => String.fromCodePoint(code));

const storablePieces: fc.Arbitrary<string>[] = [
  fromRange(0x01, 0x1f), // C0 controls but NUL
  fc.constant('\u007f'),
  fromRange(0x80, 0x9f), // C1 controls
  fromRange(0x20, 0x7e),
  fromRange(0xa0, 0x24f),
  fromRange(0x300, 0x36f), // combining marks
  fromRange(0x590, 0x6ff), // Hebrew, Arabic
  fc.constantFrom('\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069', '\u2028', '\u2029', '\ufeff'),
  fromRange(0x4e00, 0x9fff), // CJK
  fromRange(0xe000, 0xf8ff), // private use
  fc.constantFrom('\ufffe', '\uffff', '\ufffd', '\u{10ffff}', '\u{1fffe}'),
  fromRange(0x10000, 0x10fffe), // astral, as surrogate pairs
  fc.constantFrom('😀', '👩🏽‍💻', '🇫🇷'),
];
const unstorablePieces: fc.Arbitrary<string>[] = [
  fc.constant('\u0000'),
  fromRange(0xd800, 0xdbff), // a high surrogate with no low one after it
  fromRange(0xdc00, 0xdfff), // a low surrogate alone
];

const piece: fc.Arbitrary<TextPiece> = fc.oneof(
  { weight: 8, arbitrary: fc.oneof(...storablePieces).map((text) => ({ text, storable: true })) },
  { weight: 1, arbitrary: fc.oneof(...unstorablePieces).map((text) => ({ text, storable: false })) },
);

/** A string of 1–`max` pieces; storable unless a piece is not (two halves never meet: a lone high is never followed by a low one). */
export function textOfEveryClass(max = 12): fc.Arbitrary<TextPiece> {
  return fc.array(piece, { minLength: 1, maxLength: max }).map((pieces) => {
    // A lone high surrogate right before a piece starting with a low surrogate would form a pair: keep them apart.
    let text = '';
    let storable = true;
    for (const p of pieces) {
      const joinsPair = /[\ud800-\udbff]$/.test(text) && /^[\udc00-\udfff]/.test(p.text);
      text += joinsPair ? `x${p.text}` : p.text;
      storable &&= p.storable;
    }
    return { text, storable };
  });
}
