// maskSecretsOf cuts the secret values out of the text it was given instead of rebuilding the text
// from the document's lines; the result must be the rebuilt one, byte for byte.
import { describe, expect, it } from 'vitest';
import { commentedSettingOf, type ConfigDocument } from '../../src/cfg/model.js';
import { parseConfig } from '../../src/cfg/parse.js';
import { isSecretOption, type DaemonFile } from '../../src/options/index.js';
import { maskSecretsOf, SECRET_MASK } from '../../src/secrets/mask.js';
import { generateConfigText, makeRng } from '../helpers/generate.js';

/** Every line rebuilt, a secret value (active, misread or commented out) replaced by the mask. */
function rebuilt(doc: ConfigDocument, daemon: DaemonFile | undefined): string {
  let out = doc.bom ? '\uFEFF' : '';
  for (const line of doc.lines) {
    const s = line.kind === 'setting' || line.kind === 'misread' ? line : commentedSettingOf(line);
    if (s && s.value !== '' && isSecretOption(daemon, s.key.replace(/^[#!\s]+/, ''))) {
      const at = line.raw.lastIndexOf(s.value);
      out += line.raw.slice(0, at) + SECRET_MASK + line.raw.slice(at + s.value.length) + line.eol;
    } else {
      out += line.raw + line.eol;
    }
  }
  return out;
}

describe('maskSecretsOf', () => {
  it('masks exactly what rebuilding the lines masks, and leaves every other byte', () => {
    const r = makeRng(3);
    const secrets = ['mysql_password = p#ss=1', '#ldap_bind_passwd = old', ' # sslkey_pass = k', 'server_secret_key = s', 'x_key_pass = a  '];
    let masked = 0;
    for (let i = 0; i < 3000; i++) {
      let text = generateConfigText(r, { maxLines: 15 });
      if (r.chance(0.5)) text += `\n${r.pick(secrets)}${r.pick(['', '\n', '\r\n'])}`;
      const daemon = r.pick<DaemonFile | undefined>(['server.cfg', 'presence.cfg', 'ldap.cfg', undefined]);
      const doc = parseConfig(text, { dialect: r.chance(0.5) ? 'cpp' : 'python' });
      const got = maskSecretsOf(doc, text, daemon);
      expect(got).toBe(rebuilt(doc, daemon));
      if (got !== text) masked++;
    }
    expect(masked).toBeGreaterThan(500);
  });
});
