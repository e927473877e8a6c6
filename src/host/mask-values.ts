import { SECRET_MASK } from '../secrets/mask.js';

/** `text` with every occurrence of each secret value replaced by the mask (longest first, so none shows in part). */
export function maskValues(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s !== '') out = out.split(s).join(SECRET_MASK);
  return out;
}
