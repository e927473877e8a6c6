import { scanDefineValues } from '../../3-plan/php/php-defines.js';
import { byFile, carryMapiServer, carryZPush22, zPushConfPath, type CarriedSetting } from '../../3-plan/z-push/carry.js';
import { convertZPush22, isZPush22OnZarafa, Z_PUSH_23_FILES as FILES_23 } from '../../3-plan/z-push/convert.js';
import type { ZPushFile } from '../../3-plan/z-push/z-push-names.js';
import { settingsOf } from '../lmtp-check.js';
import { emptyPlan, type HostContext, type HostKind, type HostPlan } from '../kind.js';
import { parseLines, printLines, type LineDoc } from '../line-doc.js';

/** Z-Push 2.2's files on ZCP: the main config.php (two install layouts) and the Zarafa backend's. */
const ZPUSH_22 = [
  'etc/z-push/config.php',
  'usr/share/z-push/config.php',
  'etc/z-push/backend/zarafa/config.php',
  'usr/share/z-push/backend/zarafa/config.php',
] as const;
/** The rules' by-hand Z-Push step (src/3-plan/rules/guide-actions.ts). */
const GUIDE_ZPUSH_STEP = 'clients:z-push';
const rootRelative = (file: ZPushFile): string => zPushConfPath(file).slice(1);

/** Where the translated kopano-server listens locally (server.cfg's server_pipe_name), when it says. */
function serverSocket(ctx: HostContext): string | undefined {
  const v = settingsOf(ctx.kopano.get('server.cfg')).get('server_pipe_name');
  return v === undefined || v === '' ? undefined : v;
}

/** The settings every converted 2.2 file of the run carries into `file`, with the 2.2 file each comes from. */
function carriedInto(file: ZPushFile, ctx: HostContext): { from: string; setting: CarriedSetting }[] {
  return ZPUSH_22.flatMap((from) => {
    const text = ctx.files.get(from);
    if (text === undefined || !isZPush22OnZarafa(from, text, true)) return [];
    return byFile(carryZPush22(text, serverSocket(ctx)).settings, file).map((setting) => ({ from, setting }));
  });
}

/** A 2.3+ file already in the root: its define lines set to what the 2.2 files carry, in place. */
function planInstalled(doc: LineDoc, file: ZPushFile, ctx: HostContext): HostPlan {
  const plan = emptyPlan();
  const text = printLines(doc);
  const defines = scanDefineValues(text);
  const lineStart: number[] = [];
  let at = 0;
  for (const l of doc.lines) { lineStart.push(at); at += l.text.length + l.eol.length; }
  const carried = carriedInto(file, ctx);
  if (file === 'kopano.conf.php' && !carried.some((c) => c.setting.name === 'MAPI_SERVER')) {
    // Z-Push 2.3+ already ran on ZCP (the Kopano backend works with it): its own Zarafa socket is mapped.
    for (const d of defines.filter((x) => x.name === 'MAPI_SERVER')) {
      const own = carryMapiServer(d, serverSocket(ctx)).setting;
      if (own !== undefined && own.value !== d.source) carried.push({ from: rootRelative(file), setting: { ...own, why: own.why.replace(/^the Zarafa server socket/, 'this file\'s Zarafa server socket') } });
    }
  }
  for (const { from, setting } of carried) {
    const found = defines.filter((d) => d.name === setting.name);
    if (found.length === 0) {
      plan.findings.push({ code: 'ZPUSH_SETTING_NOT_CARRIED', severity: 'warning', rule: 'z-push:carry',
        message: `has no define('${setting.name}', …) line, so ${from}:${setting.line}'s ${setting.name} = ${setting.value} is not carried; set it by hand` });
      continue;
    }
    for (const d of found) {
      if (d.source.includes('\n')) {
        plan.findings.push({ code: 'ZPUSH_SETTING_NOT_CARRIED', severity: 'warning', line: d.line, rule: 'z-push:carry',
          message: `${setting.name}'s value here spans several lines, so ${from}:${setting.line}'s ${setting.name} = ${setting.value} is not carried; set it by hand` });
        continue;
      }
      plan.understood.push(d.line);
      if (d.source === setting.value) continue;
      const start = d.start - lineStart[d.line - 1]!;
      plan.edits.push({ line: d.line, start, end: start + d.source.length, text: setting.value, rule: 'z-push:carry', key: setting.name,
        reason: `${from}:${setting.line}: ${setting.why}` });
    }
  }
  return plan;
}

/** A 2.2 file: where its settings go (edited in place where the 2.3+ file is in the root, else a runbook step), and fixstates. */
function planOld(doc: LineDoc, path: string, ctx: HostContext): HostPlan {
  const plan = emptyPlan();
  plan.write = false;
  const text = printLines(doc);
  if (!isZPush22OnZarafa(path, text, true)) {
    // A backend the scanner cannot read (a constant, an expression): said, not guessed at.
    const backend = scanDefineValues(text).find((d) => d.name === 'BACKEND_PROVIDER' && !/^(['"])[^'"\\$]*\1$/.test(d.source));
    if (backend !== undefined) {
      plan.understood.push(backend.line);
      plan.findings.push({ code: 'HOST_ZPUSH_UPGRADE', severity: 'warning', line: backend.line, rule: 'z-push:upgrade',
        message: `is Z-Push 2.2's configuration, and its BACKEND_PROVIDER is not a plain string (${backend.source}), so nothing is carried; if it is the Zarafa backend, set BACKEND_PROVIDER to 'BackendKopano' and this file's other settings in ${zPushConfPath('z-push.conf.php')} by hand, then run z-push-admin -a fixstates` });
    }
    return plan;
  }
  const conversion = convertZPush22(text, `/${path}`, (file) => ctx.files.has(rootRelative(file)), serverSocket(ctx));
  plan.findings.push(...conversion.findings);
  plan.understood.push(...conversion.understood);
  plan.actions.push(...conversion.actions);
  // The guide's by-hand step (switch the backend, set MAPI_SERVER) is what the conversion does.
  plan.supersedes = [GUIDE_ZPUSH_STEP];
  return plan;
}

/**
 * Z-Push 2.2's configuration on the Zarafa backend, and Z-Push 2.3+'s files where they are already
 * installed. 2.2's files are not rewritten (2.3 reads other files, with BackendKopano): what they
 * changed goes into the 2.3+ files, in place when the root has them, else by a runbook step after
 * z-push-kopano is installed; then the device states are converted (fixstates).
 */
export const zPushKind: HostKind = {
  id: 'z-push',
  title: 'Z-Push 2.2 config.php and its Zarafa backend\'s config.php; Z-Push 2.3+\'s z-push.conf.php and kopano.conf.php',
  claims: [...ZPUSH_22, ...FILES_23.map(rootRelative)],
  reload: [],
  mappings: [
    { old: 'config.php BACKEND_PROVIDER BackendZarafa', new: `${zPushConfPath('z-push.conf.php')} BACKEND_PROVIDER BackendKopano`, source: 'Z-Hub/Z-Push src/config.php (2.3+)' },
    { old: 'backend/zarafa/config.php MAPI_SERVER', new: `${zPushConfPath('kopano.conf.php')} MAPI_SERVER`, source: 'Z-Hub/Z-Push src/backend/kopano/config.php' },
    { old: 'file:///var/run/zarafa', new: 'file:///var/run/kopano/server.sock', source: 'Z-Hub/Z-Push src/backend/kopano/config.php' },
    { old: 'config.php settings changed from 2.2\'s defaults', new: `${zPushConfPath('z-push.conf.php')} (the same define)`, source: 'Z-Hub/Z-Push 2.2.14 and 2.3.0..2.7.1 src/config.php' },
  ],
  parse: parseLines,
  print: printLines,
  destination: (path) => path,
  plan(doc: LineDoc, path: string, ctx: HostContext): HostPlan {
    const installed = FILES_23.find((f) => path === rootRelative(f));
    return installed !== undefined ? planInstalled(doc, installed, ctx) : planOld(doc, path, ctx);
  },
};
