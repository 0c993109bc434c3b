package io.touchpoint.spark.ingest;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Each input file's place in the input's files sorted by path. Events with equal time and id are
 * ordered by (file, line), as the core orders them; the rank sorts like the path at a few bytes a
 * row. A path missing from the list (written differently) still gets a rank in path order, from
 * where it would be inserted.
 */
public final class FileRanks implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] sorted;

    public FileRanks(String[] paths) {
        this.sorted = Arrays.stream(paths).map(FileRanks::canonical).sorted().toArray(String[]::new);
    }

    /** Spark spells one file {@code file:///a/b} in one place and {@code file:/a/b} in another. */
    static String canonical(String path) {
        try {
            java.net.URI u = new java.net.URI(path);
            return (u.getScheme() == null ? "" : u.getScheme()) + "://"
                    + (u.getRawAuthority() == null ? "" : u.getRawAuthority()) + u.getRawPath();
        } catch (java.net.URISyntaxException e) {
            return path;
        }
    }

    /**
     * Even ranks for listed files, odd ones between them for unlisted ones. Callers ask once per
     * file (text inputs per file, Parquet rows when the path changes), not once per row.
     */
    public int rank(String path) {
        int i = Arrays.binarySearch(sorted, canonical(path));
        return i >= 0 ? 2 * i : 2 * (-i - 1) - 1;
    }
}
