package dev.locket.domain.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MimeTypesTest {
    private static String detect(byte[] b) {
        return MimeTypes.detect(b, b.length);
    }

    private static String detect(String s) {
        return detect(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void detectsFromContentNotName() {
        assertEquals("image/png", detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0}));
        assertEquals("image/jpeg", detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}));
        assertEquals("image/gif", detect("GIF89a...."));
        assertEquals("application/pdf", detect("%PDF-1.7"));
        assertEquals("image/svg+xml", detect("<svg xmlns='http://www.w3.org/2000/svg'></svg>"));
        assertEquals("text/html; charset=utf-8", detect("<!DOCTYPE html><html></html>"));
        assertEquals("text/plain; charset=utf-8", detect("just text"));
        assertEquals("application/octet-stream", detect(new byte[] {0, 1, 2, 3, (byte) 0xFE}));
    }

    @Test
    void svgAndHtmlAreNeverInline() {
        assertFalse(MimeTypes.inline("image/svg+xml"));
        assertFalse(MimeTypes.inline("text/html; charset=utf-8"));
        assertTrue(MimeTypes.inline("image/png"));
        assertEquals("image/svg+xml", MimeTypes.served("logo.svg", "text/plain; charset=utf-8"));
        assertEquals("text/javascript", MimeTypes.served("a.mjs", "text/plain; charset=utf-8"));
    }

    @Test
    void allowedTypesMatchIgnoringParametersAndWithAliases() {
        assertTrue(MimeTypes.matches("text/plain; charset=utf-8", "text/plain"));
        assertTrue(MimeTypes.matches("image/jpeg", "image/jpg"));
        assertFalse(MimeTypes.matches("image/png", "image/jpeg"));
    }
}
