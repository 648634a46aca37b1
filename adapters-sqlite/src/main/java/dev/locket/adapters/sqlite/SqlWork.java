package dev.locket.adapters.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/** A piece of JDBC work run on a connection the database hands out. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
