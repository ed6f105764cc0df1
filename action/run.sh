#!/usr/bin/env bash
# Runs backlint for the GitHub Action: with INPUT_TRACKER, `backlint pull` first, into
# INPUT_PULL_DIR; then `backlint check` once: annotations (--format github) on standard
# output, the Markdown report appended to $GITHUB_STEP_SUMMARY, SARIF written to
# INPUT_SARIF_FILE, counts (from a JSON report) written to $GITHUB_OUTPUT; exits with
# backlint's exit code (0 clean, 1 findings at or above fail-on, 2 error).
#
# Environment: BACKLINT_BIN (the binary; default `backlint` on PATH), and the action's
# inputs: INPUT_PATH (required without INPUT_TRACKER), INPUT_TRACKER, INPUT_SITE,
# INPUT_QUERY, INPUT_PULL_DIR, INPUT_CONFIG, INPUT_FAIL_ON, INPUT_FAIL_UNDER,
# INPUT_BASELINE, INPUT_SARIF_FILE, INPUT_ARGS. Every input is data: nothing in it is
# evaluated; only INPUT_PATH is glob-expanded, and INPUT_ARGS is split on whitespace.
# The tracker's credentials are the step's environment (JIRA_EMAIL and JIRA_API_TOKEN,
# JIRA_PAT, GITHUB_TOKEN, AZURE_DEVOPS_PAT), which backlint reads itself; this script never touches them.
#
# backlint's standard error (notes, errors) quotes file names and backlog text. backlint
# escapes it, and the runner is told besides to take none of it as a workflow command:
# it is printed after the run between `::stop-commands::TOKEN` and `::TOKEN::`, with a
# random TOKEN that no backlog text can know.
set -euo pipefail

bin="${BACKLINT_BIN:-backlint}"
fail_on="${INPUT_FAIL_ON:-warning}"
sarif_file="${INPUT_SARIF_FILE-backlint.sarif}"

# Stops before backlint runs: an error annotation, the `exit-code` output, exit 2.
usage_error() {
    printf '::error title=backlint::%s\n' "$*"
    printf 'backlint action: error: %s\n' "$*" >&2
    if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
        printf 'exit-code=2\n' >>"$GITHUB_OUTPUT"
    fi
    exit 2
}

case "$sarif_file" in
    *$'\n'* | *$'\r'*) usage_error "sarif-file must be a single line" ;;
esac

# The pull, if a tracker is named: its command, and the folder it fills.
tracker="${INPUT_TRACKER:-}"
pull_dir="${INPUT_PULL_DIR:-backlint-pull}"
pull_command=()
if [[ -n "$tracker" ]]; then
    for input in "site=${INPUT_SITE:-}" "query=${INPUT_QUERY:-}" "pull-dir=$pull_dir"; do
        case "$input" in
            *$'\n'* | *$'\r'*) usage_error "${input%%=*} must be a single line" ;;
        esac
    done
    [[ -n "${INPUT_QUERY:-}" ]] ||
        usage_error "query: give the JQL search (jira, jira-dc), OWNER/REPO (github) or the WIQL query (azure-devops) to pull"
    case "$tracker" in
        jira | jira-dc)
            [[ -n "${INPUT_SITE:-}" ]] || usage_error "site: give the Jira site, e.g. https://your-site.atlassian.net"
            pull_command=("$bin" pull jira "--jql=$INPUT_QUERY")
            if [[ "$tracker" == jira-dc ]]; then
                pull_command+=(--api v2)
            fi
            ;;
        github) pull_command=("$bin" pull github "--repo=$INPUT_QUERY") ;;
        azure-devops)
            [[ -n "${INPUT_SITE:-}" ]] || usage_error "site: give the project, e.g. https://dev.azure.com/ORGANIZATION/PROJECT"
            pull_command=("$bin" pull azure-devops "--wiql=$INPUT_QUERY")
            ;;
        *) usage_error "tracker: \"$tracker\" is none of jira, jira-dc, github, azure-devops" ;;
    esac
    if [[ -n "${INPUT_SITE:-}" ]]; then
        pull_command+=("--site=$INPUT_SITE")
    fi
    if [[ -n "${INPUT_CONFIG:-}" ]]; then
        pull_command+=("--config=$INPUT_CONFIG")
    fi
    pull_command+=("--out=$pull_dir")
fi

# The exports: one per line; a line that names an existing file, or a glob that matches,
# as a whole is taken whole (so paths with spaces work), any other line is split on
# whitespace. Globs (*, ?, [..], and ** across folders) expand to the files they match; a
# name that exists is never taken as a glob.
shopt -s nullglob
shopt -s globstar 2>/dev/null || true # bash 4+; macOS's bash 3.2 globs without **
paths=()
add_path() {
    local entry="$1" matches
    if [[ ! -e "$entry" && "$entry" == *[*?[]* ]]; then
        # IFS is empty: the unquoted expansion below globs the entry, never splits it.
        local IFS=''
        # shellcheck disable=SC2206
        matches=($entry)
        if ((${#matches[@]} == 0)); then
            usage_error "path: no file matches \"$entry\""
        fi
        paths+=("${matches[@]}")
    else
        paths+=("$entry")
    fi
}
names_files() {
    local entry="$1" matches
    if [[ -e "$entry" ]]; then
        return 0
    fi
    if [[ "$entry" == *[*?[]* ]]; then
        local IFS=''
        # shellcheck disable=SC2206
        matches=($entry)
        ((${#matches[@]} > 0))
        return
    fi
    return 1
}
while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line%$'\r'}"
    # Trim surrounding whitespace.
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    [[ -z "$line" ]] && continue
    if names_files "$line"; then
        add_path "$line"
    else
        read -ra words <<<"$line"
        for word in "${words[@]}"; do
            add_path "$word"
        done
    fi
done <<<"${INPUT_PATH:-}"
shopt -u nullglob
if [[ -n "$tracker" ]]; then
    paths+=("$pull_dir")
elif ((${#paths[@]} == 0)); then
    usage_error "path: give at least one export file or glob, or a tracker to pull from"
fi

# Extra flags, split on whitespace (spaces, tabs, newlines); never globbed or evaluated.
extra=()
args_text="${INPUT_ARGS:-}"
args_text="${args_text//$'\n'/ }"
args_text="${args_text//$'\r'/ }"
read -ra extra <<<"$args_text"

reports="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/backlint-reports.XXXXXX")"
trap 'rm -rf -- "$reports"' EXIT
json="$reports/report.json"
markdown="$reports/summary.md"

command=("$bin" check --format github "--fail-on=$fail_on"
    --output "json=$json" --output "markdown=$markdown")
if [[ -n "$sarif_file" ]]; then
    sarif_dir="$(dirname -- "$sarif_file")"
    mkdir -p -- "$sarif_dir" || usage_error "sarif-file: cannot create the folder $sarif_dir"
    rm -f -- "$sarif_file" 2>/dev/null || true
    command+=(--output "sarif=$sarif_file")
fi
if [[ -n "${INPUT_CONFIG:-}" ]]; then
    command+=("--config=$INPUT_CONFIG")
fi
if [[ -n "${INPUT_BASELINE:-}" ]]; then
    command+=("--baseline=$INPUT_BASELINE")
fi
if [[ -n "${INPUT_FAIL_UNDER:-}" ]]; then
    command+=("--fail-under=$INPUT_FAIL_UNDER")
fi
# (${a[@]+"${a[@]}"} keeps an empty array from tripping `set -u` in bash 3.2.)
command+=(${extra[@]+"${extra[@]}"} -- "${paths[@]}")

# Prints a file of backlint's standard error where the runner takes none of it as a
# workflow command.
print_quoted() {
    local file="$1" token
    [[ -s "$file" ]] || return 0
    token="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    [[ "$token" =~ ^[0-9a-f]{32}$ ]] || usage_error "cannot read 16 random bytes from /dev/urandom"
    {
        printf '::stop-commands::%s\n' "$token"
        cat -- "$file"
        printf '::%s::\n' "$token"
    } >&2
}

status=0
if ((${#pull_command[@]} > 0)); then
    "${pull_command[@]}" 2>"$reports/pull-stderr.txt" || status=$?
    print_quoted "$reports/pull-stderr.txt"
fi
if ((status == 0)); then
    "${command[@]}" 2>"$reports/stderr.txt" || status=$?
    print_quoted "$reports/stderr.txt"
fi

findings=""
errors=""
warnings=""
if [[ -f "$json" ]]; then
    # In JSON a quote inside a string is escaped (\"), so these patterns only match keys.
    findings="$(grep -oE '"findings":[[:space:]]*[0-9]+' -- "$json" | head -n 1 | grep -oE '[0-9]+$' || true)"
    errors="$({ grep -oE '"severity":[[:space:]]*"error"' -- "$json" || true; } | wc -l | tr -d '[:space:]')"
    warnings="$({ grep -oE '"severity":[[:space:]]*"warning"' -- "$json" || true; } | wc -l | tr -d '[:space:]')"
fi
# The first readiness stage is the ready candidates; the summary comes before the
# findings, so the first counts after "readiness" are that stage's.
candidates=""
ready=""
ready_points=""
velocity=""
if [[ -f "$json" ]] && grep -q '"readiness":' -- "$json"; then
    candidates="$(sed -n '/"readiness":/,$p' "$json" | grep -oE '"stories":[[:space:]]*[0-9]+' | head -n 1 | grep -oE '[0-9]+$' || true)"
    ready="$(sed -n '/"readiness":/,$p' "$json" | grep -oE '"ready":[[:space:]]*[0-9]+' | head -n 1 | grep -oE '[0-9]+$' || true)"
    ready_points="$(sed -n '/"ready_work":/,$p' "$json" | grep -oE '"points":[[:space:]]*[0-9.]+' | head -n 1 | grep -oE '[0-9.]+$' || true)"
    # A velocity the export cannot tell has no "average" (it says what is missing).
    velocity="$(sed -n '/"velocity":/,$p' "$json" | grep -oE '"average":[[:space:]]*[0-9.]+' | head -n 1 | grep -oE '[0-9.]+$' || true)"
fi
written_sarif=""
if [[ -n "$sarif_file" && -f "$sarif_file" ]]; then
    written_sarif="$sarif_file"
fi

if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    {
        printf 'findings=%s\n' "$findings"
        printf 'errors=%s\n' "$errors"
        printf 'warnings=%s\n' "$warnings"
        printf 'ready-candidates=%s\n' "$candidates"
        printf 'ready=%s\n' "$ready"
        printf 'ready-points=%s\n' "$ready_points"
        printf 'velocity=%s\n' "$velocity"
        printf 'exit-code=%s\n' "$status"
        printf 'sarif-file=%s\n' "$written_sarif"
    } >>"$GITHUB_OUTPUT"
fi

if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    if [[ -f "$markdown" ]]; then
        cat -- "$markdown" >>"$GITHUB_STEP_SUMMARY"
    else
        printf '## backlint\n\nbacklint stopped with an error (exit code %s) before it could report; the log of this step says why.\n' \
            "$status" >>"$GITHUB_STEP_SUMMARY"
    fi
fi

if ((status == 2)); then
    printf '::error title=backlint::backlint could not pull or check the backlog (exit code 2); the log above says why\n'
fi
exit "$status"
