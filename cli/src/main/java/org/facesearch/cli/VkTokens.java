package org.facesearch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.facesearch.config.Config;
import org.facesearch.config.ConfigKey;
import org.facesearch.crawl.TokenList;
import org.facesearch.crawl.vk.TokenPool;

/**
 * The VK tokens a command may use: its {@code --token} options, {@code vk.tokens}, and {@code --token-file} (else
 * {@code vk.token-file}), as one rate-limited pool. Errors name the file, never a token.
 */
final class VkTokens {
    private VkTokens() {
    }

    /** The pool, or a {@link UserException} saying how to give a token. */
    static TokenPool pool(List<String> tokens, Path tokenFile, Config config) {
        Path file = tokenFile != null ? tokenFile
                : config.isSet(ConfigKey.VK_TOKEN_FILE) ? Path.of(config.get(ConfigKey.VK_TOKEN_FILE)) : null;
        List<String> all;
        try {
            all = TokenList.collect(tokens, config.get(ConfigKey.VK_TOKENS), file);
        } catch (IOException e) {
            throw new UserException(e.getMessage(), e);  // names the file only, never a token
        }
        if (all.isEmpty()) {
            throw new UserException("no VK token: pass --token TOKEN or --token-file FILE, or set vk.tokens / vk.token-file "
                    + "(env FACESEARCH_VK_TOKENS, FACESEARCH_VK_TOKEN_FILE)");
        }
        try {
            return TokenPool.of(all, config.getDouble(ConfigKey.VK_RATE_LIMIT));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
    }
}
