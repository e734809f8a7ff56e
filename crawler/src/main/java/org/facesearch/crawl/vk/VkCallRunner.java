package org.facesearch.crawl.vk;

import com.vk.api.sdk.client.ApiRequest;
import com.vk.api.sdk.exceptions.ApiException;
import com.vk.api.sdk.exceptions.ClientException;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one VK call through the SDK with a token from the pool and applies the error policy, branching on
 * {@link ApiException#getCode()} (the SDK wraps every VK error object in an {@code ApiExtendedException}):
 * <ul>
 *   <li>5 (authorization failed): the token is dropped, the call moves to another token;</li>
 *   <li>29 (daily limit): the token is parked until the next day, the call moves to another token;</li>
 *   <li>6 (too many requests per second), 9 (flood control), 10 (internal server error) and
 *       {@link ClientException} (I/O error, non-200 status, wrong content type, unparsable JSON): the token rests
 *       for the policy's backoff and the call is retried, at most {@link RetryPolicy#maxAttempts()} times;</li>
 *   <li>anything else (18 deleted or banned, 30 private, 15 access denied, 100 bad parameter ...): thrown at once as
 *       {@link VkApiException} with VK's code, for the caller to interpret.</li>
 * </ul>
 * The SDK's own retry loop ({@code execute()}) is bypassed with {@code executeWithoutRetry()}. The request is
 * built per attempt because SDK queries carry their token. Error details are redacted with
 * {@link VkToken#redact} before they reach a log or an exception.
 *
 * <p>Note for logging set-up: the SDK itself logs every VK error at ERROR with a stack trace
 * ({@code com.vk.api.sdk.client.ApiRequest}, "API error"), and a body it cannot parse verbatim; this class logs
 * what matters (drops, parks, retries at DEBUG). Applications should set logger {@code com.vk.api.sdk} to OFF.
 */
final class VkCallRunner {
    private static final Logger LOG = LoggerFactory.getLogger(VkCallRunner.class);

    private static final int MAX_DETAIL = 300;

    private final TokenPool tokens;
    private final RetryPolicy retry;

    VkCallRunner(TokenPool tokens, RetryPolicy retry) {
        this.tokens = tokens;
        this.retry = retry;
    }

    <T> T run(String method, Function<VkToken, ApiRequest<T>> request) throws InterruptedException {
        int failures = 0;
        while (true) {
            VkToken token = tokens.acquire();
            int code;
            String detail;
            try {
                return request.apply(token).executeWithoutRetry();
            } catch (ApiException e) {
                code = e.getCode() == null ? VkApiException.NETWORK : e.getCode();
                detail = token.redact(e.getMessageRaw());
            } catch (ClientException e) {
                if (Thread.interrupted()) { // the transport turned an interrupt into an I/O error
                    throw new InterruptedException("interrupted during VK " + method);
                }
                code = VkApiException.NETWORK;
                detail = shorten(token.redact(e.getMessage())); // may quote a whole error page
            }
            switch (code) {
                case 5 -> tokens.drop(token, "VK error 5 (user authorization failed): " + detail);
                case 29 -> tokens.park(token);
                case 6, 9, 10, VkApiException.NETWORK -> {
                    failures++;
                    if (failures >= retry.maxAttempts()) {
                        throw new VkApiException(method, code, detail + " (gave up after " + failures + " attempts)");
                    }
                    Duration rest = retry.backoff(failures);
                    LOG.debug("VK {} on {}: error {} ({}); {} rests {} ms, retry {}", method, token.label(), code, detail,
                            token.label(), rest.toMillis(), failures);
                    tokens.pause(token, rest);
                }
                default -> throw new VkApiException(method, code, detail);
            }
        }
    }

    private static String shorten(String text) {
        return text == null || text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }
}
