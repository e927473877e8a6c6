import { action, finding, insert, setValue, type RuleStep } from '../rule-steps.js';
import type { ManualAction } from '../../types.js';
import type { Rule, RuleContext } from '../rule.js';
import { shellQuote } from './lib/paths.js';
import { currentValue, isSetAnywhere, targetSpec } from './lib/values.js';
import { ZCP_SOURCES } from '../../types.js';
import { isAccountName } from '../account-name.js';

export const runAsRule: Rule = {
  id: 'run-as',
  title: 'Run every daemon as the Kopano user, or the ZCP files\' own non-root user (run_as_user / run_as_group, local_admin_users), and hand it its files',
  why:
    'ZCP daemons ran as root unless told otherwise; Kopano daemons drop privileges to run_as_user (kopano by default, ' +
    'an empty value still means root), so that user must own what they write and kopano-server must accept it as a local admin.',
  guide: 'Set run_as_user/run_as_group, add the user to local_admin_users, and chown the data, log and run directories.',
  files: 'all',
  sources: ZCP_SOURCES,
  *apply(ctx) {
    if (!targetSpec(ctx, 'run_as_user')) return; // archiver, the user plugins: no privilege drop
    const { user, group } = ctx.options.runAs;
    for (const [key, want] of [['run_as_user', user], ['run_as_group', group]] as const) {
      const spec = targetSpec(ctx, key);
      if (!spec) continue;
      const line = ctx.plan.lineOf(key);
      if (line) {
        const value = ctx.plan.plannedValue(line.number) ?? line.value;
        if (value === want && key === 'run_as_user' && ctx.options.runAsKept) {
          yield finding('RUN_AS_KEPT', 'info', line.number,
            `run_as_user = ${want} is kept (run_as_group ${group}): the files ${want} owns stay owned correctly; ` +
            'give --run-as kopano:kopano (API runAs) to run as the Kopano user instead');
        } else if (value !== want) {
          if (value !== '' && !isAccountName(value)) yield notAName(key, value, want, line.number);
          const why = value === ''
            ? `empty means no privilege drop, so the Kopano daemon would run as root; it runs as ${want}`
            : `the Kopano daemons run as ${want}`;
          yield setValue(line.number, want, why);
        }
      } else if (!ctx.included && !isSetAnywhere(ctx, key) && spec.default !== want) {
        yield insert(key, want, { near: ['run_as_user', 'run_as_group', 'pid_file'] }, `the Kopano default is ${spec.default ?? 'unset'}; the daemons run as ${want}`);
      }
    }
    if (ctx.daemon === 'server.cfg') yield* addLocalAdmin(ctx, user);
    if (user !== 'root') for (const a of ownershipActions(ctx, user, group)) yield action(a);
  },
};

/**
 * A run_as_user / run_as_group value that is no user or group name, shown with what is not plain
 * ASCII escaped (a no-break space looks like a blank), and why the Kopano daemons cannot keep it.
 */
function notAName(key: string, value: string, want: string, line: number): RuleStep {
  const shown = JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // The C++ reader trims only space, tab, CR and LF; Python's strip() trims every Unicode blank.
  const blankEnd = /^\s|\s$/.test(value)
    ? ': the C++ daemons keep a blank at its start or end as part of the name, the Python daemons strip it and read another name'
    : '';
  return finding('RUN_AS_NOT_A_NAME', 'warning', line,
    `${key} = ${shown} is no ${key === 'run_as_user' ? 'user' : 'group'} name (letters, digits, _ . -; at most 32 characters)` +
    `${blankEnd}; no account has it, so the daemons run as ${want}`);
}

/** kopano-server trusts local socket connections of the users in local_admin_users (tools run as the daemon user). */
function* addLocalAdmin(ctx: RuleContext, user: string): Generator<RuleStep> {
  const line = ctx.plan.lineOf('local_admin_users');
  if (line) {
    const value = ctx.plan.plannedValue(line.number) ?? line.value;
    const users = value.split(/[ \t]+/).filter(Boolean);
    if (!users.includes(user)) {
      yield setValue(line.number, [...users, user].join(' '), `${user} runs the daemons and their tools, which connect as a local admin`);
    }
    return;
  }
  if (ctx.included || isSetAnywhere(ctx, 'local_admin_users')) return;
  const base = (currentValue(ctx, 'local_admin_users') ?? 'root').split(/[ \t]+/).filter(Boolean);
  if (base.includes(user)) return;
  yield insert('local_admin_users', [...base, user].join(' '), { near: ['local_admin_users', 'run_as_user', 'run_as_group'] }, `${user} runs the daemons and their tools, which connect as a local admin`);
}

/**
 * What every daemon, now running as `user`, writes to and must own. The attachment store and the
 * search index are handed over by the attachments and search-index rules (same action ids).
 */
function ownershipActions(ctx: RuleContext, user: string, group: string): ManualAction[] {
  const owner = `${user}:${group}`;
  const out: ManualAction[] = [
    {
      id: 'owner:create-user',
      reason: `the Kopano daemons run as ${owner}; the Kopano packages create kopano:kopano, any other user must exist`,
      command:
        `getent group ${shellQuote(group)} >/dev/null || groupadd --system ${shellQuote(group)}; ` +
        `getent passwd ${shellQuote(user)} >/dev/null || useradd --system --gid ${shellQuote(group)} ` +
        `--home-dir /var/lib/kopano --shell /usr/sbin/nologin ${shellQuote(user)}`,
    },
    {
      id: 'owner:run-dir',
      reason: `sockets and pid files are created in /var/run/kopano by ${owner}`,
      command: `install -d -o ${shellQuote(user)} -g ${shellQuote(group)} -m 0775 /var/run/kopano`,
      paths: ['/var/run/kopano'],
    },
    {
      id: 'owner:log-dir',
      reason: `the daemons write their logs to /var/log/kopano as ${owner}`,
      command: `install -d -o ${shellQuote(user)} -g ${shellQuote(group)} /var/log/kopano && chown -R ${owner} /var/log/kopano`,
      paths: ['/var/log/kopano'],
    },
  ];
  return out;
}
