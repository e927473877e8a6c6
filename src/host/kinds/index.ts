import type { HostKind } from '../kind.js';
import type { LineDoc } from '../line-doc.js';
import { fetchmailKind } from './fetchmail.js';
import { postfixMainKind } from './postfix-main.js';
import { postfixMasterKind } from './postfix-master.js';

/**
 * The file kinds of the host, in the order they claim files (a path goes to the first kind that
 * claims it). The pipeline iterates this table; a new kind is a file here and a row.
 */
export const HOST_KINDS: readonly HostKind<LineDoc>[] = [
  postfixMainKind as HostKind<LineDoc>,
  postfixMasterKind as HostKind<LineDoc>,
  fetchmailKind,
];
