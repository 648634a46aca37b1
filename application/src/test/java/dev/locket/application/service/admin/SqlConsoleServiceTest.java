package dev.locket.application.service.admin;

import static dev.locket.application.fake.Fixtures.authRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.locket.application.fake.Fixtures;
import dev.locket.application.port.in.admin.RunSql;
import dev.locket.application.port.out.SqlConsole;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.rule.RequestInfo;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlConsoleServiceTest {
    private final RequestInfo root = RequestInfo.superuser(
            authRecord(Fixtures.superusers(), "root00000000000", "root@example.com", "hashed:x"));
    private final RequestInfo alice = RequestInfo.superuser(
            authRecord(Fixtures.users(), "alice0000000000", "alice@example.com", "hashed:x"));
    private final SqlConsole console = mock(SqlConsole.class);
    private final SqlConsoleService service = new SqlConsoleService(console, Clock.systemUTC());

    @Test
    void writesReportChangedRows() {
        when(console.run(anyString(), anyInt())).thenReturn(
                new SqlConsole.Outcome(2, new SqlConsole.Rows(List.of(), List.of())));
        RunSql.Result r = service.run("  insert into t values (1),(2)", root);
        assertEquals(2, r.affectedRows());
        assertEquals(List.of(), r.columns());
        assertEquals(List.of(), r.rows());
    }

    @Test
    void readsAnswerAtMost1000Rows() {
        when(console.run(anyString(), anyInt())).thenAnswer(inv -> {
            assertEquals(1000, (int) inv.getArgument(1));
            return new SqlConsole.Outcome(0, new SqlConsole.Rows(List.of(new SqlConsole.Column("id", "TEXT", false)),
                    List.of(List.of("a"), Arrays.asList((String) null))));
        });
        RunSql.Result r = service.run("select id from t", root);
        assertEquals(List.of(new RunSql.Column("id", "TEXT", false)), r.columns());
        assertEquals(List.of(List.of("a"), Arrays.asList((String) null)), r.rows());
        assertEquals(0, r.affectedRows());
    }

    @Test
    void emptyOrTooLongQueriesAreFieldErrorsAndDatabaseErrorsAre400s() {
        ValidationFailed empty = assertThrows(ValidationFailed.class, () -> service.run("", root));
        assertEquals("validation_required", ((dev.locket.domain.error.FieldError) empty.errors().get("query")).code());
        assertThrows(ValidationFailed.class, () -> service.run("a".repeat(5001), root));
        when(console.run(anyString(), anyInt())).thenThrow(
                new SqlConsole.QueryFailed("SQL logic error: near \"invalid\": syntax error (1)", null));
        BadRequest e = assertThrows(BadRequest.class, () -> service.run("invalid", root));
        assertEquals("Failed to execute query. Raw error:\nSQL logic error: near \"invalid\": syntax error (1)",
                e.getMessage());
    }

    @Test
    void nonSuperusersNeverReachTheDatabase() {
        assertThrows(Forbidden.class, () -> service.run("drop table users", alice));
        verifyNoInteractions(console);
    }
}
