package dev.governor.auth;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Role is what a user does in Governor (see DOMAIN.md, "People and roles"); a user can hold several. */
public enum Role {
    GM, DTC_LEAD, MARKETPLACE_LEAD, FINANCE, OPERATIONS, REVENUE_OPS, RULES_ENGINEER, ADMIN;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> find(String id) {
        return Arrays.stream(values()).filter(role -> role.id().equals(id)).findFirst();
    }
}
