import { emptyPlan, type HostKind, type HostPlan } from '../kind.js';
import { parseLines, printLines, type LineDoc } from '../line-doc.js';

/** Where Z-Push 2.3 and later (z-push-kopano) read what 2.2's files held. */
const MAIN_CONF = '/etc/z-push/z-push.conf.php';
const BACKEND_CONF = '/etc/z-push/kopano.conf.php';
const KOPANO_SOCKET = 'file:///var/run/kopano/server.sock';

/** `define('NAME', 'value')` with two plain literals: the value, or undefined. */
function definedValue(line: string, name: string): string | undefined {
  const m = new RegExp(`^\\s*define\\s*\\(\\s*(['"])${name}\\1\\s*,\\s*(['"])([^'"\\\\$]*)\\2\\s*\\)`).exec(line);
  return m?.[3];
}

/** A define of `name` whose value is not two plain literals (found, not understood). */
function definesOther(line: string, name: string): boolean {
  return new RegExp(`^\\s*define\\s*\\(\\s*(['"])${name}\\1`).test(line);
}

/**
 * Z-Push 2.2's configuration on the Zarafa backend. Z-Push 2.3 moved to other files and another
 * backend (BackendKopano), so nothing is rewritten in place: each file gets a finding saying where
 * its settings go, and the runbook converts the device states once the new Z-Push is installed.
 */
export const zPushKind: HostKind = {
  id: 'z-push',
  title: 'Z-Push 2.2 config.php and its Zarafa backend\'s config.php',
  claims: [
    'etc/z-push/config.php',
    'usr/share/z-push/config.php',
    'etc/z-push/backend/zarafa/config.php',
    'usr/share/z-push/backend/zarafa/config.php',
  ],
  reload: [],
  mappings: [
    { old: 'config.php BACKEND_PROVIDER BackendZarafa', new: `${MAIN_CONF} BACKEND_PROVIDER BackendKopano`, source: 'Z-Hub/Z-Push src/config.php (2.3+)' },
    { old: 'backend/zarafa/config.php MAPI_SERVER', new: `${BACKEND_CONF} MAPI_SERVER`, source: 'Z-Hub/Z-Push src/backend/kopano/config.php' },
    { old: 'file:///var/run/zarafa', new: KOPANO_SOCKET, source: 'Z-Hub/Z-Push src/backend/kopano/config.php' },
  ],
  parse: parseLines,
  print: printLines,
  destination: (path) => path,
  plan(doc: LineDoc, path: string): HostPlan {
    const plan = emptyPlan();
    plan.write = false;
    const backend = path.includes('backend/zarafa/');
    for (const line of doc.lines) {
      if (/^\s*(\/\/|#|\*|\/\*)/.test(line.text)) continue;
      if (!backend && definesOther(line.text, 'BACKEND_PROVIDER')) {
        const value = definedValue(line.text, 'BACKEND_PROVIDER');
        if (value !== undefined && value !== 'BackendZarafa') continue;
        plan.understood.push(line.number);
        plan.findings.push({ code: 'HOST_ZPUSH_UPGRADE', severity: 'warning', line: line.number, rule: 'z-push:backend',
          message: `is Z-Push 2.2's configuration on the Zarafa backend; Z-Push 2.3 and later read ${MAIN_CONF}: set BACKEND_PROVIDER to 'BackendKopano' there and carry this file's other settings by hand` });
      }
      if (backend && definesOther(line.text, 'MAPI_SERVER')) {
        const value = definedValue(line.text, 'MAPI_SERVER');
        const next = value === undefined ? undefined : /^file:\/\/\/var\/run\/zarafa(\.sock)?$/.test(value) ? KOPANO_SOCKET : value;
        plan.understood.push(line.number);
        plan.findings.push({ code: 'HOST_ZPUSH_UPGRADE', severity: 'warning', line: line.number, rule: 'z-push:mapi-server',
          message: `is the Zarafa backend's configuration of Z-Push 2.2; the Kopano backend reads ${BACKEND_CONF}: set MAPI_SERVER there to ${next === undefined ? 'the Kopano server socket' : `'${next}'`}` });
      }
    }
    if (plan.findings.length > 0) {
      plan.actions.push({
        id: 'clients:z-push-fixstates',
        reason: `Z-Push 2.3 and later keep the device states in another layout than 2.2: once z-push-kopano is installed and ${MAIN_CONF} and ${BACKEND_CONF} are set, convert them, or the phones resynchronise from scratch.`,
        command: 'z-push-admin -a fixstates',
        paths: [MAIN_CONF, BACKEND_CONF],
      });
    }
    return plan;
  },
};
