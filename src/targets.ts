import type { Target } from './types.js';

/**
 * What one target is, for the help, the report and the docs: the Kopano releases whose config
 * readers it writes for, and where a host gets them. A new target is one more entry (and its
 * option tables); nothing else decides on the list.
 */
export interface TargetInfo {
  id: Target;
  /** The Kopano releases it covers, as a phrase: `Kopano Core 8.7.x`. */
  releases: string;
  /** Where a host gets such a release in 2026. */
  hosts: string;
  /**
   * `!include` / `!propmap` arguments only this target's installed files use (8.7 installs its
   * samples under /usr/share/kopano and includes them from /etc/kopano): evidence for --kopano-dir.
   * The option names the installed files set or show are evidence too, read from the option tables.
   */
  directiveMarks: readonly RegExp[];
}

/** Every target, oldest first. */
export const TARGETS: readonly TargetInfo[] = [
  {
    id: '8.0',
    releases: 'Kopano Core 8.0–8.6',
    hosts: 'old installs; no distribution ships it in 2026',
    directiveMarks: [],
  },
  {
    id: '8.7',
    releases: 'Kopano Core 8.7.x',
    hosts: 'Debian 10, Ubuntu 22.04: 8.7.0; Kopano\'s archives: 8.7.25',
    directiveMarks: [/^\/usr\/share\/kopano\//],
  },
  {
    id: '11.0',
    releases: 'Kopano Groupware Core 11.0.x',
    hosts: 'Kopano\'s archives: 11.0.2; community container images',
    directiveMarks: [],
  },
];

/** The target when none is given: what a host can install today. */
export const DEFAULT_TARGET: Target = '8.7';

/** The target ids, oldest first (for option checks and usage messages). */
export const TARGET_IDS = TARGETS.map((t) => t.id) as [Target, ...Target[]];

/** How a user picks the target, in one sentence. */
export const HOW_TO_CHOOSE = 'the Kopano you will install: apt-cache policy kopano-server';

/** The entry of a target. */
export function targetInfo(target: Target): TargetInfo {
  return TARGETS.find((t) => t.id === target)!;
}
