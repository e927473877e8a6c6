import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/api/translate-dir.js';
import { isLocalLdap } from '../../src/3-plan/runbook/plan-runbook.js';
import { renderRunbookShell } from '../../src/report/render-runbook-sh.js';
import type { ManualAction, RunbookStep } from '../../src/types.js';
import { makeTree } from '../dir/helpers.js';
import { ROOT } from '../helpers/bin.js';

// --ldap-schema kopano: the directory step addresses the LDAP server ldap.cfg names, binds as the
// directory's administrator (a placeholder the operator fills), and exports with slapcat only when
// that server is this host.
const LDAP_CASE = path.join(ROOT, 'fixtures/cases/zcp72-ldap/zarafa');

async function directorySteps(dir: string): Promise<ManualAction[]> {
  const r = await translateConfigDir(dir, { ldapSchema: 'kopano', target: '8.0' });
  return r.actions.filter((a) => a.phase === 'directory');
}

describe('the directory step of --ldap-schema kopano', () => {
  it('with the LDAP server on another host: ldapsearch and ldapmodify against it, as the administrator to be named', async () => {
    const bindUser = /^ldap_bind_user = (.*)$/m.exec(readFileSync(path.join(LDAP_CASE, 'ldap-bind.cfg'), 'utf8'))![1]!;
    const steps = await directorySteps(LDAP_CASE);
    const ldif = steps.find((a) => a.id === 'directory:ldif')!;
    const lines = ldif.command!.split('\n');
    expect(lines[0]).toMatch(/^ldapsearch -x -H ldaps:\/\/ldap1\.lab\.example\/ -D '<LDAP_ADMIN_DN>' -W .*-b dc=lab,dc=example > /);
    expect(lines[2]).toMatch(/^ldapmodify -x -H ldaps:\/\/ldap1\.lab\.example\/ -D '<LDAP_ADMIN_DN>' -W -f /);
    expect(ldif.command).not.toContain('slapcat');
    expect(ldif.command).not.toContain(bindUser);
    expect(ldif.reason).toContain('administrator');
    expect(ldif.from).toEqual({ file: 'ldap.cfg', line: 4, key: 'ldap_uri' });
  });

  it('with the LDAP server on this host: slapcat exports, ldapmodify still names the server and the administrator', async () => {
    const dir = makeTree({
      'server.cfg': 'user_plugin = ldap\nuser_plugin_config = /etc/zarafa/ldap.cfg\n',
      'ldap.cfg': 'ldap_uri = ldap://localhost/\nldap_search_base = dc=example,dc=org\nldap_bind_user = cn=reader,dc=example,dc=org\n',
    });
    const ldif = (await directorySteps(dir)).find((a) => a.id === 'directory:ldif')!;
    const lines = ldif.command!.split('\n');
    expect(lines[0]).toMatch(/^slapcat -b dc=example,dc=org > /);
    expect(lines[2]).toMatch(/^ldapmodify -x -H ldap:\/\/localhost\/ -D '<LDAP_ADMIN_DN>' -W -f /);
    expect(ldif.command).not.toContain('cn=reader');
  });

  it('is listed once: the by-hand "migrate the entries" step is the same work', async () => {
    const ids = (await directorySteps(LDAP_CASE)).map((a) => a.id);
    expect(ids).toContain('directory:ldif');
    expect(ids).not.toContain('ldap:migrate-entries');
    expect(ids.filter((id) => id === 'directory:ldif')).toHaveLength(1);
  });

  it('tells local from remote servers by the URI', () => {
    for (const uri of ['ldapi:///', 'ldapi://%2Fvar%2Frun%2Fslapd%2Fldapi', 'ldap://localhost', 'ldap://127.0.0.1:389/', 'ldaps://[::1]:636', 'ldap:///']) {
      expect(isLocalLdap(uri), uri).toBe(true);
    }
    for (const uri of ['ldap://ldap.example.org', 'ldaps://10.0.0.5:636/', 'ldap://[2001:db8::1]/', 'ldap.example.org']) {
      expect(isLocalLdap(uri), uri).toBe(false);
    }
  });
});

describe('the shell runbook fills <LDAP_ADMIN_DN> from LDAP_ADMIN_DN', () => {
  async function script(): Promise<string> {
    const r = await translateConfigDir(makeTree({ 'server.cfg': 'log_level = 3\n' }), { target: '8.0' });
    // A file step, so that --root runs it: the script's state stays in the test's own directory.
    const probe: RunbookStep = { id: 'probe', phase: 'directory', reason: 'probe', scope: 'files', command: "printf '%s\\n' -D '<LDAP_ADMIN_DN>' > dn.txt" };
    // The script runs inside a bundle only: a manifest of one file, and no host input to check.
    const bundle = makeTree({ 'files/etc/kopano/probe.cfg': 'a = b\n', 'INPUTS.sha256': '' });
    const sum = createHash('sha256').update('a = b\n').digest('hex');
    writeFileSync(path.join(bundle, 'MANIFEST.sha256'), `${sum}  files/etc/kopano/probe.cfg\n`);
    const file = path.join(bundle, 'runbook.sh');
    writeFileSync(file, renderRunbookShell({ ...r, actions: [probe] }, { zarafaDir: '/etc/zarafa' }));
    return file;
  }
  const run = (file: string, env: Record<string, string>) =>
    spawnSync('bash', [file, '--family', 'apt', '--root', makeTree({}), 'probe'], { encoding: 'utf8', cwd: path.dirname(file), env: { PATH: process.env.PATH ?? '', ...env } });

  it('word for word, quotes and spaces included', async () => {
    const file = await script();
    const dn = "cn=O'Brien Admin,dc=example,dc=org";
    const r = run(file, { LDAP_ADMIN_DN: dn });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(path.join(path.dirname(file), 'dn.txt'), 'utf8')).toBe(`-D\n${dn}\n`);
  });

  it('refuses to run the step while LDAP_ADMIN_DN is unset', async () => {
    const r = run(await script(), {});
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('set LDAP_ADMIN_DN');
  });
});
