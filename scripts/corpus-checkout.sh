#!/usr/bin/env bash
# Materialises the corpus (test/corpus/projects.json) from bare git mirrors into a folder outside any git tree.
# Usage: scripts/corpus-checkout.sh <mirror-root> <folder>
#   <mirror-root>/<owner>+<name>/repo is the bare repository of <owner>/<name> (as the search tool's fetch lays it out);
#   each project lands in <folder>/<owner>+<name>, replaced if it exists. Nothing is downloaded.
set -euo pipefail
if [ $# -ne 2 ]; then echo "usage: $0 <mirror-root> <folder>" >&2; exit 2; fi
mirrors=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
list="$(cd "$(dirname "$0")/.." && pwd)/test/corpus/projects.json"
if git -C "$out" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "$out is inside a git work tree: choose a folder outside any repository" >&2; exit 2
fi
status=0
# One line per project: dir<TAB>commit<TAB>paths (space-separated)<TAB>excludes (space-separated)
while IFS=$'\t' read -r dir commit paths excludes; do
  gitdir="$mirrors/$dir/repo"
  if [ ! -d "$gitdir" ]; then echo "$dir: no mirror at $gitdir (fetch it first)" >&2; status=1; continue; fi
  if ! git --git-dir="$gitdir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "$dir: commit $commit is not in the mirror" >&2; status=1; continue
  fi
  target="$out/$dir"
  rm -rf "$target.tmp" && mkdir -p "$target.tmp"
  exclude_args=()
  for e in $excludes; do exclude_args+=(--wildcards "--exclude=$e"); done
  # Snapshots leave out blobs of 4 MiB and more: archive everything else and say which were missing.
  # shellcheck disable=SC2086 # paths are space-separated on purpose
  git --git-dir="$gitdir" ls-tree -r "$commit" -- $paths | awk -F'\t' '$1 ~ / blob / { split($1, a, " "); print a[3] "\t" $2 }' >"$target.tmp/.blobs"
  mapfile -t missing < <(cut -f1 "$target.tmp/.blobs" \
    | git --git-dir="$gitdir" cat-file --batch-check='%(objectname) %(objecttype)' \
    | paste - <(cut -f2- "$target.tmp/.blobs") | awk -F'\t' '$1 ~ / missing$/ { print $2 }')
  rm -f "$target.tmp/.blobs"
  pathspecs=()
  for p in $paths; do pathspecs+=("$p"); done
  for m in "${missing[@]}"; do pathspecs+=(":(exclude,literal)$m"); done
  # git archive still names the excluded absent blobs on stderr (and succeeds): keep its other messages only.
  git --git-dir="$gitdir" archive "$commit" -- "${pathspecs[@]}" 2> >(grep -Ev "^error: (invalid object|cannot read) " >&2 || true) | tar -x -C "$target.tmp" "${exclude_args[@]}"
  rm -rf "$target" && mv "$target.tmp" "$target"
  echo "$dir @ ${commit:0:12}: $(find "$target" -type f | wc -l) files${missing:+, ${#missing[@]} absent from the snapshot (4 MiB and more)}"
done < <(node -e '
  const { projects } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const p of projects) console.log([p.name.replace("/", "+"), p.commit, (p.paths ?? []).join(" "), (p.exclude ?? []).join(" ")].join("\t"));
' "$list")
exit $status
