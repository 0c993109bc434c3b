#!/usr/bin/env bash
# Executes every notebook in notebooks/ headlessly against Touchpoint's output and fails (exit 1)
# when a cell raises. The committed notebooks are not modified: the executed copies go to
# $NOTEBOOKS_OUT when set (kept, e.g. as CI artifacts), else to a temporary folder that is removed.
#
#   bin/touchpoint run && notebooks/run-notebooks.sh
#
# Environment:
#   TOUCHPOINT_OUTPUT     the output to read (default: out/; relative paths from the repository root)
#   TOUCHPOINT_B2B_OUTPUT the B2B sample's output the *-b2b notebooks read (default: out-b2b/, which
#                         bin/touchpoint run --config touchpoint-b2b.conf writes); skipped when missing
#   TOUCHPOINT_PYTHON     the Python with pandas, matplotlib, ipykernel and nbconvert
#                         (default: Debian's /usr/bin/python3, not the first python3 on PATH)
#   TOUCHPOINT_BACKEND    force a reader: pyspark, duckdb, pyarrow or jdbc (default: first that works)
#   NOTEBOOKS_TIMEOUT     seconds per cell (default 300)
#   TOUCHPOINT_DUCKDB_JAR the DuckDB JDBC jar for the jdbc backend (default: in ~/.m2)
# Installs nothing; only fetches the DuckDB JDBC jar into ~/.m2 with the Maven wrapper when it is
# missing there and TOUCHPOINT_DUCKDB_JAR is not set.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
py=${TOUCHPOINT_PYTHON:-/usr/bin/python3}

output=${TOUCHPOINT_OUTPUT:-out}
[[ $output = /* ]] || output=$repo/$output
if [ ! -d "$output" ]; then
  echo "run-notebooks: no Touchpoint output at $output. Run bin/touchpoint run first, or set TOUCHPOINT_OUTPUT." >&2
  exit 1
fi
export TOUCHPOINT_OUTPUT=$output

jar=$HOME/.m2/repository/org/duckdb/duckdb_jdbc/1.4.2.0/duckdb_jdbc-1.4.2.0.jar
if [ -z "${TOUCHPOINT_DUCKDB_JAR:-}" ] && [ ! -f "$jar" ]; then
  echo "run-notebooks: fetching the DuckDB JDBC jar with the Maven wrapper"
  ./mvnw -q -B dependency:get -Dartifact=org.duckdb:duckdb_jdbc:1.4.2.0 -Dtransitive=false \
    || echo "run-notebooks: could not fetch the DuckDB JDBC jar; the notebooks then need pyspark, duckdb or pyarrow" >&2
fi

# The kernel is the Python above, even when a user-level "python3" kernel points elsewhere.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/jupyter/kernels/python3"
cat > "$work/jupyter/kernels/python3/kernel.json" <<JSON
{"argv": ["$py", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
 "display_name": "Python 3 (ipykernel)", "language": "python"}
JSON
export JUPYTER_PATH=$work/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}
export PYTHONDONTWRITEBYTECODE=1 PYDEVD_DISABLE_FILE_VALIDATION=1
dest=${NOTEBOOKS_OUT:-$work/executed}
mkdir -p "$dest"

backend=$(cd notebooks && "$py" -c 'import touchpoint_tables as tp; print(tp.backend())') || {
  echo "run-notebooks: no backend can read the tables (see the error above)" >&2; exit 1; }
echo "run-notebooks: reading $TOUCHPOINT_OUTPUT with the $backend backend, kernel $py"

b2b=${TOUCHPOINT_B2B_OUTPUT:-out-b2b}
[[ $b2b = /* ]] || b2b=$repo/$b2b
export TOUCHPOINT_B2B_OUTPUT=$b2b

failed=()
for notebook in notebooks/*.ipynb; do
  if [[ $notebook == *-b2b.ipynb ]] && [ ! -d "$b2b" ]; then
    echo "run-notebooks: skipped $notebook (no B2B output at $b2b: bin/touchpoint run --config touchpoint-b2b.conf)"
    continue
  fi
  start=$SECONDS
  if "$py" -m nbconvert --to notebook --execute --output-dir "$dest" \
      --ExecutePreprocessor.timeout="${NOTEBOOKS_TIMEOUT:-300}" --ExecutePreprocessor.kernel_name=python3 \
      --log-level=WARN "$notebook"; then
    echo "run-notebooks: ok      $notebook ($((SECONDS - start)) s)"
  else
    echo "run-notebooks: FAILED  $notebook" >&2
    failed+=("$notebook")
  fi
done
if [ -n "${NOTEBOOKS_OUT:-}" ]; then echo "run-notebooks: executed notebooks in $dest"; fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "run-notebooks: ${#failed[@]} notebook(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "run-notebooks: all notebooks ran"
