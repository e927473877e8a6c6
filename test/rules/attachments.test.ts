import { describe, expect, it } from 'vitest';
import { attachmentsRule } from '../../src/3-plan/rules/attachments.js';
import { lines, runRules, runTwice } from './rule-harness.js';

const rules = [attachmentsRule];

describe('attachments', () => {
  it('keep (default): a defaulted path is pinned to the ZCP directory, with the chown', () => {
    const input = lines('attachment_storage = files', 'attachment_compression = 6');
    const [first, second] = runTwice(input, 'server.cfg', rules);
    expect(first.output).toBe(lines('attachment_storage = files', 'attachment_compression = 6', 'attachment_path = /var/lib/zarafa/attachments'));
    expect(first.changes).toHaveLength(1);
    expect(first.actions).toEqual([
      expect.objectContaining({ id: 'owner:attachments', command: 'chown -R kopano:kopano /var/lib/zarafa/attachments' }),
    ]);
    expect(second.changes).toEqual([]);
  });

  it('keep: an explicit path stays as it is', () => {
    const input = lines('attachment_storage = files', 'attachment_path = /srv/zarafa/att');
    const { output, changes, actions } = runRules(input, 'server.cfg', rules, { runAs: { user: 'mail', group: 'mail' } });
    expect(output).toBe(input);
    expect(changes).toEqual([]);
    expect(actions[0]!.command).toBe('chown -R mail:mail /srv/zarafa/att');
  });

  it('move: the path becomes /var/lib/kopano/attachments and the move is an action', () => {
    const input = lines('attachment_storage = files', 'attachment_path = /var/lib/zarafa/attachments/');
    const [first, second] = runTwice(input, 'server.cfg', rules, { attachments: 'move' });
    expect(first.output).toBe(lines('attachment_storage = files', 'attachment_path = /var/lib/kopano/attachments'));
    expect(first.actions.map((a) => a.id)).toEqual(['attachments:move', 'owner:attachments']);
    expect(first.actions[0]!.command).toBe('mkdir -p /var/lib/kopano && mv /var/lib/zarafa/attachments /var/lib/kopano/attachments');
    expect(second.changes).toEqual([]);
    expect(second.actions.map((a) => a.id)).toEqual(['owner:attachments']);
  });

  it('move with a defaulted path: nothing to write (Kopano defaults there), only the move', () => {
    const { output, actions } = runRules(lines('attachment_storage = files'), 'server.cfg', rules, { attachments: 'move' });
    expect(output).toBe(lines('attachment_storage = files'));
    expect(actions[0]!.paths).toEqual(['/var/lib/zarafa/attachments', '/var/lib/kopano/attachments']);
  });

  it('does nothing when attachments live in the database', () => {
    for (const storage of ['database', 'Files', '']) {
      const r = runRules(lines(`attachment_storage = ${storage}`, 'attachment_path = /var/lib/zarafa/attachments'), 'server.cfg', rules, { attachments: 'move' });
      expect(r.changes).toEqual([]);
      expect(r.actions).toEqual([]);
    }
    expect(runRules(lines('mysql_user = zarafa'), 'server.cfg', rules).changes).toEqual([]);
  });

  it('a path set in an included file is handled in that file, not pinned in the including one', () => {
    const includes = { 'storage.cfg': lines('attachment_path = /data/attachments') };
    const main = runRules(lines('attachment_storage = files', '!include storage.cfg'), 'server.cfg', rules, { includes, attachments: 'move' });
    expect(main.changes).toEqual([]);
    const inc = runRules(lines('attachment_path = /data/attachments'), 'storage.cfg', rules, { included: true, daemon: 'server.cfg', attachments: 'move' });
    expect(inc.output).toBe(lines('attachment_path = /var/lib/kopano/attachments'));
  });

  it('is the same on 8.7', () => {
    const input = lines('attachment_storage = files');
    expect(runRules(input, 'server.cfg', rules, { target: '8.7' }).output).toBe(runRules(input, 'server.cfg', rules).output);
  });
});
