package dev.governor.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * RulesetFiles is the immutable set of files that make a ruleset — DRL files under {@code rules/}
 * and workbooks under {@code decision-tables/} — keyed by their path, with a content hash.
 */
public final class RulesetFiles {

    public static final String RULES = "rules/";
    public static final String TABLES = "decision-tables/";

    private final SortedMap<String, byte[]> files;
    private final String hash;

    public RulesetFiles(Map<String, byte[]> files) {
        this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        this.hash = hashOf(this.files);
    }

    /** Reads {@code rules/**}{@code /*.drl} and {@code decision-tables/**}{@code /*.drl.xlsx} under a folder. */
    public static RulesetFiles fromDirectory(Path root) {
        Map<String, byte[]> files = new TreeMap<>();
        for (String folder : new String[] {RULES, TABLES}) {
            Path base = root.resolve(folder);
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> paths = Files.walk(base)) {
                for (Path path : paths.filter(Files::isRegularFile).toList()) {
                    String name = root.relativize(path).toString().replace('\\', '/');
                    if (isRulesetFile(name)) {
                        files.put(name, Files.readAllBytes(path));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + base, e);
            }
        }
        return new RulesetFiles(files);
    }

    /** Reads the ruleset shipped inside the application jar (or classes folder) under {@code shipped/}. */
    public static RulesetFiles shipped() {
        var marker = RulesetFiles.class.getClassLoader().getResource("shipped/rules");
        if (marker == null) {
            throw new IllegalStateException("the application carries no shipped ruleset");
        }
        try {
            if ("jar".equals(marker.getProtocol())) {
                try (FileSystem jar = FileSystems.newFileSystem(marker.toURI(), Map.of())) {
                    return fromDirectory(jar.getPath("/shipped"));
                }
            }
            return fromDirectory(Path.of(marker.toURI()).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isRulesetFile(String path) {
        return (path.startsWith(RULES) && path.endsWith(".drl"))
                || (path.startsWith(TABLES) && path.endsWith(".drl.xlsx"));
    }

    public SortedMap<String, byte[]> files() {
        return files;
    }

    public String hash() {
        return hash;
    }

    private static String hashOf(SortedMap<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (var entry : files.entrySet()) {
                digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(entry.getValue()))
                        .getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
