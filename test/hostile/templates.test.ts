import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/index.js';
import { BIN } from '../helpers/bin.js';

const tmp = mkdtempSync(join(tmpdir(), 'z2k-tpl-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('templates instead of configuration files', () => {
  it.each([
    ['log_level = {{.Env.LOG_LEVEL}}', '{{.Env.LOG_LEVEL}}'],
    ['mysql_host = <%= @db_host %>', '<%= @db_host %>'],
    ['{% if ssl %}server_ssl_enabled = yes{% endif %}', '{% if ssl %}'],
  ])('a placeholder (%s) is an error naming file and line, and nothing is written', async (line, shown) => {
    const dir = mkdtempSync(join(tmp, 'in-'));
    writeFileSync(join(dir, 'server.cfg'), `server_pipe_name = /var/run/zarafa\n${line}\n`);
    const out = join(dir, '..', `out-${readdirSync(tmp).length}`);
    const r = await translateConfigDir(dir, { outDir: out });
    const d = r.diagnostics.find((x) => x.code === 'TEMPLATE_PLACEHOLDER');
    expect(d).toMatchObject({ severity: 'error', file: 'server.cfg', line: 2 });
    expect(d!.message).toContain(shown);
    expect(() => readdirSync(out)).toThrow();
  });

  it.each([
    ['{% if imap_enabled %}', '{% if imap_enabled %}'],
    ['{%- if imap_enabled -%}', '{%- if imap_enabled -%}'],
    ['{% endif %}', '{% endif %}'],
    ['{# the IMAP gateway #}', '{# the IMAP gateway #}'],
    ['<% if @imap %>', '<% if @imap %>'],
    ['<% end -%>', '<% end -%>'],
    ['{% for s in sockets', '{%'],
    ['  {#', '{#'],
  ])('a block tag line (%s), which the daemon would skip, is an error at file:line and exit 2', async (line, shown) => {
    const dir = mkdtempSync(join(tmp, 'in-'));
    writeFileSync(join(dir, 'gateway.cfg'), `server_socket = http://localhost:236/zarafa\n${line}\nimap_enable = yes\n`);
    const r = await translateConfigDir(dir);
    const d = r.diagnostics.filter((x) => x.code === 'TEMPLATE_PLACEHOLDER');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', file: 'gateway.cfg', line: 2 });
    expect(d[0]!.message).toContain(`template tag ${shown}`);
    const cli = spawnSync(process.execPath, [BIN, dir], { encoding: 'utf8' });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('gateway.cfg:2');
  });

  it('braces and percent signs elsewhere are no template: a comment, a value with one brace', async () => {
    const dir = mkdtempSync(join(tmp, 'in-'));
    writeFileSync(join(dir, 'server.cfg'), '# {% if this were a template %}\nserver_name = a{b%\n');
    const r = await translateConfigDir(dir);
    expect(r.diagnostics.filter((x) => x.code === 'TEMPLATE_PLACEHOLDER')).toEqual([]);
  });

  it('NO_CONFIG_FILES names the templates a directory holds', async () => {
    const dir = join(tmp, 'puppet');
    mkdirSync(join(dir, 'templates'), { recursive: true });
    writeFileSync(join(dir, 'templates', 'server.cfg.erb'), 'mysql_host = <%= @db %>\n');
    writeFileSync(join(dir, 'spooler.cfg.j2'), 'log_level = {{ level }}\n');
    await expect(translateConfigDir(dir)).rejects.toMatchObject({
      code: 'NO_CONFIG_FILES',
      message: expect.stringContaining('spooler.cfg.j2, templates/server.cfg.erb'),
    });
  });
});
