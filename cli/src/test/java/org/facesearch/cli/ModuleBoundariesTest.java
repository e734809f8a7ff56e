package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module graph of CONTRIBUTING.md, checked on the sources: every {@code import} of a main class may only name
 * packages of its own module or of a module it may depend on, and only {@code store} imports the jOOQ classes
 * generated from the schema. Maven already refuses a missing dependency; this also catches a module that reaches
 * another one through a transitive dependency it must not use.
 */
class ModuleBoundariesTest {
    /** Which modules each module's main code may import, besides itself. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "vector", Set.of(),
            "store", Set.of("vector"),
            "core", Set.of("vector"),
            "clusterer", Set.of("store", "vector"),
            "crawler", Set.of("store", "core", "vector"),
            "searcher", Set.of("store", "vector", "core"),
            "server", Set.of("searcher", "store", "vector", "core"),
            "cli", Set.of("server", "searcher", "crawler", "clusterer", "core", "store", "vector"),
            "bench", Set.of("cli", "server", "searcher", "crawler", "clusterer", "core", "store", "vector"));
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(org\\.facesearch\\.[\\w.]+?)\\.[A-Z*]", Pattern.MULTILINE);
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyModuleImportsOnlyTheModulesItMayDependOn() {
        Map<String, String> moduleOfPackage = packages();
        List<String> violations = new ArrayList<>();
        for (String module : ALLOWED.keySet()) {
            for (Path file : sources(module)) {
                Matcher m = IMPORT.matcher(read(file));
                while (m.find()) {
                    String target = moduleOf(m.group(1), moduleOfPackage);
                    if (target == null) {
                        continue;  // generated sources
                    }
                    if (!target.equals(module) && !ALLOWED.get(module).contains(target)) {
                        violations.add(ROOT.relativize(file) + " imports " + m.group(1) + " of module " + target);
                    }
                    if (m.group(1).startsWith("org.facesearch.store.schema") && !module.equals("store")) {
                        violations.add(ROOT.relativize(file) + " uses the generated tables: only store may");
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void theProductHasNoBenchmarkCodeOnItsClassPath() {
        // cli's test class path is the distribution's class path plus test jars: the bench module is not on it
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.facesearch.bench.BenchExtension"));
        assertNull(getClass().getResource("/org/facesearch/bench/search/peers.py"));
        assertFalse(Main.commandLine().getSubcommands().containsKey("bench"));
    }

    @Test
    void theCheckKnowsEveryModule() {
        Set<String> modules = new java.util.TreeSet<>();
        try (Stream<Path> dirs = Files.list(ROOT)) {
            dirs.filter(d -> Files.isDirectory(d.resolve("src/main/java"))).forEach(d -> modules.add(d.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(new java.util.TreeSet<>(ALLOWED.keySet()), modules);
        assertTrue(packages().size() > 10);
    }

    /** Each main package's module, found by where its sources are. */
    private static Map<String, String> packages() {
        Map<String, String> modules = new HashMap<>();
        for (String module : ALLOWED.keySet()) {
            Path base = ROOT.resolve(module).resolve("src/main/java");
            for (Path file : sources(module)) {
                modules.put(base.relativize(file.getParent()).toString().replace('/', '.'), module);
            }
        }
        return modules;
    }

    private static String moduleOf(String pkg, Map<String, String> moduleOfPackage) {
        if (pkg.startsWith("org.facesearch.store.schema")) {
            return "store";
        }
        for (String p = pkg; !p.isEmpty(); p = p.contains(".") ? p.substring(0, p.lastIndexOf('.')) : "") {
            String module = moduleOfPackage.get(p);
            if (module != null) {
                return module;
            }
        }
        return null;
    }

    private static List<Path> sources(String module) {
        Path base = ROOT.resolve(module).resolve("src/main/java");
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
