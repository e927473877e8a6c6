/** One `key <sep> value` a text holds whose key names a secret. */
export interface FoundSecret {
  key: string;
  value: string;
  /** 1-based physical line (lines end at CRLF, LF or a lone CR). */
  line: number;
}
