package dev.governor.core;

import java.util.List;

/** Page is one page of a listing: its items, which page of what size, and how many items match in all. */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** The most items one page holds. */
    public static final int MAX_SIZE = 500;

    /** Refuses a page below 1 or a size outside 1 to {@link #MAX_SIZE} with invalid_paging. */
    public static void check(int page, int size) {
        if (page < 1 || size < 1 || size > MAX_SIZE) {
            throw new Refusal(ErrorCode.INVALID_PAGING, "page must be 1 or more and size between 1 and " + MAX_SIZE);
        }
    }

    /** How many items come before page {@code page} of {@code size}. */
    public static int offset(int page, int size) {
        return (page - 1) * size;
    }
}
