package dev.locket.bootstrap;

import dev.locket.application.port.in.auth.IssueOtp;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.service.record.RecordService.Via;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.error.LocketException;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.filter.Lookup;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** {@code superuser upsert|create|update|delete|otp}: manages {@code _superusers} records in-process. */
public final class SuperuserCommand {
    private static final String SUPERUSERS = "_superusers";
    /** Upstream's placeholder account that marks a dashboard installer in progress. */

    private final Assembly assembly;
    private final PrintStream out;

    public SuperuserCommand(Assembly assembly, PrintStream out) {
        this.assembly = assembly;
        this.out = out;
    }

    public int run(Cli.Superuser command) {
        if (assembly.sqlite().collectionStore().find(SUPERUSERS).isEmpty()) {
            throw new IllegalStateException("the data directory has no _superusers collection");
        }
        // The CLI acts with full rights, like PocketBase's console commands.
        RequestInfo system = RequestInfo.system();
        try {
            Optional<Record> existing = find(command.email());
            return switch (command.action()) {
                case UPSERT -> existing.isPresent()
                        ? update(existing.get(), command, system)
                        : create(command, system);
                case CREATE -> existing.isPresent()
                        ? fail("superuser " + command.email() + " already exists")
                        : create(command, system);
                case UPDATE -> existing.isEmpty()
                        ? fail("superuser " + command.email() + " does not exist")
                        : update(existing.get(), command, system);
                case DELETE -> existing.isEmpty()
                        ? fail("superuser " + command.email() + " does not exist")
                        : delete(existing.get(), system);
                case OTP -> existing.isEmpty()
                        ? fail("superuser with email \"" + command.email() + "\" doesn't exist")
                        : otp(command.email());
            };
        } catch (ValidationFailed e) {
            return fail(e.getMessage() + " " + e.errors());
        } catch (LocketException e) {
            return fail(e.getMessage());
        }
    }

    private Optional<Record> find(String email) {
        return assembly.records().findByLookup(SUPERUSERS, Lookup.byField("email", email), 1).stream().findFirst();
    }

    private int create(Cli.Superuser command, RequestInfo system) {
        RecordBody body = RecordBody.builder()
                .set("email", command.email())
                .set("password", command.password().orElseThrow())
                .set("passwordConfirm", command.password().orElseThrow())
                .set("verified", true)
                .build();
        // upstream's app.Save: the model hooks only, no record request hooks
        assembly.records().create(new CreateRecord.Command(SUPERUSERS, body, "", system.withMethod("POST")), Via.APP);
        out.println("Successfully saved superuser \"" + command.email() + "\"!");
        return 0;
    }

    private int update(Record existing, Cli.Superuser command, RequestInfo system) {
        RecordBody body = RecordBody.builder()
                .set("password", command.password().orElseThrow())
                .set("passwordConfirm", command.password().orElseThrow())
                .build();
        assembly.records().update(new UpdateRecord.Command(SUPERUSERS, existing.id(), body, "",
                system.withMethod("PATCH")), Via.APP);
        out.println("Successfully changed superuser \"" + command.email() + "\" password!");
        return 0;
    }

    private int delete(Record existing, RequestInfo system) {
        assembly.records().delete(new DeleteRecord.Command(SUPERUSERS, existing.id(), system.withMethod("DELETE")),
                Via.APP);
        out.println("Successfully deleted superuser \"" + existing.text("email") + "\"!");
        return 0;
    }

    /** Upstream prints the new OTP's id, the code and its lifetime; the code goes to nobody else. */
    private int otp(String email) {
        IssueOtp.Issued issued = assembly.otp().issueOtp(SUPERUSERS, email);
        out.println("Successfully created OTP for superuser \"" + email + "\":");
        out.println("├─ Id:    " + issued.otpId());
        out.println("├─ Pass:  " + issued.code());
        out.println("└─ Valid: " + issued.validSeconds() + "s");
        return 0;
    }

    /** Whether {@code _superusers} holds an account other than upstream's installer placeholder. */
    static boolean exists(Assembly assembly) {
        if (assembly.sqlite().collectionStore().find(SUPERUSERS).isEmpty()) {
            return false;
        }
        Lookup other = new Lookup(List.of(Lookup.Condition.notEqual("email", SystemCollections.INSTALLER_EMAIL)));
        return !assembly.records().findByLookup(SUPERUSERS, other, 1).isEmpty();
    }

    private int fail(String message) {
        out.println("Error: " + message);
        return 1;
    }
}
