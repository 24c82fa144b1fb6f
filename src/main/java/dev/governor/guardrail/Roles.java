package dev.governor.guardrail;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Roles reads a RACI cell: role ids separated by commas, slashes or spaces ("dtc_lead, finance"); blank or "-" means none. */
public final class Roles {

    /**
     * Compiled once: String.split compiles a pattern of more than one character on every call, and every
     * matching RACI row reads four cells per routed proposal.
     */
    private static final Pattern SEPARATORS = Pattern.compile("[,/;\\s]+");

    private Roles() {
    }

    public static List<String> of(String cell) {
        if (cell == null) {
            return List.of();
        }
        return Arrays.stream(SEPARATORS.split(cell.trim()))
                .map(token -> token.trim().toLowerCase(Locale.ROOT))
                .filter(token -> !token.isEmpty() && !token.equals("-"))
                .distinct()
                .toList();
    }
}
