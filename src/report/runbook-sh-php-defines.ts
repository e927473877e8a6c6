/**
 * The runbook script's set_php_defines (and its define_pattern): a package's PHP configuration
 * edited define by define (the carried Z-Push settings). Part of the script's prelude.
 */
export const SET_PHP_DEFINES = String.raw`# set_php_defines FILE NAME VALUE [NAME VALUE ...]: each active define('NAME', ...) line of FILE (a
# package's PHP configuration) set to VALUE, a PHP expression; the file must exist and have a line
# for every NAME, else nothing changes and it fails naming them. Backed up once; each matching line
# is replaced whole (indentation and a CRLF end kept); a rename with the owner and mode; idempotent.
set_php_defines() {
  local f=$1 p names=() values=() missing=() n i line re cr tmp
  shift
  while (($# >= 2)); do
    names+=("$1")
    values+=("$2")
    shift 2
  done
  p=$(at "$f")
  if [[ ! -f $p ]]; then
    echo "$f does not exist: install the package that provides it first (clients:packages); nothing was changed" >&2
    return 1
  fi
  for n in "${'$'}{names[@]}"; do
    grep -Eq "$(define_pattern "$n")" "$p" || missing+=("$n")
  done
  if ((${'$'}{#missing[@]})); then
    echo "$f has no define line for: ${'$'}{missing[*]}; nothing was changed: set them by hand" >&2
    return 1
  fi
  backup_file "$f"
  tmp="$p.z2k-new"
  while IFS= read -r line || [[ -n $line ]]; do
    for i in "${'$'}{!names[@]}"; do
      re=$(define_pattern "${'$'}{names[i]}")
      if [[ $line =~ $re ]]; then
        cr=""
        if [[ $line == *$'\r' ]]; then cr=$'\r'; fi
        line="${'$'}{BASH_REMATCH[1]}define('${'$'}{names[i]}', ${'$'}{values[i]});$cr"
        break
      fi
    done
    printf '%s\n' "$line"
  done <"$p" >"$tmp"
  if cmp -s "$tmp" "$p"; then
    rm -f "$tmp"
    echo "  $f already has these settings"
    return 0
  fi
  chown --reference="$p" "$tmp" 2>/dev/null || true
  chmod --reference="$p" "$tmp"
  mv -f "$tmp" "$p"
  echo "  set ${'$'}{names[*]} in $f"
}

# An active define('NAME', line (either quote), its indentation captured.
define_pattern() {
  printf '^([[:space:]]*)define[[:space:]]*\\([[:space:]]*[%s"]%s[%s"][[:space:]]*,' "'" "$1" "'"
}
`;
