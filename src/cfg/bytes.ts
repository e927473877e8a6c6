/**
 * Files are bytes; the parser works on strings. A file that is valid UTF-8 is decoded as UTF-8;
 * anything else (old configs often hold latin-1 comments) is decoded as latin-1, where every byte is
 * one character. Encoding the text back with the same encoding gives the same bytes in both cases,
 * so an edit elsewhere in the file never touches a latin-1 comment.
 */
export type TextEncodingName = 'utf8' | 'latin1';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeConfigBytes(bytes: Uint8Array): DecodedText {
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf8' };
  } catch {
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), encoding: 'latin1' };
  }
}

/**
 * Bytes of `text` in `encoding`. For latin-1, characters above U+00FF (only possible when a value
 * from elsewhere was inserted) cannot be represented; callers validate with {@link canEncode} first.
 */
export function encodeConfigText(text: string, encoding: TextEncodingName): Buffer {
  return Buffer.from(text, encoding);
}

export function canEncode(text: string, encoding: TextEncodingName): boolean {
  return encoding === 'utf8' || !/[^\x00-\xff]/.test(text);
}
