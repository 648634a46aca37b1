package dev.locket.adapters.sqlite;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.sqlite.SQLiteConfig;

/**
 * {@code serve --dev}: every SQL statement run on data.db is logged with its duration, as upstream prints
 * its queries in dev mode. Connections and statements are wrapped in JDK proxies, so the stores stay
 * unaware of it and nothing is wrapped outside dev mode.
 */
final class SqlLog {
    private static final System.Logger LOG = System.getLogger("dev.locket.sql");

    private SqlLog() {
    }

    static Connection connect(String url, SQLiteConfig config) throws SQLException {
        Connection real = config.createConnection(url);
        return (Connection) Proxy.newProxyInstance(SqlLog.class.getClassLoader(), new Class<?>[] {Connection.class},
                new ConnectionHandler(real));
    }

    private record ConnectionHandler(Connection real) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> type
                    && type.isInstance(real)) {
                return real.unwrap(type);
            }
            Object result = call(real, method, args);
            if (result instanceof PreparedStatement ps && method.getName().equals("prepareStatement")) {
                return wrap(PreparedStatement.class, ps, (String) args[0]);
            }
            if (result instanceof Statement st && method.getName().equals("createStatement")) {
                return wrap(Statement.class, st, null);
            }
            return result;
        }
    }

    private static Object wrap(Class<? extends Statement> type, Statement real, String sql) {
        return Proxy.newProxyInstance(SqlLog.class.getClassLoader(), new Class<?>[] {type},
                new StatementHandler(real, sql));
    }

    private record StatementHandler(Statement real, String preparedSql) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (!name.startsWith("execute")) {
                return call(real, method, args);
            }
            String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
            long start = System.nanoTime();
            try {
                return call(real, method, args);
            } finally {
                double ms = (System.nanoTime() - start) / 1e6;
                LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "[%.2fms] %s", ms,
                        sql == null ? "(batch)" : sql.strip()));
            }
        }
    }

    /** Passes a proxied JDBC call on to the real object, throwing what it threw (also {@link StatementCache}'s). */
    static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
