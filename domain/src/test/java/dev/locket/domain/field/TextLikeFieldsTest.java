package dev.locket.domain.field;

import static dev.locket.domain.field.Fields.meta;
import static dev.locket.domain.field.Fields.outcome;
import static dev.locket.domain.field.Fields.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextLikeFieldsTest {

    @Test
    void textNormalizesScalarsLikeGoCast() {
        TextField f = text(false, 0, 0, "");
        assertEquals("abc", f.normalize("abc"));
        assertEquals("12", f.normalize(12L));
        assertEquals("1.5", f.normalize(1.5));
        assertEquals("1000000", f.normalize(1e6));
        assertEquals("true", f.normalize(true));
        assertEquals("", f.normalize(null));
        assertEquals("", f.normalize(List.of("a")));
        assertEquals("", f.normalize(Map.of("a", 1)));
        assertEquals("", f.zero());
    }

    @ParameterizedTest(name = "[{index}] {0}/{1}/{2}/{3} <- {4}")
    @CsvSource(delimiter = ';', nullValues = "NULL", value = {
            "false;0;0;'';'';ok",
            "true;0;0;'';'';validation_required|Cannot be blank.",
            "false;3;0;'';ab;validation_min_text_constraint|Must be at least 3 character(s).|{min=3}",
            "false;3;0;'';'';ok",
            "false;0;2;'';abc;validation_max_text_constraint|Must be no more than 2 character(s).|{max=2}",
            "false;0;2;'';ab;ok",
            "false;0;0;'';'';ok",
            "false;2;3;'';žšč;ok",
            "false;0;0;abc;xabcx;ok",
            "false;0;0;^abc$;xabcx;validation_invalid_format|Invalid value format.",
            "false;0;0;^[a-z]+$;abc;ok",
            "false;0;0;^[a-z]+$;ABC;validation_invalid_format|Invalid value format.",
            "false;5;0;\\d;ab;validation_min_text_constraint|Must be at least 5 character(s).|{min=5}",
    })
    void textValidation(boolean required, int min, int max, String pattern, String value, String expected) {
        assertEquals(expected, outcome(text(required, min, max, pattern).validate(value)));
    }

    @Test
    void textMaxZeroMeansFiveThousandCodePoints() {
        TextField f = text(false, 0, 0, "");
        assertEquals("ok", outcome(f.validate("é".repeat(5000))));
        assertEquals("validation_max_text_constraint|Must be no more than 5000 character(s).|{max=5000}",
                outcome(f.validate("a".repeat(5001))));
        // an emoji is one character although it is two UTF-16 units
        assertEquals("ok", outcome(text(false, 0, 1, "").validate("😀")));
    }

    @Test
    void dollarAnchorsAtTheVeryEndAsInRe2() {
        assertEquals("validation_invalid_format|Invalid value format.",
                outcome(text(false, 0, 0, "^[a-z0-9]+$").validate("abc\n")));
    }

    @Test
    void primaryKeyWithCustomPatternRejectsForbiddenCharactersAndReservedNames() {
        TextField id = new TextField(meta("id"), true, 1, 100, "^.+$", "", true);
        assertEquals("validation_forbidden_pk_character|'/' is not a valid primary key character.|{ch=/}",
                outcome(id.validate("a/b")));
        assertEquals("validation_reserved_pk|The primary key 'CON' is reserved and cannot be used.|{reserved=CON}",
                outcome(id.validate("con")));
        assertEquals("ok", outcome(id.validate("console")));
        TextField defaultId = new TextField(meta("id"), true, 15, 15, TextField.DEFAULT_ID_PATTERN, "", true);
        assertEquals("validation_required|Cannot be blank.", outcome(defaultId.validate("")));
        assertEquals("ok", outcome(defaultId.validate("abcdefghijklmno")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', value = {
            "test@example.com;ok",
            "a.b+c@sub.example.co;ok",
            "user@localhost;validation_is_email|Must be a valid email address.",
            "invalid;validation_is_email|Must be a valid email address.",
            "a@b.c1;validation_is_email|Must be a valid email address.",
            "a..b@example.com;validation_is_email|Must be a valid email address.",
            "a@example.org;validation_email_domain_not_allowed|Email domain is not allowed.",
    })
    void emailValidation(String value, String expected) {
        EmailField f = new EmailField(meta("e"), false, List.of(), List.of("example.com", "sub.example.co"));
        assertEquals(expected, outcome(f.validate(value)));
    }

    @Test
    void emailExceptDomainsAndRequired() {
        EmailField f = new EmailField(meta("e"), true, List.of("example.com"), List.of());
        assertEquals("validation_required|Cannot be blank.", outcome(f.validate("")));
        assertEquals("validation_email_domain_not_allowed|Email domain is not allowed.",
                outcome(f.validate("x@example.com")));
        // compared exactly, so another case passes
        assertEquals("ok", outcome(f.validate("x@EXAMPLE.com")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', value = {
            "https://example.com;ok",
            "http://example.com:8090/path?q=1#frag;ok",
            "example.com;ok",
            "http://localhost:8090;ok",
            "http://127.0.0.1/x;ok",
            "test;validation_invalid_url|Must be a valid url.",
            "ab;validation_invalid_url|Must be a valid url.",
            "http://exa mple.com;validation_invalid_url|Must be a valid url.",
            "http://;validation_invalid_url|Must be a valid url.",
            "ftp://files.example.com/a b;validation_invalid_url|Must be a valid url.",
            ".example.com;validation_invalid_url|Must be a valid url.",
    })
    void urlValidation(String value, String expected) {
        assertEquals(expected, outcome(new UrlField(meta("u"), false, List.of(), List.of()).validate(value)));
    }

    @Test
    void urlDomainListsCompareTheHostWithPort() {
        UrlField only = new UrlField(meta("u"), false, List.of(), List.of("example.com"));
        assertEquals("ok", outcome(only.validate("https://example.com/a")));
        assertEquals("validation_url_domain_not_allowed|Url domain is not allowed.",
                outcome(only.validate("https://example.com:8080/a")));
        UrlField except = new UrlField(meta("u"), false, List.of("bad.com"), List.of());
        assertEquals("validation_url_domain_not_allowed|Url domain is not allowed.",
                outcome(except.validate("http://user@bad.com")));
        assertEquals("ok", outcome(except.validate("http://good.com")));
    }

    @Test
    void editorLimitsUtf8Bytes() {
        EditorField f = new EditorField(meta("body"), false, 4, false);
        assertEquals("ok", outcome(f.validate("ab")));
        assertEquals("validation_content_size_limit|The maximum allowed content size is 4 bytes.|{maxSize=4}",
                outcome(f.validate("ééé")));
        assertEquals("validation_required|Cannot be blank.",
                outcome(new EditorField(meta("body"), true, 0, false).validate("")));
        assertEquals(5L << 20, new EditorField(meta("b"), false, 0, false).effectiveMaxSize());
    }

    @Test
    void passwordChecksThePlainTextWithoutParams() {
        PasswordField f = new PasswordField(meta("password"), true, 8, 0, "", 0);
        assertEquals("validation_min_text_constraint|Must be at least 8 character(s).",
                outcome(f.validatePlain("1234567")));
        assertEquals("ok", outcome(f.validatePlain("12345678")));
        assertEquals("ok", outcome(f.validatePlain("")));
        assertEquals("validation_max_text_constraint|Must be less than 71 character(s).",
                outcome(f.validatePlain("x".repeat(72))));
        assertEquals("ok", outcome(f.validatePlain("x".repeat(71))));
        PasswordField patterned = new PasswordField(meta("password"), false, 0, 10, "[0-9]", 0);
        assertEquals("validation_invalid_format|Invalid value format.", outcome(patterned.validatePlain("abc")));
        assertEquals("validation_max_text_constraint|Must be less than 10 character(s).",
                outcome(patterned.validatePlain("12345678901")));
        // required concerns the stored hash
        assertEquals("validation_required|Cannot be blank.", outcome(f.validate("")));
        assertEquals("ok", outcome(f.validate("$2a$10$hash")));
        assertEquals(10, f.effectiveCost());
    }

    @Test
    void boolCoercesLikeGoParseBool() {
        BoolField f = new BoolField(meta("b"), true);
        for (Object yes : Arrays.asList(true, "true", "1", "t", "T", "TRUE", "True", 1L, 2.5)) {
            assertEquals(true, f.normalize(yes), String.valueOf(yes));
        }
        for (Object no : Arrays.asList(false, "false", "0", "yes", "", null, 0L, List.of(1), "tRUE")) {
            assertEquals(false, f.normalize(no), String.valueOf(no));
        }
        assertEquals("validation_required|Cannot be blank.", outcome(f.validate(false)));
        assertEquals("ok", outcome(f.validate(true)));
        assertTrue(f.isBlank(false));
        assertFalse(f.isBlank(true));
    }
}
