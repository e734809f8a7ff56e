package org.facesearch.crawl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Gathers the VK tokens of a crawl from its three places, in this order: {@code --token} flags, the comma-separated
 * {@code vk.tokens} setting, and the {@code vk.token-file} (one token a line; blank lines and {@code #} comments
 * ignored). Repeats are removed. The values are secrets: this class never prints them, and an error about the
 * file names the file only.
 */
public final class TokenList {
    private TokenList() {
    }

    /** @param file the token file, or null for none */
    public static List<String> collect(List<String> flags, String commaSeparated, Path file) throws IOException {
        Set<String> tokens = new LinkedHashSet<>();
        flags.stream().map(String::strip).filter(t -> !t.isEmpty()).forEach(tokens::add);
        Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(t -> !t.isEmpty()).forEach(tokens::add);
        if (file != null) {
            if (!Files.isReadable(file)) {
                throw new IOException("VK token file " + file + " does not exist or cannot be read");
            }
            Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(tokens::add);
        }
        return List.copyOf(tokens);
    }
}
