import { describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/api/translate-dir.js';
import type { TranslateOptions } from '../../src/types.js';
import { ROOT } from '../helpers/bin.js';
import { goldenCases } from '../golden/cases.mjs';
import { orderProblems } from './order-rules.mjs';

// Every fixture, with the options that add steps (moved attachments, the kopano schema).
const VARIANTS: { name: string; options: TranslateOptions }[] = [
  { name: 'as given', options: {} },
  { name: '--attachments move', options: { attachments: 'move' } },
  { name: '--ldap-schema kopano', options: { ldapSchema: 'kopano' } },
];
const cases = goldenCases(ROOT).flatMap((c) => VARIANTS.map((v) => ({ ...c, variant: v.name, options: { ...c.options, ...v.options } })));

describe.each(cases)('runbook order: $name ($variant)', (c) => {
  it('keeps every ordering rule (phases, backup and collect before removal, upgrade before install, move before chown)', async () => {
    const r = await translateConfigDir(c.zarafaDir, c.options);
    expect(orderProblems(r.actions)).toEqual([]);
  });

  it('has the steps each rule is about, so the rule is exercised', async () => {
    const r = await translateConfigDir(c.zarafaDir, c.options);
    const ids = r.actions.map((a) => a.id);
    expect(ids).toContain('remove:zcp-packages');
    expect(ids.some((id) => id.startsWith('prepare:mysql:'))).toBe(true);
    expect(ids.some((id) => id.startsWith('collect:'))).toBe(true);
    if (r.source.version !== '7.2') expect(ids).toContain('database:upgrade-path');
    const server = r.files.find((f) => f.source === 'server.cfg')!;
    const storesFiles = /^\s*attachment_storage\s*=\s*files\s*$/m.test(server.input);
    if (c.options.attachments === 'move' && storesFiles) {
      expect(ids).toContain('attachments:move');
      expect(ids).toContain('prepare:attachments');
    }
  });

  it('replaces the rule steps it supersedes', async () => {
    const r = await translateConfigDir(c.zarafaDir, c.options);
    const ids = r.actions.map((a) => a.id);
    for (const id of ['backup:etc-zarafa', 'backup:mysql', 'packages:purge-zcp', 'verify:start']) expect(ids).not.toContain(id);
    // The grouped copies (/etc/zarafa/X → /etc/kopano/X) cover the per-file ones of the key files;
    // only a file that changes its name on the way (7.0's indexer keys → /etc/kopano/search/) keeps its own copy.
    const uncovered = r.actions.filter((a) => a.id.startsWith('files:copy:/etc/zarafa/'))
      .filter((a) => a.paths?.[1] !== a.paths?.[0]!.replace(/^\/etc\/zarafa\//, '/etc/kopano/'));
    expect(r.actions.filter((a) => a.id.startsWith('files:copy:/etc/zarafa/')).filter((a) => !uncovered.includes(a))).toEqual([]);
    expect(uncovered.every((a) => a.paths?.[0]?.startsWith('/etc/zarafa/indexer/'))).toBe(true);
  });
});

describe('runbook order checks', () => {
  it('reports each broken rule', () => {
    const broken = [
      { id: 'remove:zcp-packages', phase: 'prepare' },
      { id: 'prepare:mysql:zarafa', phase: 'prepare' },
      { id: 'collect:/etc/kopano/ssl', phase: 'prepare' },
      { id: 'install:packages', phase: 'install' },
      { id: 'database:upgrade-path', phase: 'install' },
      { id: 'owner:attachments', phase: 'data' },
      { id: 'attachments:move', phase: 'data' },
      { id: 'clients:webapp', phase: 'clients' },
      { id: 'owner:log-dir', phase: 'data' },
    ];
    const problems = orderProblems(broken);
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/owner:log-dir/);
    expect(problems.join('\n')).toMatch(/backup before removal[\s\S]*collect before removal[\s\S]*upgrade before install[\s\S]*move before chown/);
  });
});
