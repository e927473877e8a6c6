import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ConfigDocument } from '../cfg/model.js';

/**
 * `{{ … }}` (Go, Jinja, Mustache), `{% … %}` and `{%- … -%}` (Jinja), `{# … #}` (Jinja comments),
 * `<% … %>` (ERB, Mason): a template, not a config.
 */
const PLACEHOLDER = /\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<%.*?%>/;

/** A block tag opening a line whose end is on a later line (`{% if x` … `%}`, `{#` … `#}`). */
const OPENING_TAG = /^\s*(\{[{%#]|<%)\S*/;

/**
 * A config file that is still a template: its placeholders would be read as values
 * (`log_level = {{.Env.LOG_LEVEL}}` is log level 0 to the daemon). An error per line, so nothing
 * is written; render the template first.
 */
export function templatePlaceholders(doc: ConfigDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of doc.lines) {
    if (line.kind === 'setting' || line.kind === 'directive') {
      const m = PLACEHOLDER.exec(line.kind === 'setting' ? `${line.key} ${line.value}` : line.arg);
      if (m) out.push(refused(doc.file, line.number, 'placeholder', m[0], ''));
    } else if (line.kind === 'skipped' || line.kind === 'misread') {
      // A block tag (`{% if imap_enabled %}`, `<% end %>`) has no `=`: the daemon skips the line,
      // so the template's logic would be lost in silence.
      const m = PLACEHOLDER.exec(line.raw) ?? OPENING_TAG.exec(line.raw);
      if (m) out.push(refused(doc.file, line.number, 'tag', m[0].trim(), ', which the daemon would skip, losing the template\'s logic'));
    }
  }
  return out;
}

function refused(file: string, line: number, what: 'placeholder' | 'tag', text: string, skipped: string): Diagnostic {
  const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return diagnostic('TEMPLATE_PLACEHOLDER', 'error', file, line,
    `holds the template ${what} ${shown}${skipped}: this is a template, not a configuration the daemon can read. Render it (with the values of this host) and translate the result`);
}
