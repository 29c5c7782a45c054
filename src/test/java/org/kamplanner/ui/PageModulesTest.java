package org.kamplanner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The page's modules (static/js/*.js) import each other without a circle: the views (the modules with an
 * {@code init}, wired by main.js) reach each other only through the store's events (store.js), never by
 * an import, and nothing imports main.js, the entry point. Read from the {@code import … from} lines,
 * without a browser, so a circle fails the fast loop instead of coming back unnoticed.
 */
class PageModulesTest {

    private static final Path JS = Path.of("src", "main", "resources", "static", "js");
    /** Static imports ({@code import {a} from './x.js'}, {@code import './x.js'}) and dynamic ones ({@code import('./x.js')}). */
    private static final Pattern IMPORT = Pattern.compile(
            "(?m)^\\s*import\\s+(?:[^'\";]*?\\s+from\\s+)?['\"]([^'\"]+)['\"]|\\bimport\\s*\\(\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern SIBLING = Pattern.compile("\\./([\\w-]+)\\.js");
    private static final Pattern VIEW = Pattern.compile("(?m)^export\\s+(?:async\\s+)?function\\s+init\\s*\\(");
    private static final Pattern EXPORT = Pattern.compile("(?m)^export\\s");

    @Test
    void noModuleImportsItselfThroughOthers() throws IOException {
        Map<String, Set<String>> imports = imports();
        assertThat(imports).as("the page's modules").hasSizeGreaterThan(10);
        List<Set<String>> circles = circles(imports);
        assertThat(circles).as("modules that import each other in a circle, of %d", imports.size()).isEmpty();
    }

    @Test
    void onlyMainImportsTheViewsAndNothingImportsMain() throws IOException {
        Map<String, Set<String>> imports = imports();
        Set<String> views = new TreeSet<>();
        for (String module : imports.keySet()) {
            if (VIEW.matcher(source(module)).find()) views.add(module);
        }
        assertThat(views).as("views (modules with an init)").hasSizeGreaterThanOrEqualTo(8);
        List<String> viewImports = new ArrayList<>();
        imports.forEach((module, imported) -> imported.stream()
                .filter(other -> other.equals("main") || !module.equals("main") && views.contains(other))
                .forEach(other -> viewImports.add(module + " → " + other)));
        assertThat(viewImports).as("imports of a view or of main.js outside main.js").isEmpty();
        assertThat(imports.get("main")).as("main.js wires every view").containsAll(views);
        assertThat(EXPORT.matcher(source("main")).find()).as("main.js exports something").isFalse();
    }

    @Test
    void theCircleFinderFindsACircle() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c", "d"), "c", Set.of("a"), "d", Set.of(),
                "e", Set.of("e"));
        assertThat(circles(graph)).containsExactlyInAnyOrder(Set.of("a", "b", "c"), Set.of("e"));
        assertThat(circles(Map.of("a", Set.of("b"), "b", Set.of()))).isEmpty();
    }

    /** Each module's name (file name without .js) → the modules it imports; every import names a sibling file. */
    private static Map<String, Set<String>> imports() throws IOException {
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.list(JS)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".js")).toList()) {
                String module = file.getFileName().toString().replaceFirst("\\.js$", "");
                Set<String> imported = new TreeSet<>();
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String specifier = m.group(1) != null ? m.group(1) : m.group(2);
                    Matcher sibling = SIBLING.matcher(specifier);
                    assertThat(sibling.matches()).as("%s imports %s: a sibling './name.js' is expected", module, specifier).isTrue();
                    assertThat(JS.resolve(sibling.group(1) + ".js")).as("%s imports %s", module, specifier).isRegularFile();
                    imported.add(sibling.group(1));
                }
                imports.put(module, imported);
            }
        }
        return imports;
    }

    private static String source(String module) throws IOException {
        return Files.readString(JS.resolve(module + ".js"));
    }

    /** The strongly connected components with a circle in them (Tarjan): more than one module, or one importing itself. */
    static List<Set<String>> circles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> circles = new ArrayList<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            if (!index.containsKey(start)) connect(start, graph, index, low, stack, circles);
        }
        return circles;
    }

    private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, List<Set<String>> circles) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, circles);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (stack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1 || graph.getOrDefault(node, Set.of()).contains(node)) circles.add(component);
        }
    }
}
