import type { HostKind, HostMapping } from '../src/host/kind.js';
import type { LineDoc } from '../src/host/line-doc.js';

export const HOST_DOC_PATH: string;
export function renderHostDoc(kinds: readonly HostKind<LineDoc>[], names: { tools: readonly HostMapping[]; paths: readonly HostMapping[]; sockets: readonly HostMapping[] }, areas: readonly { dir: string; depth: number }[]): string;
