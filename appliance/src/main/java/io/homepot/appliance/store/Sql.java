package io.homepot.appliance.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers shared by the stores (binding, mapping, generated keys). */
public final class Sql {
    private Sql() {
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Work done on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Runs a query with positional parameters. */
    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    /** Runs a query expected to return at most one row. */
    public static <T> T one(Connection c, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        List<T> rows = query(c, sql, mapper, params);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    /** Runs a count/sum query returning one long. */
    public static long count(Connection c, String sql, Object... params) throws SQLException {
        Long v = one(c, sql, rs -> rs.getLong(1), params);
        return v == null ? 0 : v;
    }

    /** Runs an update and returns the row count. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** Runs an insert and returns the generated {@code id}. */
    public static long insert(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            bind(ps, params);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                if (!rs.next()) {
                    throw new SQLException("No generated key for: " + sql);
                }
                return rs.getLong(1);
            }
        }
    }

    /** Binds parameters; {@link Instant} becomes a UTC {@link OffsetDateTime}, {@code null} a typed NULL. */
    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (p instanceof Instant t) {
                ps.setObject(i + 1, ts(t));
            } else if (p instanceof NullOf n) {
                ps.setNull(i + 1, n.sqlType());
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    /** A typed NULL parameter (PostgreSQL needs the type for some NULL binds). */
    public record NullOf(int sqlType) {
    }

    public static final NullOf NULL_DOUBLE = new NullOf(Types.DOUBLE);
    public static final NullOf NULL_BIGINT = new NullOf(Types.BIGINT);
    public static final NullOf NULL_VARCHAR = new NullOf(Types.VARCHAR);
    public static final NullOf NULL_TS = new NullOf(Types.TIMESTAMP_WITH_TIMEZONE);

    public static Object orNull(Double v) {
        return v == null ? NULL_DOUBLE : v;
    }

    public static Object orNull(Long v) {
        return v == null ? NULL_BIGINT : v;
    }

    public static Object orNull(String v) {
        return v == null ? NULL_VARCHAR : v;
    }

    public static Object orNull(Instant v) {
        return v == null ? NULL_TS : v;
    }

    public static OffsetDateTime ts(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime o = rs.getObject(col, OffsetDateTime.class);
        return o == null ? null : o.toInstant();
    }

    public static Double doubleOrNull(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    public static Long longOrNull(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }
}
