import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ConfigDocument } from '../cfg/model.js';

/** `{{ … }}` (Go, Jinja, Mustache), `{% … %}` (Jinja), `<% … %>` (ERB, Mason): a template, not a config. */
const PLACEHOLDER = /\{\{.*?\}\}|\{%.*?%\}|<%.*?%>/;

/**
 * A config file that is still a template: its placeholders would be read as values
 * (`log_level = {{.Env.LOG_LEVEL}}` is log level 0 to the daemon). An error per line, so nothing
 * is written; render the template first.
 */
export function templatePlaceholders(doc: ConfigDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of doc.lines) {
    if (line.kind !== 'setting' && line.kind !== 'directive') continue;
    const m = PLACEHOLDER.exec(line.kind === 'setting' ? `${line.key} ${line.value}` : line.arg);
    if (!m) continue;
    out.push(diagnostic('TEMPLATE_PLACEHOLDER', 'error', doc.file, line.number,
      `holds the template placeholder ${m[0].length > 40 ? `${m[0].slice(0, 37)}...` : m[0]}: this is a template, not a configuration the daemon can read. Render it (with the values of this host) and translate the result`));
  }
  return out;
}
