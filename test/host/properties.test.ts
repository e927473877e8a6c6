import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostContext } from '../../src/host/kind.js';
import { HOST_KINDS } from '../../src/host/kinds/index.js';
import { applySplices, parseLines } from '../../src/host/line-doc.js';
import { listFiles } from '../golden/cases.mjs';
import { makeRng, type Rng } from '../helpers/generate.js';
import { ROOT } from '../helpers/bin.js';

const ctx: HostContext = { target: '8.7', kopano: new Map(), files: new Map() };

/** Every file of the host fixtures, as text. */
const FIXTURE_TEXTS = listFiles(path.join(ROOT, 'fixtures/host'))
  .filter((f) => f.includes('/root/'))
  .map((f) => ({ name: f, text: readFileSync(path.join(ROOT, 'fixtures/host', f), 'utf8') }));

/** Pieces the kinds' grammars care about: assignments, continuations, quotes, ZCP names, comments, odd line ends. */
const PIECES = [
  'mailbox_command = /usr/bin/zarafa-dagent "$USER"', '  -o x=/usr/sbin/zarafa-dagent', 'zarafa unix - n n - 10 pipe',
  '  flags=DRhu user=vmail argv=/usr/bin/zarafa-dagent -R ${recipient}', 'mda "/usr/bin/zarafa-dagent %T"', 'password "a\\"b"',
  'export ZARAFA_LOCALE="de_DE.UTF-8"', "ZARAFA_USERSCRIPT_LOCALE='x y'", '30 2 * * * root zarafa-admin --purge-softdelete 30',
  'After=zarafa-server.service', 'Alias /webapp /usr/share/zarafa-webapp', '/var/log/zarafa/*.log {', '}', '# zarafa-dagent',
  'lmtp:127.0.0.1:2003', 'virtual_transport = lmtp:[::1]:2003', '\t', '', 'é ü', 'file:///var/run/zarafa', '$ZARAFA_USER', '\\',
];
const ENDS = ['\n', '\r\n', '', '\r'];

function generated(r: Rng): string {
  const n = r.int(12);
  let out = '';
  for (let i = 0; i < n; i++) {
    const parts = Array.from({ length: 1 + r.int(3) }, () => r.pick(PIECES));
    out += (r.chance(0.3) ? r.pick([' ', '\t', '  ']) : '') + parts.join(r.pick([' ', '', '='])) + r.pick(ENDS);
  }
  return out;
}

const TEXTS = [...FIXTURE_TEXTS, ...Array.from({ length: 300 }, (_, seed) => ({ name: `seed ${seed}`, text: generated(makeRng(seed)) }))];

describe.each(HOST_KINDS.map((k) => [k.id, k] as const))('kind %s', (_id, kind) => {
  it('parses losslessly: print(parse(x)) === x on every fixture and on generated inputs', () => {
    for (const { name, text } of TEXTS) expect(kind.print(kind.parse(text)), name).toBe(text);
  });

  it('edits touch only their own lines, and a second pass on the output plans nothing', () => {
    for (const { name, text } of TEXTS) {
      const doc = kind.parse(text);
      const plan = kind.plan(doc, 'etc/x', ctx);
      const output = applySplices(doc, plan.edits);
      const touched = new Set(plan.edits.map((e) => e.line));
      const before = parseLines(text).lines;
      const after = parseLines(output).lines;
      expect(after.length, name).toBe(before.length);
      before.forEach((l, i) => {
        if (!touched.has(l.number)) expect(after[i], `${name} line ${l.number}`).toEqual(l);
        else expect(after[i]!.eol, name).toBe(l.eol);
      });
      if (!plan.write) continue;
      const again = kind.plan(kind.parse(output), 'etc/x', ctx);
      expect(again.edits, name).toEqual([]);
    }
  });
});
