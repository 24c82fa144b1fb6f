package dev.governor.auth;

import java.util.Set;

/** User is an authenticated caller: who they are and which roles they hold. */
public record User(long id, String name, Set<Role> roles) {

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Set<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }
}
