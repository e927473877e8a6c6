// Seeded generator of big Zarafa server.cfg files for the benchmarks and the complexity test.
// Every block of 10 lines holds exactly one line a rule edits, so about 10% of lines change.

/**
 * A server.cfg of `lines` lines (rounded up to whole blocks of 10). Edited lines rotate through
 * path rewrites (/var/log/zarafa, /etc/zarafa, /usr/lib/zarafa) and a renamed key assigned many
 * times (all but its last assignment are commented out). Keys repeat, so the parser reports
 * DUPLICATE_KEY on most settings: that is part of the load.
 */
export function generateServerCfg(lines) {
  const blocks = Math.ceil(lines / 10);
  const parts = new Array(blocks);
  for (let k = 0; k < blocks; k++) {
    parts[k] =
      `# section ${k}: maintained by the IT team\n` +
      '\n' +
      `${editedLine(k)}\n` +
      `server_name = mail${k}\n` +
      `# sized for ${k % 5000} users on this node\n` +
      `mysql_host = db${k}.example.org\n` +
      '#attachment_compression = 6\n' +
      `quota_warn = ${k % 2000}\n` +
      '\n' +
      `# end of section ${k}\n`;
  }
  return parts.join('');
}

function editedLine(k) {
  switch (k % 4) {
    case 0: return `log_file = /var/log/zarafa/server-${k}.log`;
    case 1: return `user_plugin_config = /etc/zarafa/ldap-${k}.cfg`;
    case 2: return `plugin_path = /usr/lib/zarafa/plugins-${k}`;
    default: return `enable_hosted_zarafa = ${k % 8 === 3 ? 'yes' : 'no'}`;
  }
}
