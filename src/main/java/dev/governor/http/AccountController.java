package dev.governor.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.accounts.Accounts;
import dev.governor.auth.Responsibility;
import dev.governor.auth.Role;
import dev.governor.auth.User;
import dev.governor.core.Bound;
import dev.governor.core.FieldError;
import dev.governor.core.JsonFields;
import dev.governor.core.Refusal;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AccountController lets an admin manage users over HTTP — list, create, revoke, rotate a token —
 * and nothing else: every route here needs the admin role, and no other route accepts it.
 */
public final class AccountController {

    private final Accounts accounts;

    public AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    public void list(Context ctx) {
        admin(ctx);
        Answers.json(ctx, accounts.list());
    }

    /** Body: {"name": "maya", "roles": ["marketplace_lead"], "expiresInDays": 90}; answers the token once. */
    public void create(Context ctx) {
        User admin = admin(ctx);
        JsonNode body = Requests.jsonObject(ctx);
        List<FieldError> errors = new ArrayList<>();
        JsonFields fields = JsonFields.of(body, errors);
        String name = fields.text("name");
        List<String> roleIds = fields.textList("roles");
        Integer days = expiresInDays(fields);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (roleIds != null) {
            for (String id : roleIds) {
                Role.find(id).ifPresentOrElse(roles::add, () -> fields.error("roles", "unknown_role",
                        "'" + id + "' is not a role"));
            }
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        Answers.created(ctx, shown(accounts.create(admin, name, roles, days), roles));
    }

    public void revoke(Context ctx) {
        User admin = admin(ctx);
        String name = ctx.pathParam("name");
        accounts.revoke(admin, name);
        Answers.json(ctx, Map.of("name", name, "revoked", true));
    }

    /** Body (optional): {"expiresInDays": 30}; answers the new token once. */
    public void rotate(Context ctx) {
        User admin = admin(ctx);
        List<FieldError> errors = new ArrayList<>();
        Integer days = expiresInDays(JsonFields.of(Requests.optionalJsonObject(ctx), errors));
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        Answers.json(ctx, shown(accounts.rotate(admin, ctx.pathParam("name"), days), null));
    }

    private static Integer expiresInDays(JsonFields fields) {
        Long days = fields.has("expiresInDays")
                ? fields.whole("expiresInDays", Bound.whole(1, Accounts.MAX_EXPIRY_DAYS), null) : null;
        return days == null ? null : days.intValue();
    }

    private static Map<String, Object> shown(Accounts.Created created, Set<Role> roles) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", created.user().name());
        if (roles != null) {
            answer.put("roles", roles);
        }
        answer.put("token", created.token());
        answer.put("tokenExpiresAt", created.expiresAt());
        return answer;
    }

    private static User admin(Context ctx) {
        User user = Requests.user(ctx);
        Responsibility.require(user, EnumSet.of(Role.ADMIN), "manage users");
        return user;
    }
}
