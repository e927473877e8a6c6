import { emptyPlan, type HostKind, type HostPlan } from '../kind.js';
import { parseLines, printLines, type LineDoc } from '../line-doc.js';
import { isHashComment, renameEdits } from '../rename-edits.js';
import { lineKind } from '../rename-lines.js';

const RULE = 'userscripts:carry';

/** What the server exports to the scripts (provider/libserver/ECUserManagement.cpp, ZCP and Kopano). */
const EXPORTED = () => /\bZARAFA_(USER|GROUP|COMPANY|STOREGUID|GROUPID|COMPANYID|LANG|USERSCRIPT_LOCALE)\b/g;

/** The scripts the ZCP package installs under these names (vorlon/zarafa-debian installer/userscripts). */
const STOCK_NAMES = new Set([
  'createuser', 'deleteuser', 'creategroup', 'deletegroup', 'createcompany', 'deletecompany',
  'users_common.sh', 'groups_common.sh', 'companies_common.sh',
  'createuser.d/00createstore', 'createcompany.d/00createpublic',
]);

/**
 * The shapes of every command line of the stock scripts (comments and blank lines aside): reading
 * the environment file, the scripts directory variable, the guards of the *_common.sh files, the
 * find that runs the .d directory, and the zarafa-admin call of the two stock .d scripts. A stock
 * name holding any other line is the user's own.
 */
const STOCK_LINE: readonly RegExp[] = [
  /^(el)?if \[ -f \S+\/(sysconfig|default)\/zarafa \] ?; then$/,
  /^if \[ .* \] ?; then$/,
  /^\. \S+$/, /^fi$/, /^exec >&2$/, /^echo ".*"$/, /^exit 1$/,
  /^ZARAFA_(USER|GROUP|COMPANY)_SCRIPTS=\S+$/,
  /^ZARAFA_LANG="\$\{ZARAFA_USERSCRIPT_LOCALE:-\$\{LC_MESSAGES:-\w+\}\}"$/,
  /^PATH=\S+$/, /^export [A-Z_ ]+$/,
  /^find \$\{ZARAFA_\w+_SCRIPTS\} .* -exec \{\} \\;$/,
  /^zarafa-admin --utf8 (--create-store "\$\{ZARAFA_USER\}"( --lang "\$\{ZARAFA_LANG\}")?|-s -I "\$\{ZARAFA_COMPANY\}")$/,
];

/** True when `text` is one of the ZCP package's own scripts, as installed. */
export function isStockUserscript(rel: string, text: string): boolean {
  if (!STOCK_NAMES.has(rel)) return false;
  return parseLines(text).lines.every((l) => l.text.trim() === '' || isHashComment(l.text)
    || STOCK_LINE.some((re) => re.test(l.text.trim().replace(/\s+/g, ' '))));
}

/**
 * /etc/zarafa/userscripts: the user's own scripts are carried to /etc/kopano/userscripts (8.x runs
 * both the package's and that directory's createuser.d, …), with the exported ZARAFA_* variables
 * and the ZCP tools renamed; the stock ones are left to the Kopano package, which has its own.
 */
export const userscriptsKind: HostKind = lineKind({
  id: 'userscripts',
  title: 'User scripts under /etc/zarafa/userscripts',
  claims: ['etc/zarafa/userscripts/**'],
  reload: [],
  mappings: [
    { old: 'ZARAFA_USER, ZARAFA_GROUP, ZARAFA_COMPANY, ZARAFA_STOREGUID, ZARAFA_GROUPID, ZARAFA_COMPANYID, ZARAFA_LANG', new: 'KOPANO_USER, KOPANO_GROUP, … (same suffix)', source: 'Kopano-dev/kopano-core provider/libserver/ECUserManagement.cpp @kopanocore-8.7.25' },
    { old: '/etc/zarafa/userscripts/createuser.d/x', new: '/etc/kopano/userscripts/createuser.d/x', source: 'Kopano-dev/kopano-core installer/userscripts/createuser.in @kopanocore-8.7.25 (runs /usr/lib/kopano/userscripts and /etc/kopano/userscripts)' },
    { old: 'zarafa-admin', new: 'kopano-admin', source: 'Kopano-dev/kopano-core Makefile.am @kopanocore-8.7.25' },
  ],
  destination: (path) => path.replace(/^etc\/zarafa\//, 'etc/kopano/'),
  plan(doc: LineDoc, path: string): HostPlan {
    const plan = emptyPlan();
    const rel = path.replace(/^etc\/zarafa\/userscripts\//, '');
    if (isStockUserscript(rel, printLines(doc))) {
      plan.write = false;
      plan.findings.push({ code: 'HOST_LEFT_TO_PACKAGE', severity: 'info', rule: 'userscripts:stock', message: 'is the ZCP package\'s own script: the Kopano package installs its own, so it is not carried' });
      plan.understood.push(...doc.lines.map((l) => l.number));
      return plan;
    }
    for (const line of doc.lines) {
      if (isHashComment(line.text)) continue;
      const edits = [
        ...renameEdits(line, RULE, { tools: true, paths: true }),
        ...[...line.text.matchAll(EXPORTED())].map((m) => ({
          line: line.number, start: m.index, end: m.index + m[0].length, text: `KOPANO_${m[1]!}`, rule: RULE, key: m[0],
          reason: `${m[0]} → KOPANO_${m[1]!}: Kopano's server exports the KOPANO_ names to the scripts`,
        })),
      ];
      plan.edits.push(...edits.filter((e, i) => !edits.some((o, j) => j < i && o.start < e.end && e.start < o.end)));
    }
    return plan;
  },
});
