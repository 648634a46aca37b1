package dev.locket.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard has no build step, so nothing else checks its module graph before a browser loads it: every
 * import of every module resolves to a file of this module or, through index.html's import map, of a WebJar.
 */
class ModuleGraphTest {
    private static final String ROOT = "dev/locket/admin/";
    private static final String WEBJARS = "META-INF/resources/webjars/";
    private static final Pattern IMPORT = Pattern.compile(
            "(?:^|[;\\s])import\\s*(?:[\\w{},*\\s]+from\\s*)?[\"']([^\"']+)[\"']|import\\(\\s*[\"']([^\"']+)[\"']\\s*\\)",
            Pattern.MULTILINE);
    private static final Pattern MAP_ENTRY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"([^\"]+)\"");

    @Test
    void theImportMapPointsAtTheWebJarsOnTheClasspath() throws Exception {
        Map<String, String> map = importMap();
        assertTrue(map.containsKey("lit"), map.toString());
        for (Map.Entry<String, String> e : map.entrySet()) {
            String target = e.getValue();
            assertTrue(target.startsWith("./vendor/"), e.toString());
            String resource = WEBJARS + target.substring("./vendor/".length());
            if (target.endsWith("/")) {
                // a folder mapping: the package's own entry module must be in it
                resource += e.getKey().equals("lit/") ? "index.js" : e.getKey().equals("lit-html/") ? "lit-html.js"
                        : e.getKey().equals("lit-element/") ? "lit-element.js" : "reactive-element.js";
            }
            assertNotNull(resource(resource), e.getKey() + " -> " + resource + " is not on the classpath");
        }
    }

    @Test
    void everyImportOfEveryModuleResolves() throws Exception {
        Map<String, String> map = importMap();
        Path root = Path.of(ModuleGraphTest.class.getClassLoader().getResource(ROOT + "index.html").toURI()).getParent();
        List<String> broken = new ArrayList<>();
        int modules = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                modules++;
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String spec = m.group(1) != null ? m.group(1) : m.group(2);
                    if (spec.startsWith(".")) {
                        if (!Files.isRegularFile(file.getParent().resolve(spec).normalize())) {
                            broken.add(root.relativize(file) + ": " + spec);
                        }
                    } else if (bare(map, spec) == null) {
                        broken.add(root.relativize(file) + ": " + spec + " (not in the import map)");
                    }
                }
            }
        }
        assertTrue(modules > 10, "found the modules");
        assertEquals(List.of(), broken);
    }

    @Test
    void everyRoutedPageModuleExists() throws Exception {
        String routes = new String(resource(ROOT + "routes.js").readAllBytes());
        Matcher m = Pattern.compile("import\\(\"\\./([^\"]+)\"\\)").matcher(routes);
        int found = 0;
        while (m.find()) {
            found++;
            assertNotNull(resource(ROOT + m.group(1)), m.group(1));
        }
        assertTrue(found >= 10, "routes found: " + found);
        assertFalse(routes.contains("pages/../"), "pages stay in pages/");
    }

    /** The WebJar file a bare specifier maps to, or null. */
    private static String bare(Map<String, String> map, String spec) throws IOException {
        String target = map.get(spec);
        if (target == null) {
            for (Map.Entry<String, String> e : map.entrySet()) {
                if (e.getKey().endsWith("/") && spec.startsWith(e.getKey())) {
                    target = e.getValue() + spec.substring(e.getKey().length());
                }
            }
        }
        if (target == null) {
            return null;
        }
        String resource = WEBJARS + target.substring("./vendor/".length());
        try (var in = resource(resource)) {
            return in == null ? null : resource;
        }
    }

    private static Map<String, String> importMap() throws IOException, URISyntaxException {
        String html = new String(resource(ROOT + "index.html").readAllBytes());
        Matcher block = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(block.find(), "index.html has an import map");
        Map<String, String> map = new LinkedHashMap<>();
        Matcher e = MAP_ENTRY.matcher(block.group(1));
        while (e.find()) {
            if (!e.group(1).equals("imports")) {
                map.put(e.group(1), e.group(2));
            }
        }
        return map;
    }

    private static java.io.InputStream resource(String name) {
        return ModuleGraphTest.class.getClassLoader().getResourceAsStream(name);
    }
}
