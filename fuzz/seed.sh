#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the repository's fixtures and rule files. The corpora
# grow while fuzzing and are not committed (fuzz/.gitignore).
set -euo pipefail
cd "$(dirname "$0")"
root=..

seed() {
    local target=$1
    shift
    mkdir -p "corpus/$target"
    for file in "$@"; do
        [ -f "$file" ] && cp "$file" "corpus/$target/$(basename "$file")"
    done
}

seed csv "$root"/fixtures/*.csv "$root"/fixtures/errors/*.csv
seed json "$root"/fixtures/*.json "$root"/fixtures/errors/*.json
# The first byte picks the tracker, in READERS order: 0 Azure DevOps, 1 GitLab, 2 Linear.
mkdir -p corpus/tracker_csv
for file in "$root"/fixtures/azure-devops-*.csv "$root"/fixtures/gitlab-*.csv "$root"/fixtures/linear-*.csv; do
    case "$file" in
        */azure-devops-*) pick='\000' ;;
        */gitlab-*) pick='\001' ;;
        *) pick='\002' ;;
    esac
    { printf "$pick"; cat "$file"; } > "corpus/tracker_csv/$(basename "$file")"
done
seed github_issues "$root"/fixtures/github-issues.json
seed github_project_items "$root"/fixtures/github-project-items.json
seed trello "$root"/fixtures/trello-*.json "$root"/fixtures/errors/trello-*.json
seed xlsx "$root"/fixtures/*.xlsx "$root"/fixtures/errors/*.xlsx
seed azure_work_items "$root"/fixtures/azure-devops-workitems.json
seed jira_xml "$root"/fixtures/*.xml "$root"/fixtures/errors/*.xml
seed html "$root"/fixtures/jira-xml.xml
seed markdown "$root"/fixtures/stories.md "$root"/README.md
seed wiki "$root"/fixtures/*.csv
seed adf "$root"/fixtures/jira-v3-*.json "$root"/fixtures/jira-single-issue.json
seed story "$root"/fixtures/stories.txt "$root"/fixtures/stories.md
seed config "$root"/fixtures/*.backlint.toml
seed rule "$root"/rules/*.toml
# The pipeline target reads its first byte as the file name's pick: 0 .csv, 1 .json,
# 2 .txt, 3 .md, 4 standard input.
mkdir -p corpus/pipeline
for file in "$root"/fixtures/*.csv "$root"/fixtures/*.json "$root"/fixtures/*.txt "$root"/fixtures/*.md; do
    case "$file" in
        *.csv) pick='\000' ;;
        *.json) pick='\001' ;;
        *.txt) pick='\002' ;;
        *) pick='\003' ;;
    esac
    { printf "$pick"; cat "$file"; } > "corpus/pipeline/$(basename "$file")"
done

# Story lines one per file, so the story target starts from many small inputs.
n=0
while IFS= read -r line; do
    [ -n "$line" ] || continue
    n=$((n + 1))
    printf '%s' "$line" > "corpus/story/line-$n.txt"
done < "$root/fixtures/stories.txt"

for dir in corpus/*/; do
    echo "$dir: $(ls "$dir" | wc -l) files"
done
