package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line reads PocketBase's flags with upstream's spellings and defaults. */
class CliTest {
    private static final Path BASE = Path.of("/srv/app");

    private static Cli.Serve serve(String... args) {
        return assertInstanceOf(Cli.Serve.class, Cli.parse(BASE, args));
    }

    @Test
    void serveDefaultsAsUpstream() {
        Cli.Serve s = serve("serve");
        assertEquals(new Cli.Address("127.0.0.1", 8090), s.http());
        assertNull(s.https(), "no TLS without domains or --https");
        assertEquals(BASE.resolve("pb_data"), s.dir(), "pb_data beside the executable");
        assertEquals(BASE.resolve("pb_public"), s.publicDir());
        assertTrue(s.indexFallback());
        assertEquals(List.of("*"), s.origins());
        assertFalse(s.global().dev());
        assertEquals(Duration.ofSeconds(30), s.global().queryTimeout());
        assertEquals("", s.global().encryptionEnv());
        assertEquals(BASE.resolve("pb_hooks"), s.global().hooksDir());
        assertEquals(BASE.resolve("pb_migrations"), s.global().migrationsDir());
    }

    @Test
    void domainsListenOnEveryInterfaceWithHttps() {
        Cli.Serve s = serve("serve", "example.com", "api.example.com");
        assertEquals(List.of("example.com", "api.example.com"), s.domains());
        assertEquals(new Cli.Address("0.0.0.0", 80), s.http());
        assertEquals(new Cli.Address("0.0.0.0", 443), s.https());
        Cli.Serve explicit = serve("serve", "example.com", "--https=127.0.0.1:8443", "--http", "127.0.0.1:8080");
        assertEquals(new Cli.Address("127.0.0.1", 8443), explicit.https());
        assertEquals(new Cli.Address("127.0.0.1", 8080), explicit.http());
        assertEquals(new Cli.Address("", 8443), serve("serve", "--https", ":8443").https());
    }

    @Test
    void flagsInEverySpelling() {
        Cli.Serve s = serve("--dev", "serve", "--origins=https://a.example,https://b.example", "--origins",
                "https://*.c.example", "--queryTimeout", "5", "--publicDir=/srv/www", "--indexFallback=false",
                "--encryptionEnv", "PB_KEY", "--dir=/data/pb");
        assertTrue(s.global().dev());
        assertEquals(List.of("https://a.example", "https://b.example", "https://*.c.example"), s.origins());
        assertEquals(Duration.ofSeconds(5), s.global().queryTimeout());
        assertEquals(Path.of("/srv/www"), s.publicDir());
        assertFalse(s.indexFallback());
        assertEquals("PB_KEY", s.global().encryptionEnv());
        assertEquals(Path.of("/data/pb"), s.dir());
        assertEquals(Path.of("/data/pb_hooks"), s.global().hooksDir(), "hooks live beside the data dir");
        assertEquals(Duration.ofSeconds(30), serve("serve", "--queryTimeout=0").global().queryTimeout(),
                "upstream falls back to its default for 0");
    }

    @Test
    void superuserOtpTakesOnlyAnEmail() {
        Cli.Superuser otp = assertInstanceOf(Cli.Superuser.class,
                Cli.parse(BASE, "superuser", "otp", "a@example.com", "--dir", "/d"));
        assertEquals(Cli.Action.OTP, otp.action());
        assertEquals(Path.of("/d"), otp.dir());
        assertInstanceOf(Cli.Invalid.class, Cli.parse(BASE, "superuser", "otp", "a@example.com", "extra"));
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertEquals(new Cli.Invalid("unknown flag: --nope"), Cli.parse(BASE, "serve", "--nope"));
        assertEquals(new Cli.Invalid("flag needs an argument: --http"), Cli.parse(BASE, "serve", "--http"));
        assertInstanceOf(Cli.Invalid.class, Cli.parse(BASE, "serve", "--queryTimeout", "soon"));
        assertInstanceOf(Cli.Invalid.class, Cli.parse(BASE, "serve", "--dev=maybe"));
        assertInstanceOf(Cli.Invalid.class, Cli.parse(BASE, "serve", "--http", "nohost"));
        assertInstanceOf(Cli.Invalid.class, Cli.parse(BASE, "serve", "http://example.com"));
    }
}
