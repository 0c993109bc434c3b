package io.touchpoint.jobs;

import io.touchpoint.core.error.TouchpointException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.CurrentNamespace$;
import org.apache.spark.sql.catalyst.analysis.MultiAlias;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAlias;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedExtractValue;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedGenerator;
import org.apache.spark.sql.catalyst.analysis.UnresolvedHaving;
import org.apache.spark.sql.catalyst.analysis.UnresolvedInlineTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedOrdinal;
import org.apache.spark.sql.catalyst.analysis.UnresolvedQualify;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRegex;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedStar;
import org.apache.spark.sql.catalyst.analysis.UnresolvedStarExceptOrReplace;
import org.apache.spark.sql.catalyst.analysis.UnresolvedSubqueryColumnAliases;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTVFAliases;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableOrView;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.PipeOperator;
import org.apache.spark.sql.catalyst.expressions.PythonFuncExpression;
import org.apache.spark.sql.catalyst.expressions.TryReflect;
import org.apache.spark.sql.catalyst.expressions.UserDefinedExpression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.Distinct;
import org.apache.spark.sql.catalyst.plans.logical.Except;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.Generate;
import org.apache.spark.sql.catalyst.plans.logical.GlobalLimit;
import org.apache.spark.sql.catalyst.plans.logical.Intersect;
import org.apache.spark.sql.catalyst.plans.logical.Join;
import org.apache.spark.sql.catalyst.plans.logical.LateralJoin;
import org.apache.spark.sql.catalyst.plans.logical.LocalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Offset;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.Pivot;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.RepartitionByExpression;
import org.apache.spark.sql.catalyst.plans.logical.Sample;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.ShowViews;
import org.apache.spark.sql.catalyst.plans.logical.Sort;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.Union;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedHint;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.catalyst.plans.logical.Unpivot;
import org.apache.spark.sql.catalyst.plans.logical.WithWindowDefinition;
import org.apache.spark.sql.catalyst.trees.Origin;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import org.apache.spark.sql.execution.command.DescribeQueryCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import scala.Product;
import scala.Tuple3;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Decides, before anything runs, that a {@code touchpoint sql} statement only reads the output
 * tables, and otherwise refuses it with a {@link TouchpointException} (exit 2) that names the
 * offending construct and what is allowed.
 *
 * <p>The decision is made on Spark's parsed plan, not on the text, so quoting, comments, case and
 * {@code IDENTIFIER('...')} change nothing. This is the one class that uses Spark's non-public API
 * (the session's SQL parser and catalyst's plan and expression classes): Spark has no public way to
 * parse a statement without running it, and {@code spark.sql} runs commands (INSERT, CREATE, SET,
 * ADD JAR...) at once. A text the parser accepts is one statement (it refuses {@code ;}-separated
 * ones), so {@code spark.sql} afterwards parses the same statement.
 *
 * <p>Allow-lists throughout, so that anything this class does not know (a new statement, node or
 * function in a later Spark) is refused rather than run:
 * <ul>
 *   <li>statements: a query, {@code SHOW TABLES}, {@code SHOW VIEWS} (current namespace),
 *       {@code SHOW COLUMNS}, {@code DESCRIBE} of an output table, {@code DESCRIBE QUERY} and
 *       {@code EXPLAIN} of a query;</li>
 *   <li>query plan nodes: {@link #QUERY_NODES}, the relational operators the parser builds;</li>
 *   <li>relations: one-part names of the output tables' views or of a CTE in scope; so no
 *       {@code parquet.`path`}, {@code text.`path`} or any {@code format.`path`}, no catalog table,
 *       no table options, no streaming or time travel;</li>
 *   <li>functions: one-part names in {@link ReadOnlyFunctions}; the same for table-valued
 *       functions and {@code LATERAL VIEW} generators;</li>
 *   <li>expressions: catalyst's own expression classes (the parser builds them for operators,
 *       CAST, CASE...), less the few in that package that run user code, plus the unresolved
 *       forms listed in {@link #UNRESOLVED_EXPRESSIONS}. Everything a query calls by name goes
 *       through the function allow-list, whatever class Spark later resolves it to.</li>
 * </ul>
 */
final class ReadOnlyQuery {
    /** Query operators as the parser builds them; {@link UnresolvedWith}, relations and table functions are checked apart. */
    private static final Set<Class<?>> QUERY_NODES = Set.of(Project.class, Filter.class, Aggregate.class, Join.class,
            LateralJoin.class, SubqueryAlias.class, UnresolvedSubqueryColumnAliases.class, GlobalLimit.class,
            LocalLimit.class, Offset.class, Sort.class, Distinct.class, Union.class, Intersect.class, Except.class,
            Generate.class, Pivot.class, Unpivot.class, Sample.class, UnresolvedHint.class, WithWindowDefinition.class,
            RepartitionByExpression.class, OneRowRelation.class, LocalRelation.class, UnresolvedInlineTable.class,
            UnresolvedHaving.class, UnresolvedQualify.class, UnresolvedTVFAliases.class, PipeOperator.class);

    /** Expressions of the analysis package the parser builds for a query; functions and generators are checked by name. */
    private static final Set<Class<?>> UNRESOLVED_EXPRESSIONS = Set.of(UnresolvedAttribute.class, UnresolvedStar.class,
            UnresolvedStarExceptOrReplace.class, UnresolvedRegex.class, UnresolvedAlias.class, MultiAlias.class,
            UnresolvedExtractValue.class, UnresolvedOrdinal.class, UnresolvedFunction.class, UnresolvedGenerator.class);

    private static final String EXPRESSIONS = "org.apache.spark.sql.catalyst.expressions";
    private static final Set<String> EXPRESSION_PACKAGES = Set.of(EXPRESSIONS, EXPRESSIONS + ".aggregate");

    /** Statements and constructs under the names a user knows them by, rather than their plan classes'. */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("InsertIntoStatement", "INSERT"),
            Map.entry("InsertIntoDir", "INSERT OVERWRITE DIRECTORY"),
            Map.entry("CreateTableAsSelect", "CREATE TABLE ... AS SELECT"),
            Map.entry("ReplaceTableAsSelect", "REPLACE TABLE ... AS SELECT"),
            Map.entry("CreateViewCommand", "CREATE VIEW"),
            Map.entry("CreateFunctionCommand", "CREATE FUNCTION"),
            Map.entry("CreateVariable", "DECLARE VARIABLE"),
            Map.entry("AddJarsCommand", "ADD JAR"),
            Map.entry("AddFilesCommand", "ADD FILE"),
            Map.entry("AddArchivesCommand", "ADD ARCHIVE"),
            Map.entry("SetCommand", "SET"),
            Map.entry("ResetCommand", "RESET"),
            Map.entry("SetCatalogAndNamespace", "USE"),
            Map.entry("RepairTable", "MSCK REPAIR TABLE"),
            Map.entry("UnresolvedExecuteImmediate", "EXECUTE IMMEDIATE"),
            Map.entry("CompoundBody", "SQL scripts (BEGIN ... END)"),
            Map.entry("ScriptTransformation", "TRANSFORM ... USING"),
            Map.entry("RelationTimeTravel", "time travel"),
            Map.entry("NamedStreamingRelation", "STREAM"),
            Map.entry("ExpressionWithUnresolvedIdentifier", "IDENTIFIER(...) as a function name"),
            Map.entry("PlanWithUnresolvedIdentifier", "IDENTIFIER(...) with a name computed at run time"),
            Map.entry("PosParameter", "query parameters"),
            Map.entry("NamedParameter", "query parameters"));

    /** Why, where the name alone does not say. */
    private static final Map<String, String> WHY = Map.of(
            "ScriptTransformation", "it runs a program",
            "ExpressionWithUnresolvedIdentifier", "the function it calls is not known before it runs");

    private final String query;
    private final Set<String> tables;
    private final List<String> tableList;
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private LogicalPlan statement;

    private ReadOnlyQuery(String query, Collection<String> tables) {
        this.query = query;
        this.tableList = List.copyOf(tables);
        this.tables = tables.stream().map(ReadOnlyQuery::lower).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Parses {@code query} and refuses it unless it only reads {@code tables}.
     *
     * @throws ParseException when the text is not one Spark SQL statement
     * @throws TouchpointException (config, exit 2) naming the first construct that is not allowed
     */
    static void check(SparkSession spark, String query, Collection<String> tables) throws ParseException {
        LogicalPlan plan = spark.sessionState().sqlParser().parsePlan(query);
        new ReadOnlyQuery(query, tables).statement(plan);
    }

    private void statement(LogicalPlan plan) {
        statement = plan;
        if (plan instanceof ShowTables s) {
            currentNamespace(s, s.namespace());
        } else if (plan instanceof ShowViews s) {
            currentNamespace(s, s.namespace());
        } else if (plan instanceof ShowColumns s) {
            if (s.namespace().isDefined()) {
                throw refuse(s, "SHOW COLUMNS ... IN another namespace");
            }
            outputTable(s.child());
        } else if (plan instanceof DescribeRelation d) {
            outputTable(d.relation());
        } else if (plan instanceof DescribeColumn d) {
            outputTable(d.relation());
        } else if (plan instanceof DescribeQueryCommand d) {
            plan(d.plan(), Set.of());
        } else if (plan instanceof ExplainCommand e) {
            plan(e.logicalPlan(), Set.of());
        } else {
            plan(plan, Set.of());
        }
    }

    private void currentNamespace(LogicalPlan show, LogicalPlan namespace) {
        if (namespace != CurrentNamespace$.MODULE$) {
            throw refuse(show, "SHOW ... IN another namespace or catalog");
        }
    }

    /** DESCRIBE and SHOW COLUMNS: of an output table only (not of a CTE, which they cannot see). */
    private void outputTable(LogicalPlan relation) {
        if (!(relation instanceof UnresolvedTableOrView t)) {
            throw refuse(relation, kind(relation));
        }
        List<String> parts = CollectionConverters.asJava(t.multipartIdentifier());
        if (parts.size() != 1 || !tables.contains(lower(parts.get(0)))) {
            throw refused("reads only the output tables, not " + text(t, String.join(".", parts)));
        }
    }

    /** A query and everything in it; {@code ctes} are the CTE names in scope, lower case. */
    private void plan(LogicalPlan p, Set<String> ctes) {
        if (!seen.add(p)) {
            return;
        }
        if (p instanceof UnresolvedWith w) {
            with(w, ctes);
            return;
        }
        if (p instanceof UnresolvedRelation r) {
            relation(r, ctes);
            return;
        }
        if (p instanceof UnresolvedTableValuedFunction f) {
            function(CollectionConverters.asJava(f.name()), ReadOnlyFunctions.ALLOWED_TABLE_FUNCTIONS, "table function ");
        } else if (!QUERY_NODES.contains(p.getClass())) {
            throw refuse(p, kind(p));
        }
        fields(p, ctes);
        for (LogicalPlan c : CollectionConverters.asJava(p.children())) {
            plan(c, ctes);
        }
        for (Object c : CollectionConverters.asJava(p.innerChildren())) {
            value(c, ctes);
        }
    }

    /** Each CTE sees the ones before it (and itself when RECURSIVE); the main query sees them all. */
    private void with(UnresolvedWith w, Set<String> outer) {
        Set<String> scope = new HashSet<>(outer);
        for (Tuple3<String, SubqueryAlias, scala.Option<Object>> cte : CollectionConverters.asJava(w.cteRelations())) {
            String name = lower(cte._1());
            if (w.allowRecursion()) {
                scope.add(name);
            }
            plan(cte._2(), Set.copyOf(scope));
            scope.add(name);
        }
        plan(w.child(), Set.copyOf(scope));
    }

    private void relation(UnresolvedRelation r, Set<String> ctes) {
        List<String> parts = CollectionConverters.asJava(r.multipartIdentifier());
        if (r.isStreaming()) {
            throw refuse(r, "STREAM");
        }
        if (!r.options().isEmpty()) {
            throw refused("does not take table options (" + text(r, r.tableName()) + " WITH (...))");
        }
        if (parts.size() != 1) {
            throw refused("reads only the output tables, not " + text(r, String.join(".", parts))
                    + " (a file, or a table outside the output folder)");
        }
        String name = lower(parts.get(0));
        if (!ctes.contains(name) && !tables.contains(name)) {
            throw refused("reads only the output tables, and " + parts.get(0) + " is not one of them");
        }
    }

    private void expression(Expression e, Set<String> ctes) {
        if (!seen.add(e)) {
            return;
        }
        if (e instanceof UnresolvedFunction f) {
            function(CollectionConverters.asJava(f.nameParts()), ReadOnlyFunctions.ALLOWED, "");
        } else if (e instanceof UnresolvedGenerator g) {
            List<String> parts = g.name().database().isDefined()
                    ? List.of(g.name().database().get(), g.name().funcName()) : List.of(g.name().funcName());
            function(parts, ReadOnlyFunctions.ALLOWED, "");
        } else if (e instanceof UnresolvedAttribute a) {
            // Spark resolves a bare `user`, `session_user` or `current_user` that is not a column to the
            // function: refused like the function, whatever the quoting.
            List<String> parts = CollectionConverters.asJava(a.nameParts());
            String reason = parts.size() == 1 ? ReadOnlyFunctions.REFUSED.get(lower(parts.get(0))) : null;
            if (reason != null) {
                throw refused("does not call " + parts.get(0) + ": " + reason
                        + " (to read a column of that name, qualify it, e.g. t." + parts.get(0) + ")");
            }
        } else if (!allowedExpression(e.getClass())) {
            throw refuse(e, kind(e));
        }
        fields(e, ctes);
        for (Expression c : CollectionConverters.asJava(e.children())) {
            expression(c, ctes);
        }
    }

    private static boolean allowedExpression(Class<?> c) {
        if (UNRESOLVED_EXPRESSIONS.contains(c)) {
            return true;
        }
        // The parser never builds these; refused all the same should a later Spark start to.
        if (CallMethodViaReflection.class.isAssignableFrom(c) || TryReflect.class.isAssignableFrom(c)
                || UserDefinedExpression.class.isAssignableFrom(c) || PythonFuncExpression.class.isAssignableFrom(c)) {
            return false;
        }
        return EXPRESSION_PACKAGES.contains(c.getPackageName());
    }

    private void function(List<String> parts, Set<String> allowed, String what) {
        String shown = String.join(".", parts);
        if (parts.size() != 1) {
            throw refused("calls functions by their plain name only, not " + what + shown);
        }
        String name = lower(parts.get(0));
        String reason = ReadOnlyFunctions.REFUSED.get(name);
        if (reason != null) {
            throw refused("does not call " + what + shown + ": " + reason);
        }
        if (!allowed.contains(name)) {
            throw refused("does not call " + what + shown + ": not one of Spark's built-in "
                    + (what.isEmpty() ? "functions" : "table functions") + " it allows");
        }
    }

    /**
     * Every plan and expression a node holds, wherever it holds it: CTE definitions, subqueries,
     * VALUES rows, window specifications, FILTER and WITHIN GROUP clauses.
     */
    private void fields(TreeNode<?> node, Set<String> ctes) {
        scala.collection.Iterator<Object> it = node.productIterator();
        while (it.hasNext()) {
            value(it.next(), ctes);
        }
    }

    private void value(Object v, Set<String> ctes) {
        if (v instanceof LogicalPlan p) {
            plan(p, ctes);
        } else if (v instanceof Expression e) {
            expression(e, ctes);
        } else if (v instanceof scala.collection.Iterable<?> s) {
            CollectionConverters.asJava(s.iterator()).forEachRemaining(x -> value(x, ctes));
        } else if (v instanceof scala.Option<?> o && o.isDefined()) {
            value(o.get(), ctes);
        } else if (v instanceof Product t && t.getClass().getName().startsWith("scala.Tuple")) {
            scala.collection.Iterator<Object> it = t.productIterator();
            while (it.hasNext()) {
                value(it.next(), ctes);
            }
        }
    }

    /** A statement, plan node or expression that is not allowed, named (with its text when it is a part of the statement). */
    private TouchpointException refuse(TreeNode<?> node, String construct) {
        String part = node == statement ? "" : text(node, "");
        String why = WHY.get(node.getClass().getSimpleName());
        return refused("does not run " + construct + (part.isEmpty() ? "" : " (" + part + ")") + (why == null ? "" : ": " + why));
    }

    private static String kind(TreeNode<?> node) {
        String name = node.getClass().getSimpleName().replace("$", "");
        String known = NAMES.get(name);
        if (known != null) {
            return known;
        }
        // CreateTable -> CREATE TABLE, DropView -> DROP VIEW, CacheTable -> CACHE TABLE, Call -> CALL.
        return name.replaceAll("(Command|Statement)$", "").replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    /** The node's own text in the query, when the parser recorded where it came from. */
    private String text(TreeNode<?> node, String fallback) {
        Origin o = node.origin();
        if (o.startIndex().isEmpty() || o.stopIndex().isEmpty()) {
            return fallback;
        }
        int start = (Integer) o.startIndex().get();
        int stop = (Integer) o.stopIndex().get();
        if (start < 0 || stop < start || stop >= query.length()) {
            return fallback;
        }
        String s = query.substring(start, stop + 1).replaceAll("\\s+", " ");
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private TouchpointException refused(String problem) {
        return TouchpointException.config("QUERY", query, "touchpoint sql is read-only and " + problem,
                "It runs SELECT (with WITH, joins, subqueries, VALUES), SHOW TABLES, SHOW VIEWS, SHOW COLUMNS,"
                        + " DESCRIBE and EXPLAIN over the output tables (" + String.join(", ", tableList)
                        + ") with Spark's built-in functions, except those that read files, run code or read"
                        + " the environment. Query the Parquet folders with spark-sql or DuckDB for anything else.");
    }
}
