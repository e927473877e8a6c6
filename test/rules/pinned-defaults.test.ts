import { describe, expect, it } from 'vitest';
import { pinnedDefaultsRule } from '../../src/3-plan/rules/pinned-defaults.js';
import { lines, runRules, runTwice } from './rule-harness.js';

const rules = [pinnedDefaultsRule];

describe('pinned-defaults', () => {
  it('writes the ZCP database name next to the MySQL settings, and the changed server defaults', () => {
    const input = lines(
      '# database',
      'mysql_host = localhost',
      'mysql_user = zarafa',
      '',
      'log_method = file',
      'log_file = /var/log/zarafa/server.log',
    );
    const [first, second] = runTwice(input, 'server.cfg', rules);
    expect(first.output).toBe(lines(
      '# database',
      'mysql_host = localhost',
      'mysql_user = zarafa',
      'mysql_database = zarafa',
      '',
      'log_method = file',
      'log_file = /var/log/zarafa/server.log',
      'hide_everyone = no',
      'hide_system = no',
      'log_level = 2',
    ));
    expect(first.changes.map((c) => [c.rule, c.key, c.after])).toEqual([
      ['pinned-defaults', 'mysql_database', 'zarafa'],
      ['pinned-defaults', 'hide_everyone', 'no'],
      ['pinned-defaults', 'hide_system', 'no'],
      ['pinned-defaults', 'log_level', '2'],
    ]);
    expect(first.changes[0]!.reason).toMatch(/empty database/);
    expect(second.changes).toEqual([]);
  });

  it('leaves values the file sets, whatever they are', () => {
    const input = lines('mysql_database = mail', 'hide_everyone = yes', 'hide_system = yes', 'log_level = 4');
    expect(runRules(input, 'server.cfg', rules).changes).toEqual([]);
  });

  it('on 8.7 also pins the attachment storage, soft-delete and sync lifetimes', () => {
    const input = lines('mysql_database = zarafa', 'hide_everyone = no', 'hide_system = no', 'log_level = 2');
    const { output, changes } = runRules(input, 'server.cfg', rules, { target: '8.7' });
    expect(changes.map((c) => `${c.key}=${c.after}`)).toEqual([
      'attachment_storage=database',
      'softdelete_lifetime=0',
      'sync_lifetime=365',
    ]);
    // hide_everyone is "no" again in 8.7: only hide_system would have needed a pin.
    expect(output).toBe(input + lines('attachment_storage = database', 'softdelete_lifetime = 0', 'sync_lifetime = 365'));
  });

  it('does not pin a key an included file sets, and puts the database name after that include', () => {
    const input = lines('# server', '!include server-db.cfg', 'log_level = 3', 'hide_everyone = yes', 'hide_system = yes');
    const includes = { 'server-db.cfg': lines('mysql_host = db.example.org', 'mysql_user = zarafa') };
    const [first, second] = runTwice(input, 'server.cfg', rules, { includes });
    expect(first.output).toBe(lines(
      '# server',
      '!include server-db.cfg',
      'mysql_database = zarafa',
      'log_level = 3',
      'hide_everyone = yes',
      'hide_system = yes',
    ));
    expect(second.changes).toEqual([]);

    const withDb = { 'server-db.cfg': lines('mysql_host = db.example.org', 'mysql_database = zcp') };
    expect(runRules(input, 'server.cfg', rules, { includes: withDb }).changes).toEqual([]);
  });

  it('never pins into a file that is only read through an include', () => {
    const input = lines('mysql_host = db.example.org');
    expect(runRules(input, 'server-db.cfg', rules, { included: true, daemon: 'server.cfg' }).changes).toEqual([]);
  });

  it('keeps the LMTP listener on 127.0.0.1 (8.0 and, for listen-options to convert, 8.7)', () => {
    const input = lines('lmtp_port = 2003', 'log_level = 2');
    for (const target of ['8.0', '8.7'] as const) {
      const { output, changes } = runRules(input, 'dagent.cfg', rules, { target });
      // 8.7 also reads mail without a charset differently, stops double forwarding and logs raw
      // messages of failed deliveries by default
      const extra = target === '8.7' ? ['default_charset = iso-8859-15', 'no_double_forward = no', 'log_raw_message = no'] : [];
      expect(output).toBe(lines('lmtp_port = 2003', 'server_bind = 127.0.0.1', 'log_level = 2', ...extra));
      expect(changes[0]!.reason).toMatch(/LMTP/);
    }
    // An explicit bind address is the user's choice.
    expect(runRules(lines('server_bind = 0.0.0.0', 'log_level = 2'), 'dagent.cfg', rules).changes).toEqual([]);
  });

  it('an option ZCP 7.0 did not have yet gets the ZCP 7.2 default, so the output reads the same as 7.2-era config', () => {
    const dagent = runRules(lines('lmtp_port = 2003', 'server_bind = 127.0.0.1', 'log_level = 2'), 'dagent.cfg', rules, { source: '7.0', target: '8.7' });
    expect(dagent.changes.map((c) => `${c.key}=${c.after}`)).toEqual(['default_charset=iso-8859-15', 'no_double_forward=no', 'log_raw_message=no']);
    expect(dagent.changes[0]!.reason).toMatch(/ZCP 7.2 introduced/);
    const indexer = runRules(lines('index_attachments = no', 'index_attachment_max_size = 5M', 'log_level = 2'), 'indexer.cfg', rules, { source: '7.0' });
    expect(indexer.changes.map((c) => c.key)).toEqual(['index_exclude_properties']);
  });

  it('pins the archiver database name', () => {
    const { output } = runRules(lines('mysql_user = zarafa', 'log_level = 2'), 'archiver.cfg', rules);
    expect(output).toBe(lines('mysql_user = zarafa', 'mysql_database = zarafa-archiver', 'log_level = 2'));
  });

  describe('ldap.cfg', () => {
    const input = lines(
      'ldap_loginname_attribute = uid',
      'ldap_emailaliases_attribute = mailAlternateAddress',
      '#ldap_isadmin_attribute = zarafaAdmin',
      'ldap_last_modification_attribute = modifyTimestamp',
    );

    it('ldapSchema zarafa: writes every attribute Kopano names differently with its zarafa name', () => {
      const [first, second] = runTwice(input, 'ldap.cfg', rules);
      const pinned = first.changes.map((c) => `${c.key}=${c.after}`);
      expect(pinned).toContain('ldap_isadmin_attribute=zarafaAdmin');
      expect(pinned).toContain('ldap_hardquota_attribute=zarafaQuotaHard');
      expect(pinned).toContain('ldap_addressbook_hide_attribute=zarafaHidden');
      expect(pinned).toContain('ldap_group_security_attribute=zarafaSecurityGroup');
      // set by the file, or unchanged defaults: not pinned
      expect(pinned.some((p) => p.startsWith('ldap_emailaliases_attribute'))).toBe(false);
      expect(pinned.some((p) => p.startsWith('ldap_loginname_attribute'))).toBe(false);
      expect(pinned.every((p) => p.split('=')[1]!.startsWith('zarafa'))).toBe(true);
      expect(pinned).toHaveLength(24);
      // next to its commented sample line
      expect(first.output.split('\n').slice(2, 4)).toEqual(['#ldap_isadmin_attribute = zarafaAdmin', 'ldap_isadmin_attribute = zarafaAdmin']);
      expect(second.changes).toEqual([]);
    });

    it('ldapSchema kopano: the Kopano defaults already name the migrated attributes', () => {
      expect(runRules(input, 'ldap.cfg', rules, { ldapSchema: 'kopano' }).changes).toEqual([]);
    });
  });

  it('search.cfg from ZCP 7.1: pins the indexing defaults in the Python spelling', () => {
    const input = lines('index_path = /var/lib/kopano/search/', 'log_method = file');
    const [first, second] = runTwice(input, 'search.cfg', rules, { source: '7.1' });
    expect(first.changes.map((c) => `${c.key}=${c.after}`)).toEqual([
      'index_attachments=no',
      'index_attachment_max_size=5M',
      'index_exclude_properties=007D 0064 0C1E 0075 678E 678F',
      'term_cache_size=64M',
      'log_level=2',
    ]);
    expect(second.changes).toEqual([]);
  });
});
