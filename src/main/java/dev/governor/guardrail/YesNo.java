package dev.governor.guardrail;

/** YesNo is a yes-or-no condition cell of a decision table, written YES or NO (blank: either). */
public enum YesNo {
    YES, NO;

    public static YesNo of(boolean value) {
        return value ? YES : NO;
    }
}
