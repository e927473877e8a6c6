import { targetInfo } from '../targets.js';
import { ACTION_PHASES, type DirTranslation, type ManualAction } from '../types.js';
import { PHASE_INFO } from '../3-plan/runbook/phases.js';
import { sourceName } from './summary.js';
import type { RunbookOptions } from './render-runbook-md.js';
import { SET_PHP_DEFINES } from './runbook-sh-php-defines.js';

/** A shell word holding `text` exactly. */
function q(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function functionName(a: ManualAction): string {
  return `step_${a.id.replace(/[^A-Za-z0-9]+/g, '_').replace(/_+$/, '')}`;
}

/**
 * The helpers every runbook script shares. A command runs in its own `bash -euo pipefail` fed on
 * stdin; a check runs the same way and only reads. The file helpers (check_space, backup_tree,
 * backup_file, make_dirs, install_file, remove_file, restore_files, restore_dirs, restore_tree, safe_mode_on) are exported to those
 * shells and work under Z2K_ROOT (`--root DIR`, empty on the host). Nothing runs without step
 * names, --all or --rollback; --dry-run prints instead of running. Needs bash and coreutils, tar
 * and sha256sum; no Node.
 */
const PRELUDE = String.raw`set -euo pipefail

DRY_RUN=0
FAMILY=""
ALL=0
LIST=0
ROLLBACK=0
FROM=""
ROOT_DIR=""
CURRENT=""
SELECTED=()
case ${'$'}{BASH_SOURCE[0]} in
  */*) Z2K_BUNDLE=$(cd "${'$'}{BASH_SOURCE[0]%/*}" && pwd) ;;
  *) Z2K_BUNDLE=$PWD ;;
esac
Z2K_ROOT=""
Z2K_WORK=/root/zarafa2kopano
export Z2K_BUNDLE Z2K_ROOT Z2K_WORK

usage() {
  cat <<'USAGE'
Usage: runbook.sh [--dry-run] [--root DIR] [--family apt|dnf|yum|zypper]
                  (--all [--from STEP] | --rollback [--from STEP] | --list | STEP...)
  --all        every migration step in order (not the optional ones, not the rollback); stops
               where a person must act and says how to go on; a re-run skips what is done
  --rollback   the way back to ZCP, in order
  --from STEP  with --all or --rollback: start at STEP (an id or a number)
  STEP         a step id (e.g. prepare:etc-zarafa) or its number; several run in the given order
  --list       list the steps and exit
  --dry-run    print what each step would run; run nothing
  --root DIR   run the file steps (backups, the bundle's files, their restore) under DIR, and
               skip the package, service and database steps (a test without a mail server)
  --family F   the package manager to use (default: detected)
Environment: KOPANOSERIAL (Kopano's repository, when the distribution does not offer the target),
TEST_RECIPIENT (the user the delivery test delivers to),
LDAP_ADMIN_DN (the directory administrator's DN, for the steps that name <LDAP_ADMIN_DN>).
Progress is kept in /root/zarafa2kopano/runbook.state (under DIR with --root).
Exit status: 0 done, 1 a step failed or the inputs changed, 2 bad usage, 3 stopped for a person.
USAGE
}

detect_family() {
  if command -v apt-get >/dev/null 2>&1; then echo apt
  elif command -v dnf >/dev/null 2>&1; then echo dnf
  elif command -v yum >/dev/null 2>&1; then echo yum
  elif command -v zypper >/dev/null 2>&1; then echo zypper
  else echo none
  fi
}

say() {
  printf '%s\n' "$*"
}

# How to go on from a step: the same mode, from that step.
go_on() {
  local root=""
  if [[ -n $Z2K_ROOT ]]; then root=" --root $Z2K_ROOT"; fi
  if ((ROLLBACK)); then say "$0$root --rollback --from $1"; else say "$0$root --all --from $1"; fi
}

# Print the command (dry run) or run it in a strict shell fed on stdin; a failure stops the script.
run() {
  local cmd=$1
  if ((DRY_RUN)); then
    say "  would run:"
    printf '%s\n' "$cmd" | sed 's/^/    /'
    return 0
  fi
  if [[ $cmd == *'<LDAP_ADMIN_DN>'* ]]; then
    if [[ -z ${'$'}{LDAP_ADMIN_DN:-} ]]; then
      say "  set LDAP_ADMIN_DN to the directory administrator's DN first" >&2
      return 1
    fi
    # The placeholder stands inside single quotes: a quote in the DN is closed, escaped and reopened.
    local q="'\\''"
    cmd=${'$'}{cmd//'<LDAP_ADMIN_DN>'/${'$'}{LDAP_ADMIN_DN//\'/$q}}
  fi
  if [[ $FAMILY == yum ]]; then
    cmd="dnf() { yum \"\$@\"; }"$'\n'"$cmd"
  fi
  if ! bash -euo pipefail <<<"$cmd"; then
    {
      say ""
      say "Stopped: step $CURRENT failed. The command that failed:"
      printf '%s\n' "$cmd" | sed 's/^/    /'
      say "Fix the cause, then go on with: $(go_on "$CURRENT")"
    } >&2
    exit 1
  fi
}

# True when the step's check says it is done (never evaluated in a dry run).
done_already() {
  local check=$1
  if ((DRY_RUN)); then
    say "  skipped when: $check"
    return 1
  fi
  bash <<<"$check" >/dev/null 2>&1
}

by_hand() {
  say "  by hand: see the reason above; this step has no command"
}

# No known package manager: a dry run shows every family's command, a real run stops.
no_family() {
  if ((DRY_RUN)); then
    say "  no package manager found (--family picks one); the command of each family:"
    return 0
  fi
  say "  no package manager found; give --family apt|dnf|yum|zypper" >&2
  return 1
}

# ---- The file helpers: every path is a host path, found under Z2K_ROOT.

at() {
  printf '%s%s' "$Z2K_ROOT" "$1"
}

# Room in the work directory for a backup of each path given (du), half again, and 100 MB.
check_space() {
  local need=0 k p avail
  for p in "$@"; do
    if [[ -e $(at "$p") ]]; then
      k=$(du -sk "$(at "$p")" | cut -f1)
      need=$((need + k))
    fi
  done
  need=$((need + need / 2 + 102400))
  install -d -m 0700 "$Z2K_WORK"
  avail=$(df -Pk "$Z2K_WORK" | awk 'NR == 2 { print $4 }')
  if ((avail < need)); then
    echo "not enough room in $Z2K_WORK for the backups: $((need / 1024)) MB needed, $((avail / 1024)) MB free; nothing was changed" >&2
    return 1
  fi
  echo "  room for the backups: $((need / 1024)) MB needed, $((avail / 1024)) MB free"
}

archive_of() {
  local name=${'$'}{1#/}
  printf '%s/%s.tar.gz' "$Z2K_WORK" "${'$'}{name//\//-}"
}

# An archive of a directory, and its checksum beside it.
backup_tree() {
  local dir=$1 archive
  archive=$(archive_of "$dir")
  install -d -m 0700 "$Z2K_WORK"
  tar -C "$(at "${'$'}{dir%/*}")" -czf "$archive.part" "${'$'}{dir##*/}"
  mv "$archive.part" "$archive"
  (cd "${'$'}{archive%/*}" && sha256sum "${'$'}{archive##*/}" >"${'$'}{archive##*/}.sha256")
  echo "  archived $dir in $archive"
}

has_tree_backup() {
  local archive
  archive=$(archive_of "$1")
  (cd "${'$'}{archive%/*}" && sha256sum -c --quiet "${'$'}{archive##*/}.sha256") >/dev/null 2>&1
}

# The directory exactly as archived: the archive checked, unpacked beside, then swapped in.
restore_tree() {
  local dir=$1 archive parent tmp
  if [[ $dir != /?* ]]; then
    echo "restore_tree needs an absolute directory, got '$dir'" >&2
    return 1
  fi
  archive=$(archive_of "$dir")
  if ! has_tree_backup "$dir"; then
    echo "no archive of $dir matching its checksum in $Z2K_WORK: nothing restored" >&2
    return 1
  fi
  parent=$(at "${'$'}{dir%/*}")
  tmp="$parent/.${'$'}{dir##*/}.z2k-restore"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  tar -C "$tmp" -xzpf "$archive"
  rm -rf "$(at "$dir")"
  mv "$tmp/${'$'}{dir##*/}" "$(at "$dir")"
  rmdir "$tmp"
  echo "  restored $dir"
}

# A copy of the file as it is now (or a note that it does not exist), once: the first backup is the one kept.
backup_file() {
  local p=$1 b="$Z2K_WORK/backup"
  install -d -m 0700 "$b" "$b/files"
  touch "$b/LIST" "$b/SHA256"
  if grep -Fxq "present $p" "$b/LIST" || grep -Fxq "absent $p" "$b/LIST"; then
    return 0
  fi
  if [[ -e $(at "$p") ]]; then
    install -d -m 0700 "$b/files${'$'}{p%/*}"
    cp -a "$(at "$p")" "$b/files$p"
    (cd "$b/files" && sha256sum ".$p") >>"$b/SHA256"
    echo "present $p" >>"$b/LIST"
    echo "  backed up $p"
  else
    echo "absent $p" >>"$b/LIST"
    echo "  $p does not exist yet (the way back removes it)"
  fi
}

# The directories a host path needs that do not exist yet, each noted in backup/DIRS before it is
# made (outermost first, mode 0755 as install gives), so the way back can remove it again; a
# directory that was there is never noted.
make_dirs() {
  local d=$1 b="$Z2K_WORK/backup" made=() i
  while [[ -n $d && ! -e $(at "$d") && ! -L $(at "$d") ]]; do
    made+=("$d")
    d=${'$'}{d%/*}
  done
  for ((i = ${'$'}{#made[@]} - 1; i >= 0; i--)); do
    install -d -m 0700 "$b"
    touch "$b/DIRS"
    grep -Fxq "${'$'}{made[$i]}" "$b/DIRS" || echo "${'$'}{made[$i]}" >>"$b/DIRS"
    install -d "$(at "${'$'}{made[$i]}")"
  done
}

# The bundle's file at its place: checksum checked, the old one backed up, a rename; owner kept, mode never wider.
install_file() {
  local p=$1 src="$Z2K_BUNDLE/files$1" dst tmp mode
  dst=$(at "$p")
  if ! awk -v f="files$p" 'substr($0, 67) == f' "$Z2K_BUNDLE/MANIFEST.sha256" | (cd "$Z2K_BUNDLE" && sha256sum -c --quiet -) >/dev/null 2>&1; then
    echo "$src is not the file the bundle was made with (MANIFEST.sha256): copy the bundle again" >&2
    return 1
  fi
  backup_file "$p" >/dev/null
  make_dirs "${'$'}{p%/*}"
  tmp="$dst.z2k-new"
  cp "$src" "$tmp"
  mode=$(stat -c %a "$src")
  if [[ -f $dst ]]; then
    chown --reference="$dst" "$tmp" 2>/dev/null || true
    mode=$(printf '%o' $((8#$mode & 8#$(stat -c %a "$dst"))))
  fi
  chmod "$mode" "$tmp"
  mv -f "$tmp" "$dst"
  echo "  installed $p"
}

# A file the Kopano packages supersede: backed up (once), then removed; the way back restores it.
remove_file() {
  local p=$1
  backup_file "$p" >/dev/null
  rm -f "$(at "$p")"
  echo "  removed $p"
}

# Every backed-up file back, byte for byte (the backups checked first); the ones that did not exist removed.
restore_files() {
  local b="$Z2K_WORK/backup" state p dst
  if [[ ! -e $b/LIST ]]; then
    echo "  no file was backed up: nothing to restore"
    return 0
  fi
  if [[ -s $b/SHA256 ]] && ! (cd "$b/files" && sha256sum -c --quiet "$b/SHA256"); then
    echo "a backup in $b does not match its checksum: nothing restored" >&2
    return 1
  fi
  while read -r state p; do
    dst=$(at "$p")
    case $state in
      present)
        cp -a "$b/files$p" "$dst.z2k-restore"
        mv -f "$dst.z2k-restore" "$dst"
        echo "  restored $p"
        ;;
      absent)
        rm -f "$dst"
        echo "  removed $p (it did not exist before)"
        ;;
    esac
  done <"$b/LIST"
  restore_dirs
}

# The directories install_file made, innermost first, each removed when it is empty again (rmdir:
# never what is in it); one that is not empty stays, and stays noted.
restore_dirs() {
  local b="$Z2K_WORK/backup" p dst
  if [[ ! -s $b/DIRS ]]; then
    return 0
  fi
  : >"$b/DIRS.kept"
  while IFS= read -r p; do
    dst=$(at "$p")
    if [[ -d $dst && ! -L $dst ]] && rmdir "$dst" 2>/dev/null; then
      echo "  removed the directory $p (the install made it)"
    elif [[ -e $dst || -L $dst ]]; then
      echo "$p" >>"$b/DIRS.kept"
      echo "  kept the directory $p (the install made it): it is not empty"
    fi
  done < <(tac "$b/DIRS")
  tac "$b/DIRS.kept" >"$b/DIRS"
  rm -f "$b/DIRS.kept"
}

# user_safe_mode = yes as the file's last line (the last assignment wins).
safe_mode_on() {
  local f
  f=$(at "$1")
  if [[ $(tail -n 1 "$f") != 'user_safe_mode = yes' ]]; then
    printf '\nuser_safe_mode = yes\n' >>"$f"
  fi
}

${SET_PHP_DEFINES}
export -f at check_space archive_of backup_tree has_tree_backup restore_tree backup_file make_dirs install_file remove_file restore_files restore_dirs safe_mode_on set_php_defines define_pattern

# ---- The bundle and the host before the first step.

check_manifest() {
  if [[ ! -e $Z2K_BUNDLE/MANIFEST.sha256 ]]; then
    say "no MANIFEST.sha256 beside this script: it is not inside a bundle (zarafa2kopano --bundle DIR makes one)" >&2
    return 1
  fi
  if ! (cd "$Z2K_BUNDLE" && sha256sum -c --quiet MANIFEST.sha256); then
    say "the bundle's files do not match MANIFEST.sha256: copy the bundle again" >&2
    return 1
  fi
}

# The host's files the bundle was made from must be those it finds now.
check_inputs() {
  local sum path actual bad=0
  if [[ ! -e $Z2K_BUNDLE/INPUTS.sha256 ]]; then
    say "no INPUTS.sha256 beside this script: it is not inside a bundle" >&2
    return 1
  fi
  while read -r sum path; do
    if [[ ! -e $(at "$path") ]]; then
      say "  missing: $path" >&2
      bad=1
      continue
    fi
    actual=$(sha256sum <"$(at "$path")")
    if [[ ${'$'}{actual%% *} != "$sum" ]]; then
      say "  changed: $path" >&2
      bad=1
    fi
  done <"$Z2K_BUNDLE/INPUTS.sha256"
  if ((bad)); then
    say "The host's files are not the ones this bundle was made from: nothing was run. Translate again from a fresh copy of them, review, and make a new bundle." >&2
    return 1
  fi
  say "The host's files are the ones the bundle was made from."
}

state_file() {
  printf '%s/runbook.state' "$Z2K_WORK"
}

done_before() {
  [[ -e $(state_file) ]] && grep -Fxq "$1" "$(state_file)"
}

mark_done() {
  install -d -m 0700 "$Z2K_WORK"
  echo "$1" >>"$(state_file)"
}
`;

/**
 * The runbook as a bash script: one function per step (its reason printed, its check tried, its
 * command run), the package family detected at run time or given with --family.
 */
export function renderRunbookShell(dir: DirTranslation, options: RunbookOptions): string {
  const out: string[] = ['#!/usr/bin/env bash'];
  out.push(`# Migration runbook: ${options.zarafaDir} (${sourceName(dir.source.version)}) → target ${dir.target} (${targetInfo(dir.target).releases}).`);
  out.push('# Generated by zarafa2kopano; review every step before running it. Run as root on the mail server,');
  out.push('# from the bundle directory it came in (files/, MANIFEST.sha256, INPUTS.sha256 beside it).');
  out.push('# Each step\'s command is a single-quoted string run by a fresh bash, so its $ are meant literally here:');
  out.push('# shellcheck disable=SC2016');
  out.push(PRELUDE);
  // Phases are numbered as they appear: one without steps on this host leaves no gap.
  let shown = 0;
  for (const phase of ACTION_PHASES) {
    const steps = dir.actions.filter((a) => a.phase === phase);
    if (steps.length === 0) continue;
    out.push(`# ---- ${++shown}. ${phase}: ${PHASE_INFO[phase].title}`, '');
    for (const a of steps) out.push(...stepFunction(a), '');
  }
  const col = (f: (a: ManualAction) => string) => dir.actions.map(f).join(' ');
  out.push(
    `STEP_IDS=(${col((a) => q(a.id))})`,
    `STEP_FNS=(${col(functionName)})`,
    `STEP_OPTIONAL=(${col((a) => (a.optional ? '1' : '0'))})`,
    `STEP_SCOPE=(${col((a) => a.scope ?? 'host')})`,
    `STEP_KIND=(${col(kindOf)})`,
    `STEP_BACK=(${col((a) => (a.phase === 'rollback' ? '1' : '0'))})`,
    '',
  );
  out.push(String.raw`# One step: its function, unless --root leaves out what it changes; recorded as done when it ran.
run_step() {
  local i=$1
  CURRENT=${'$'}{STEP_IDS[$i]}
  say ""
  say "== $((i + 1)). $CURRENT"
  if [[ -n $Z2K_ROOT && ${'$'}{STEP_SCOPE[$i]} != files ]]; then
    say "  skipped under --root: this step changes packages, services or databases"
    return 0
  fi
  "${'$'}{STEP_FNS[$i]}"
  if ((!DRY_RUN)) && [[ ${'$'}{STEP_KIND[$i]} == run ]]; then mark_done "$CURRENT"; fi
}

# The index of a step named by id or number, or -1.
step_index() {
  local i
  for i in "${'$'}{!STEP_IDS[@]}"; do
    if [[ $1 == "${'$'}{STEP_IDS[$i]}" || $1 == "$((i + 1))" ]]; then
      echo "$i"
      return 0
    fi
  done
  echo -1
}

# --all or --rollback: the steps of that part in order, from --from; stops where a person must act.
run_in_order() {
  local i j start=0 back=$1 next
  if [[ -n $FROM ]]; then
    start=$(step_index "$FROM")
    if ((start < 0)) || ((STEP_BACK[start] != back)); then
      say "no step '$FROM' in this part of the runbook (see --list)" >&2
      return 2
    fi
  fi
  for i in "${'$'}{!STEP_IDS[@]}"; do
    if ((i < start)) || ((STEP_BACK[i] != back)); then continue; fi
    if ((STEP_OPTIONAL[i])); then
      say ""
      say "== $((i + 1)). ${'$'}{STEP_IDS[$i]} (optional: run it by name)"
      continue
    fi
    if ((!DRY_RUN)) && done_before "${'$'}{STEP_IDS[$i]}"; then
      say ""
      say "== $((i + 1)). ${'$'}{STEP_IDS[$i]}: done before (runbook.state)"
      continue
    fi
    run_step "$i"
    if [[ ${'$'}{STEP_KIND[$i]} != run ]]; then
      next=""
      for ((j = i + 1; j < ${'$'}{#STEP_IDS[@]}; j++)); do
        if ((STEP_BACK[j] == back)); then
          next=${'$'}{STEP_IDS[$j]}
          break
        fi
      done
      if ((DRY_RUN)); then
        say "  (a real run stops here for a person)"
        continue
      fi
      say ""
      say "Stopped at step $((i + 1)) (${'$'}{STEP_IDS[$i]}): a person acts here, as its text above says."
      if [[ -n $next ]]; then say "When it is done, go on with: $(go_on "$next")"; else say "It is the last step."; fi
      return 3
    fi
  done
  say ""
  say "Done: every step of this part ran."
  if ((back)) && ((!DRY_RUN)) && [[ -e $(state_file) ]]; then
    # Back where it started: a new migration runs every step again (the first backups stay).
    mv "$(state_file)" "$(state_file).rolled-back"
  fi
}

main() {
  while (($# > 0)); do
    case $1 in
      --dry-run) DRY_RUN=1 ;;
      --all) ALL=1 ;;
      --rollback) ROLLBACK=1 ;;
      --list) LIST=1 ;;
      --from)
        shift
        FROM=${'$'}{1:-}
        ;;
      --root)
        shift
        ROOT_DIR=${'$'}{1:-}
        ;;
      --family)
        shift
        FAMILY=${'$'}{1:-}
        ;;
      -h | --help)
        usage
        return 0
        ;;
      -*)
        usage >&2
        return 2
        ;;
      *) SELECTED+=("$1") ;;
    esac
    shift
  done
  local i
  if ((LIST)); then
    for i in "${'$'}{!STEP_IDS[@]}"; do
      say "$((i + 1)). ${'$'}{STEP_IDS[$i]}$( ((STEP_OPTIONAL[i])) && echo ' (optional)')$( [[ ${'$'}{STEP_KIND[$i]} != run ]] && echo ' (a person acts)')$( ((STEP_BACK[i])) && echo ' (rollback)')"
    done
    return 0
  fi
  if ((ALL + ROLLBACK + (${'$'}{#SELECTED[@]} > 0) != 1)); then
    usage >&2
    return 2
  fi
  if [[ -n $FROM ]] && ((!ALL && !ROLLBACK)); then
    say "--from goes with --all or --rollback" >&2
    return 2
  fi
  case $FAMILY in
    "") FAMILY=$(detect_family) ;;
    apt | dnf | yum | zypper) ;;
    *)
      say "unknown --family '$FAMILY'" >&2
      return 2
      ;;
  esac
  if [[ -n $ROOT_DIR ]]; then
    if [[ ! -d $ROOT_DIR ]]; then
      say "--root $ROOT_DIR is not a directory" >&2
      return 2
    fi
    Z2K_ROOT=$(cd "$ROOT_DIR" && pwd)
    Z2K_WORK=$Z2K_ROOT/root/zarafa2kopano
  elif ((!DRY_RUN)) && ((EUID != 0)); then
    say "run as root (or with --dry-run, or --root DIR)" >&2
    return 1
  fi
  if ((DRY_RUN)); then say "Dry run (package family: $FAMILY): nothing is changed."; fi
  if [[ -n $Z2K_ROOT ]]; then say "Under --root $Z2K_ROOT: the file steps run there; package, service and database steps are skipped."; fi
  if ((!DRY_RUN)); then
    check_manifest || return 1
    # Before the first step only: later, the removal of ZCP changes the inputs on purpose.
    if ((!ROLLBACK)) && [[ ! -s $(state_file) ]]; then check_inputs || return 1; fi
  fi
  if ((ALL)); then
    run_in_order 0
    return
  fi
  if ((ROLLBACK)); then
    run_in_order 1
    return
  fi
  local want
  for want in "${'$'}{SELECTED[@]}"; do
    i=$(step_index "$want")
    if ((i < 0)); then
      say "no step '$want' (see --list)" >&2
      return 2
    fi
    run_step "$i"
  done
}

main "$@"`);
  return out.join('\n') + '\n';
}

/** run: a command to run; hand: no command, a person does it; pause: a command, then a person decides. */
function kindOf(a: ManualAction): string {
  if (!a.command && !a.commands) return 'hand';
  return a.pause ? 'pause' : 'run';
}

function stepFunction(a: ManualAction): string[] {
  const body: string[] = [];
  for (const line of wrap(a.reason)) body.push(`  say ${q(`  ${line}`)}`);
  if (a.check) body.push(`  if done_already ${q(a.check)}; then`, `    say '  already done'`, '    return 0', '  fi');
  if (a.command) {
    body.push(`  run ${q(a.command)}`);
  } else if (a.commands) {
    body.push('  case $FAMILY in');
    const arms: [string, string | undefined][] = [['apt', a.commands.apt], ['dnf | yum', a.commands.dnf], ['zypper', a.commands.zypper]];
    for (const [pattern, c] of arms) if (c) body.push(`    ${pattern})`, `      run ${q(c)}`, '      ;;');
    body.push('    *)', '      no_family');
    for (const [, c] of arms) if (c) body.push(`      run ${q(c)}`);
    body.push('      ;;', '  esac');
  } else {
    body.push('  by_hand');
  }
  return [`${functionName(a)}() {`, ...body, '}'];
}

/** The reason as comment-width lines. */
function wrap(text: string, width = 96): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
