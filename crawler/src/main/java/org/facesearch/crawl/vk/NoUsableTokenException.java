package org.facesearch.crawl.vk;

/**
 * Every configured VK token has been rejected by VK (error 5), so no further request can be made. The message
 * tells the user what to do; it names tokens only by their masked labels.
 */
public final class NoUsableTokenException extends RuntimeException {
    NoUsableTokenException(int tokenCount) {
        super("All " + tokenCount + " VK token(s) were rejected by VK (error 5, user authorization failed): "
                + "tokens expire, and VK revokes them when the user changes the password or ends all sessions. "
                + "Create new access tokens, pass them with --token, a token file or the configuration, "
                + "and run the same command again; the warnings above name the rejected tokens by number and sha256 prefix.");
    }
}
