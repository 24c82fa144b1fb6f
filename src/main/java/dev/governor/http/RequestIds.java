package dev.governor.http;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * RequestIds gives every answer an {@code X-Request-Id}: the caller's own, when it is a short
 * token of letters, digits and {@code . _ -}, or a new random one, so one line of the log and one
 * answer can be matched.
 */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    /** The id for a request that sent {@code given} (null when it sent none). */
    static String of(String given) {
        return given != null && ACCEPTED.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }
}
