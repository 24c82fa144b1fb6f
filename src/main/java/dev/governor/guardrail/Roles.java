package dev.governor.guardrail;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Roles reads a RACI cell: role ids separated by commas, slashes or spaces ("dtc_lead, finance"); blank or "-" means none. */
public final class Roles {

    private Roles() {
    }

    public static List<String> of(String cell) {
        if (cell == null) {
            return List.of();
        }
        return Arrays.stream(cell.trim().split("[,/;\\s]+"))
                .map(token -> token.trim().toLowerCase(Locale.ROOT))
                .filter(token -> !token.isEmpty() && !token.equals("-"))
                .distinct()
                .toList();
    }
}
