package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** An e-mail address with optional domain allow/deny lists. */
public record EmailField(FieldMeta meta, boolean required, List<String> exceptDomains, List<String> onlyDomains)
        implements TextValued {

    private static final String ATOM_CHAR = "[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~\\u00A0-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFEF]";
    private static final String LABEL_CHAR = "[A-Za-z0-9\\u00A0-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFEF]";
    private static final String TLD_END = "[A-Za-z\\u00A0-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFEF]";
    private static final String INNER = "[A-Za-z0-9\\-._~\\u00A0-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFEF]";

    /**
     * The address shape upstream accepts (govalidator's e-mail check, unquoted local parts): dot-separated
     * atoms, an at sign, at least two domain labels, a top-level label that starts and ends with a letter.
     */
    private static final Pattern EMAIL = Pattern.compile("^" + ATOM_CHAR + "+(\\." + ATOM_CHAR + "+)*@"
            + "((" + LABEL_CHAR + "|" + LABEL_CHAR + INNER + "*" + LABEL_CHAR + ")\\.)+"
            + "(" + TLD_END + "|" + TLD_END + INNER + "*" + TLD_END + ")\\.?$");

    public EmailField {
        exceptDomains = DomainList.of(exceptDomains);
        onlyDomains = DomainList.of(onlyDomains);
    }

    @Override
    public String type() {
        return "email";
    }

    /** Whether the text has the shape of an e-mail address (no domain lists applied). */
    public static boolean isEmail(String value) {
        return EMAIL.matcher(value).matches();
    }

    @Override
    public Optional<FieldError> validate(Object value) {
        String v = FieldErrors.text(value);
        if (v.isEmpty()) {
            return FieldErrors.blank(required);
        }
        if (!isEmail(v)) {
            return FieldErrors.error("validation_is_email", "Must be a valid email address.");
        }
        String domain = v.substring(v.lastIndexOf('@') + 1);
        if (!DomainList.allows(domain, onlyDomains, exceptDomains)) {
            return FieldErrors.error("validation_email_domain_not_allowed", "Email domain is not allowed.");
        }
        return FieldErrors.OK;
    }
}
