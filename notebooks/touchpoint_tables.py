"""Touchpoint's Parquet output tables as pandas DataFrames, for the notebooks in this folder.

    import touchpoint_tables as tp
    tp.load("sessions", columns=["channel", "revenue"])     # a whole table (or some columns)
    tp.sql("SELECT channel, count(*) AS n FROM sessions GROUP BY channel")
    tp.tables(), tp.backend()

Tables are read from OUTPUT: $TOUCHPOINT_OUTPUT, else `out/` (what `bin/touchpoint run` writes);
a relative path is taken from the repository root (this folder's parent). Columns are described
in docs/tables.md. Timestamps come back as pandas datetimes in UTC, dates (the Hive-style
partitions such as `session_date`) as `datetime.date`, arrays as lists.

Backend, the first that works (or the one named in $TOUCHPOINT_BACKEND): `pyspark` (local
Spark; sql() is Spark SQL), `duckdb` (the Python package; sql() is DuckDB SQL), `pyarrow` (load()
only; sql() then needs the JDBC backend), `jdbc` (only Debian packages needed: python3-jpype
and the DuckDB JDBC jar from ~/.m2, or $TOUCHPOINT_DUCKDB_JAR; DuckDB SQL).
"""
import datetime
import os

import pandas as pd

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(REPO, os.environ.get("TOUCHPOINT_OUTPUT") or "out")
DUCKDB_JAR = "org/duckdb/duckdb_jdbc/1.4.2.0/duckdb_jdbc-1.4.2.0.jar"
GET_JAR = "./mvnw -q -B dependency:get -Dartifact=org.duckdb:duckdb_jdbc:1.4.2.0 -Dtransitive=false"
_state = {}  # "name": the backend load() uses; backend name -> its connection; (name, OUTPUT) -> views


def tables():
    """Names of the tables in OUTPUT: folders holding Parquet files (not `_manifests`)."""
    if not os.path.isdir(OUTPUT):
        raise FileNotFoundError(f"No Touchpoint output at {OUTPUT}. Run `bin/touchpoint run` in {REPO} "
                                "(it writes the sample's tables to out/), or set TOUCHPOINT_OUTPUT.")
    return sorted(d for d in os.listdir(OUTPUT) if d[0] not in "._" and _has_parquet(os.path.join(OUTPUT, d)))


def _has_parquet(folder):
    return any(f.endswith(".parquet") for _, _, files in os.walk(folder) for f in files)


def _path(table):
    if table not in tables():
        raise FileNotFoundError(f"No table {table!r} in {OUTPUT} (tables: {', '.join(tables())}). "
                                "Funnel tables exist only when touchpoint.funnels is configured.")
    return os.path.join(OUTPUT, table)


def _pyspark():
    from pyspark.sql import SparkSession
    return (SparkSession.builder.master(os.environ.get("TOUCHPOINT_SPARK_MASTER", "local[*]"))
            .appName("touchpoint-notebooks").config("spark.sql.session.timeZone", "UTC").getOrCreate())


def _duckdb():
    import duckdb
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    return con


def _pyarrow():
    import pyarrow.dataset  # noqa: F401 (load() reads with it; there is no SQL)
    return "pyarrow"


def _jdbc():
    import jpype
    jar = os.environ.get("TOUCHPOINT_DUCKDB_JAR") or os.path.expanduser("~/.m2/repository/" + DUCKDB_JAR)
    if not os.path.isfile(jar):
        raise FileNotFoundError(f"no DuckDB JDBC jar at {jar} (get it with `{GET_JAR}` in {REPO})")
    if not jpype.isJVMStarted():
        jpype.addClassPath(jar)
        if os.path.isfile("/usr/share/java/org.jpype.jar"):  # where Debian's python3-jpype keeps it
            jpype.addClassPath("/usr/share/java/org.jpype.jar")
        jpype.startJVM("-Duser.timezone=UTC", convertStrings=True)
    jpype.JClass("org.duckdb.DuckDBDriver")
    return jpype.JClass("java.sql.DriverManager").getConnection("jdbc:duckdb:")


_BACKENDS = {"pyspark": _pyspark, "duckdb": _duckdb, "pyarrow": _pyarrow, "jdbc": _jdbc}


def _connect(names):
    errors = []
    for name in names:
        if name not in _state:
            try:
                _state[name] = _BACKENDS[name]()
            except Exception as e:  # not installed, no Java, no jar...: try the next one
                errors.append(f"{name}: {type(e).__name__}: {e}")
                continue
        return name
    raise RuntimeError("No backend can read the Parquet tables. Any one of these will do: "
                       "pyspark, the duckdb Python package, pyarrow, or (Debian packages only) "
                       f"python3-jpype with the DuckDB JDBC jar (`{GET_JAR}`). Tried:\n  " + "\n  ".join(errors))


def backend():
    """Which backend load() uses: pyspark, duckdb, pyarrow or jdbc."""
    if "name" not in _state:
        forced = os.environ.get("TOUCHPOINT_BACKEND")
        if forced and forced not in _BACKENDS:
            raise ValueError(f"TOUCHPOINT_BACKEND={forced}: expected one of {', '.join(_BACKENDS)}")
        _state["name"] = _connect([forced] if forced else list(_BACKENDS))
    return _state["name"]


def load(table, columns=None):
    """A table (all its partitions) as a DataFrame; columns: a list of column names, default all."""
    path = _path(table)
    if backend() != "pyarrow":
        quote = "`" if backend() == "pyspark" else '"'
        return sql(f"SELECT {', '.join(quote + c + quote for c in columns) if columns else '*'} FROM {table}")
    import pyarrow as pa
    import pyarrow.dataset as ds
    keys = {p.name.split("=")[0] for p in os.scandir(path) if p.is_dir() and "=" in p.name}
    parts = ds.partitioning(pa.schema([(k, pa.date32()) for k in keys]), flavor="hive") if keys else None
    return _tidy(ds.dataset(path, format="parquet", partitioning=parts).to_table(columns=columns).to_pandas())


def sql(query):
    """Runs SQL with every table as a view under its name (Spark SQL with pyspark, else DuckDB SQL)."""
    name = backend()
    if name == "pyarrow":
        name = _connect(["jdbc"])  # pyarrow has no SQL engine
    con, views = _state[name], _state.setdefault((name, OUTPUT), set())  # views registered
    for t in set(tables()) - views:
        if name == "pyspark":
            con.read.parquet(os.path.join(OUTPUT, t)).createOrReplaceTempView(t)
        else:
            glob_ = os.path.join(OUTPUT, t, "**", "*.parquet").replace("'", "''")
            _run(name, con, f"CREATE OR REPLACE VIEW {t} AS SELECT * FROM read_parquet('{glob_}', hive_partitioning = true)",
                 fetch=False)
        views.add(t)
    return _tidy(_run(name, con, query))


def _run(name, con, query, fetch=True):
    if name == "pyspark":
        return con.sql(query).toPandas()
    if name == "duckdb":
        result = con.execute(query)
        return result.df(date_as_object=True) if fetch else None
    stmt = con.createStatement()
    try:
        return _frame(stmt.getResultSet()) if stmt.execute(query) and fetch else None
    finally:
        stmt.close()


def _frame(rs):
    """A JDBC ResultSet as a DataFrame, with pandas types for the SQL types."""
    meta = rs.getMetaData()
    names = [str(meta.getColumnLabel(i + 1)) for i in range(meta.getColumnCount())]
    types = [str(meta.getColumnTypeName(i + 1)) for i in range(len(names))]
    convert = [_converter(t) for t in types]
    values = [[] for _ in names]
    while rs.next():
        for i, col in enumerate(values):
            v = rs.getObject(i + 1)
            col.append(None if v is None else convert[i](v))
    return pd.DataFrame({n: _series(t, v) for n, t, v in zip(names, types, values)}, columns=names)


_INTS = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT")


def _converter(type_name):
    if type_name.endswith("[]"):  # a list: convert each element
        element = _converter(type_name[:-2])
        return lambda v: [None if x is None else element(x) for x in v.getArray()]
    if type_name.startswith("TIMESTAMP"):  # OffsetDateTime, or LocalDateTime (JVM in UTC)
        return lambda v: _utc(pd.Timestamp(str(v)))
    if type_name == "DATE":
        return lambda v: datetime.date.fromisoformat(str(v))
    if type_name.startswith(("DECIMAL", "DOUBLE", "FLOAT", "REAL")):
        return lambda v: float(str(v))
    if type_name in _INTS:
        return lambda v: int(str(v))
    return bool if type_name == "BOOLEAN" else str


def _utc(ts):
    return ts.tz_localize("UTC") if ts.tz is None else ts.tz_convert("UTC")


def _series(type_name, values):
    if type_name in _INTS:
        return pd.Series(values, dtype="float64" if None in values else "int64")
    if type_name.startswith(("DECIMAL", "DOUBLE", "FLOAT", "REAL")):
        return pd.Series(values, dtype="float64")
    if type_name.startswith("TIMESTAMP") and not type_name.endswith("[]"):
        return pd.to_datetime(pd.Series(values, dtype="object"), utc=True)
    return pd.Series(values, dtype="bool" if type_name == "BOOLEAN" and None not in values else "object")


def _tidy(df):
    """The same types whatever the backend: timestamps in UTC, arrays as lists."""
    if df is None:
        return None
    for c in df.columns:
        s = df[c]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            df[c] = s.dt.tz_convert("UTC")
        elif pd.api.types.is_datetime64_dtype(s):  # Spark: naive, in its session time zone (UTC)
            df[c] = s.dt.tz_localize("UTC")
        elif s.dtype == object and len(s.dropna()) and hasattr(s.dropna().iloc[0], "tolist"):
            df[c] = s.map(lambda v: v.tolist() if hasattr(v, "tolist") else v)
    return df
