package dev.locket.application.service.auth;

import dev.locket.application.port.in.auth.SendTestEmail;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.Mailer;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.EmailField;
import dev.locket.domain.record.Record;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/settings/test/email}: renders one auth template of a collection for a stand-in
 * record carrying the given address and sends it, so a superuser can check the SMTP settings.
 */
public final class TestEmailService implements SendTestEmail {
    static final String SEND_FAILED = "Failed to send the test email.";
    private static final System.Logger LOG = System.getLogger(TestEmailService.class.getName());

    private final CollectionStore collections;
    private final AuthMails mails;

    public TestEmailService(CollectionStore collections, AuthMails mails) {
        this.collections = collections;
        this.mails = mails;
    }

    @Override
    public void sendTestEmail(SendTestEmail.Command cmd) {
        if (cmd.request().auth().isEmpty()) {
            throw new Unauthorized();
        }
        if (!cmd.request().isSuperuser()) {
            throw new Forbidden("The authorized record is not allowed to perform this action.");
        }
        String email = cmd.email() == null ? "" : cmd.email();
        String template = cmd.template() == null ? "" : cmd.template();
        String name = cmd.collection() == null || cmd.collection().isEmpty() ? "_superusers" : cmd.collection();
        Map<String, ErrorNode> errors = new LinkedHashMap<>();
        if (email.isEmpty()) {
            errors.put("email", FieldError.required());
        } else if (!EmailField.isEmail(email)) {
            errors.put("email", FieldError.of("validation_is_email", "Must be a valid email address."));
        }
        Optional<AuthMails.Kind> kind = java.util.Arrays.stream(AuthMails.Kind.values())
                .filter(k -> k.wire().equals(template)).findFirst();
        if (template.isEmpty()) {
            errors.put("template", FieldError.required());
        } else if (kind.isEmpty()) {
            errors.put("template", FieldError.of("validation_in_invalid", "Must be a valid value."));
        }
        Optional<AuthCollection> c = collections.find(name).filter(AuthCollection.class::isInstance)
                .map(AuthCollection.class::cast);
        if (c.isEmpty()) {
            errors.put("collection", FieldError.of("validation_invalid_auth_collection", "Must be a valid auth collection id or name."));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(ValidationFailed.FORM_INVALID, errors);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", "__pb_test_id__");
        values.put("email", email);
        Record stand = new Record(c.get(), values);
        Map<String, String> placeholders = Map.of("TOKEN", "__pb_test_token__", "OTP", "123456",
                "OTP_ID", "__pb_test_otp_id__", "ALERT_INFO", "127.0.0.1 test");
        try {
            mails.send(kind.get(), c.get(), stand, email, placeholders);
        } catch (Mailer.MailFailure e) {
            e.log(LOG, "Failed to send the test email");
            // Upstream hands the mailer's error to the superuser: the point of the test is to see why it fails.
            throw new BadRequest(SEND_FAILED + " Raw error: \n" + e.getMessage());
        }
    }
}
