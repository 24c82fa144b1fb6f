package dev.governor.auth;

import dev.governor.core.Refusal;
import java.util.EnumSet;
import java.util.Set;

/**
 * Responsibility says who may propose and who may check prices and promos on an engine: the
 * engine's lead proposes (the GM for wholesale); the GM, finance and revenue ops may also check.
 */
public final class Responsibility {

    private Responsibility() {
    }

    public static Set<Role> proposers(String engine) {
        return switch (engine) {
            case "DTC" -> EnumSet.of(Role.DTC_LEAD);
            case "MARKETPLACE" -> EnumSet.of(Role.MARKETPLACE_LEAD);
            default -> EnumSet.of(Role.GM);
        };
    }

    public static Set<Role> checkers(String engine) {
        Set<Role> roles = EnumSet.copyOf(proposers(engine));
        roles.addAll(EnumSet.of(Role.GM, Role.FINANCE, Role.REVENUE_OPS));
        return roles;
    }

    /** Everyone but the admin, who manages users and tokens, reads recorded decisions. */
    public static Set<Role> readers() {
        return EnumSet.complementOf(EnumSet.of(Role.ADMIN));
    }

    /** Throws forbidden_role unless the user holds one of the roles; {@code action} says what was refused. */
    public static void require(User user, Set<Role> allowed, String action) {
        if (!user.hasAny(allowed)) {
            throw Refusal.forbidden("to " + action + " you need the role " + names(allowed));
        }
    }

    public static String names(Set<Role> roles) {
        return String.join(" or ", roles.stream().map(Role::id).toList());
    }
}
