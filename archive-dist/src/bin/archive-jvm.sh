# Sourced by both launchers (./archive in a checkout, bin/archive in the distribution): the JVM's options for one
# command, from jvm.options, the Java version, the start-up cache and ARCHIVE_JAVA_OPTS. Not a command of its own.
#
#   archive_jvm_args JAVA_HOME OPTIONS_FILE CACHE_DIR JAR COMMAND
#
# sets the array ARCHIVE_JVM_ARGS (everything before -jar). Also exports MALLOC_ARENA_MAX=2 unless it is set.

# shellcheck shell=bash

# The Java's feature version (21, 25, ...) from its release file, else from java itself; nothing when unknown.
archive_java_major() {
  local out
  out="$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$1/release" 2>/dev/null | head -n1)" || true
  [ -z "$out" ] || { echo "${out%%.*}"; return 0; }
  out="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)" || return 0
  echo "${out%%.*}"
}

# The lines of jvm.options that apply to Java $2 (see that file for the "25-:" prefixes).
archive_jvm_options() { # file major
  local line range low high
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line%%#*}"
    # Trimmed in bash itself: a command per line would cost the start-up a fork each.
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    [ -n "$line" ] || continue
    if [[ "$line" =~ ^([0-9]+)(-([0-9]*))?:(.*)$ ]]; then
      range="${BASH_REMATCH[2]}"; low="${BASH_REMATCH[1]}"; high="${BASH_REMATCH[3]}"; line="${BASH_REMATCH[4]}"
      if [ -z "$range" ]; then high="$low"; elif [ -z "$high" ]; then high=999; fi
      [ "$2" -ge "$low" ] && [ "$2" -le "$high" ] || continue
    fi
    echo "$line"
  done <"$1"
}

# The start-up cache. The JVM can keep what it learns while it starts (classes loaded and linked, and on 25 also
# method profiles) in a file and map it on the next start: on Java 25 an AOT cache (JEP 483/514/515), on 21 to 24 a
# dynamic CDS archive. The file is named after everything it depends on (this Java's exact build, every jar's size
# and time, the options), so a new build, another Java or changed options never meet a stale one: they record a
# new one. Only `serve` records (the cache is written when that run stops; other commands print to stdout and exit
# quickly); every command uses one that exists. ARCHIVE_JVM_CACHE=off turns it off.
archive_jvm_cache_args() { # java_home major cache_dir jar command options...
  local java_home="$1" major="$2" dir="$3" jar="$4" command="$5" key file ext
  shift 5
  [ "${ARCHIVE_JVM_CACHE:-on}" != off ] && [ -n "$dir" ] || return 0
  key="$( { sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$java_home/release" 2>/dev/null || true; echo "$java_home";
            stat -L -c '%n %s %Y' "$jar" "$(dirname "$jar")"/lib/*.jar 2>/dev/null || true; printf '%s\n' "$@"; } \
          | sha256sum | cut -c1-16)"
  if [ "$major" -ge 25 ]; then ext=aot; else ext=jsa; fi
  file="$dir/archive-$key.$ext"
  if [ -f "$file" ]; then
    if [ "$ext" = aot ]; then echo "-XX:AOTCache=$file"; else echo "-XX:SharedArchiveFile=$file"; fi
  elif [ "$command" = serve ]; then
    # Owner-only: whoever can write the cache could change the code the service runs. (Printing the command
    # line, for tests, touches nothing.)
    [ "${ARCHIVE_LAUNCHER_PRINT:-}" = 1 ] || { (umask 077 && mkdir -p "$dir") 2>/dev/null && [ -w "$dir" ] && [ -O "$dir" ] || return 0
    chmod 700 "$dir" 2>/dev/null || true
    rm -f "$dir"/archive-*.aot "$dir"/archive-*.jsa "$dir"/archive-*.aot.config 2>/dev/null || true; }
    if [ "$ext" = aot ]; then echo "-XX:AOTCacheOutput=$file"
    else echo "-XX:SharedArchiveFile=$file"; echo "-XX:+AutoCreateSharedArchive"; fi
  fi
}

archive_jvm_args() { # java_home options_file cache_dir jar command
  local java_home="$1" options_file="$2" cache_dir="$3" jar="$4" command="$5" major line
  local -a options=() extra=()
  major="$(archive_java_major "$java_home")"
  [ -n "$major" ] || major=21
  while IFS= read -r line; do options+=("$line"); done < <(archive_jvm_options "$options_file" "$major")
  # `verify` reads every bill once, in one process that then exits: the service's footprint settings cost it time. A
  # 16 MB young generation collected all the time and code left to C2 alone took 104-108 s for 1,000,000 bills;
  # these, 70 s (docs/performance.md). The heap cap stays. After the file's lines, so that they win.
  [ "$command" != verify ] || options+=("-Xmn160m" "-XX:+TieredCompilation")
  # ARCHIVE_JAVA_OPTS is split on spaces on purpose, but never glob-expanded.
  if [ -n "${ARCHIVE_JAVA_OPTS:-}" ]; then
    local restore_glob; restore_glob="$(set +o | grep noglob)"; set -f
    # shellcheck disable=SC2206
    extra=(${ARCHIVE_JAVA_OPTS})
    eval "$restore_glob"
  fi
  ARCHIVE_JVM_ARGS=("${options[@]}")
  while IFS= read -r line; do [ -n "$line" ] && ARCHIVE_JVM_ARGS+=("$line"); done \
    < <(archive_jvm_cache_args "$java_home" "$major" "$cache_dir" "$jar" "$command" "${options[@]}" "${extra[@]}")
  ARCHIVE_JVM_ARGS+=("${extra[@]}")
  # glibc gives each thread that allocates its own arena of up to 64 MiB; two are plenty for a JVM whose Java
  # objects live in its heap (15 MB less resident memory measured).
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
}
