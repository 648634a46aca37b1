package dev.locket.adapters.sqlite;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a connection's prepared statements for the next use of the same SQL: sqlite-jdbc prepares every
 * {@code prepareStatement} anew, and parsing and planning cost more than running the short statements a write
 * is made of (the savepoint pair, the relation-id check, the insert). Callers keep their try-with-resources:
 * closing a kept statement resets it (its result set closed, its parameters cleared), so it holds no read
 * snapshot and blocks no schema change; a statement asked for again while still in use is prepared afresh and
 * closed as usual. A connection is used by one thread at a time (the writer under its lock, readers borrowed
 * from the pool), so nothing here is synchronised.
 */
final class StatementCache {
    /** Statements kept per connection; the least recently used one goes first. */
    static final int SIZE = 64;

    private StatementCache() {
    }

    static Connection wrap(Connection real) {
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Kept(real));
    }

    private static final class Kept implements InvocationHandler {
        private final Connection real;
        private final Map<String, KeptStatement> statements = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, KeptStatement> eldest) {
                if (size() <= SIZE) {
                    return false;
                }
                eldest.getValue().evict();
                return true;
            }
        };

        Kept(Connection real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("prepareStatement") && args.length == 1 && args[0] instanceof String sql) {
                return prepare(sql);
            }
            if (name.equals("close") && (args == null || args.length == 0)) {
                List<KeptStatement> all = new ArrayList<>(statements.values());
                statements.clear();
                all.forEach(KeptStatement::evict);
                real.close();
                return null;
            }
            if (name.equals("unwrap") && args != null && args[0] instanceof Class<?> type && type.isInstance(real)) {
                return real.unwrap(type);
            }
            return SqlLog.call(real, method, args);
        }

        private PreparedStatement prepare(String sql) throws SQLException {
            KeptStatement kept = statements.get(sql);
            if (kept != null && kept.evicted) {
                statements.remove(sql); // its reset failed, and it was closed
                kept = null;
            }
            if (kept != null && !kept.inUse) {
                kept.inUse = true;
                return kept.proxy;
            }
            PreparedStatement fresh = real.prepareStatement(sql);
            if (kept != null) {
                return fresh; // the kept one is busy (a nested use of the same SQL): this one is closed for real
            }
            KeptStatement s = new KeptStatement(fresh);
            s.inUse = true;
            statements.put(sql, s);
            return s.proxy;
        }
    }

    private static final class KeptStatement implements InvocationHandler {
        final PreparedStatement real;
        final PreparedStatement proxy;
        boolean inUse;
        boolean evicted;
        ResultSet results;

        KeptStatement(PreparedStatement real) {
            this.real = real;
            this.proxy = (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            boolean noArgs = args == null || args.length == 0;
            if (name.equals("close") && noArgs) {
                release();
                return null;
            }
            if (name.equals("isClosed") && noArgs) {
                return !inUse || real.isClosed();
            }
            Object result = SqlLog.call(real, method, args);
            if (result instanceof ResultSet rs) {
                results = rs;
            } else if (name.equals("execute") && Boolean.TRUE.equals(result)) {
                results = real.getResultSet(); // rows nobody asked for still hold the statement open until reset
            }
            return result;
        }

        private void release() throws SQLException {
            inUse = false;
            try {
                if (results != null && !results.isClosed()) {
                    results.close(); // resets the statement in SQLite
                }
                results = null;
                real.clearParameters();
            } catch (SQLException e) {
                evicted = true;
                throw e;
            } finally {
                if (evicted) {
                    real.close();
                }
            }
        }

        /** Dropped from the cache: closed now, or on its user's close when still in use. */
        void evict() {
            evicted = true;
            if (!inUse) {
                try {
                    real.close();
                } catch (SQLException ignored) {
                    // a statement of a closing connection: nothing left to release
                }
            }
        }
    }
}
