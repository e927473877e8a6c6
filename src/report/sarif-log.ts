import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIAGNOSTIC_CODES, isTableCode } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DirTranslation } from '../types.js';

export interface SarifOptions {
  /** The input directory as given; locations are relative to it (uriBaseId ZARAFADIR). */
  zarafaDir: string;
  toolVersion: string;
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
const INFO_URI = 'https://www.npmjs.com/package/zarafa2kopano';

/**
 * A SARIF 2.1.0 log of a translation: every error and warning (a problem) as a result whose ruleId is its
 * code, located at its file and line; rule descriptors come from the code table. The changes are
 * not problems, and a result would become a code-scanning alert each: they are listed in the run's
 * properties instead (`changes`: rule, file, line, key, reason; `notes`: the info diagnostics), where tools that want them look.
 */
export function renderSarifLog(result: DirTranslation, options: SarifOptions): string {
  const used = new Map<string, { id: string; shortDescription: { text: string }; fullDescription?: { text: string } }>();
  const describe = (id: string): number => {
    if (!used.has(id)) used.set(id, descriptor(id));
    return [...used.keys()].indexOf(id);
  };
  // Errors and warnings are problems; an info note says what the tool decided, so it goes with the changes.
  const results = result.diagnostics.filter((d) => d.severity !== 'info').map((d) => diagnosticResult(d, describe(d.code)));
  const notes = result.diagnostics.filter((d) => d.severity === 'info').map((d) => ({
    code: d.code,
    file: d.file,
    ...(d.line === undefined ? {} : { line: d.line }),
    message: d.message,
  }));
  const changes = result.files.flatMap((f) => f.changes.map((c) => ({
    rule: c.rule,
    file: f.source,
    ...(c.line === undefined ? {} : { line: c.line }),
    ...(c.key === undefined ? {} : { key: c.key }),
    reason: c.reason,
  })));
  const base = pathToFileURL(path.resolve(options.zarafaDir) + path.sep).href;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'zarafa2kopano', version: options.toolVersion, informationUri: INFO_URI, rules: [...used.values()] } },
      originalUriBaseIds: { ZARAFADIR: { uri: base } },
      results,
      properties: { changeCount: changes.length, changes, notes },
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function diagnosticResult(d: Diagnostic, ruleIndex: number): unknown {
  return {
    ruleId: d.code,
    ruleIndex,
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [location(d.file, d.line)],
    ...(d.rule === undefined ? {} : { properties: { rule: d.rule } }),
  };
}

function location(file: string, line: number | undefined): unknown {
  return {
    physicalLocation: {
      artifactLocation: { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'ZARAFADIR' },
      ...(line === undefined ? {} : { region: { startLine: line } }),
    },
  };
}

function descriptor(id: string): { id: string; shortDescription: { text: string }; fullDescription?: { text: string } } {
  const base = id.startsWith('OUTPUT_') ? id.slice('OUTPUT_'.length) : id;
  const text = isTableCode(base) ? DIAGNOSTIC_CODES[base].text : id;
  const short = id === base ? firstSentence(text) : `In the translated output: ${firstSentence(text)}`;
  return { id, shortDescription: { text: short }, fullDescription: { text } };
}

/** The table's text without its Markdown, cut after the first sentence of the cause. */
function firstSentence(md: string): string {
  // \u2014 is the em dash: esbuild leaves a regex's characters as they are, and the bin's program stays ASCII (scripts/build-bin.mjs).
  const plain = md.replace(/`/g, '').replace(/\*/g, '').replace(/^(error|warning|info)[^\u2014]*\u2014 /, '');
  const end = plain.search(/\.(\s|$)/);
  return (end === -1 ? plain : plain.slice(0, end + 1)).replace(/\s+/g, ' ').trim();
}
