package dev.governor.http;

import dev.governor.approvals.Queue;
import dev.governor.auth.Responsibility;
import dev.governor.auth.Role;
import dev.governor.core.Bound;
import dev.governor.core.ErrorCode;
import dev.governor.core.FieldError;
import dev.governor.core.JsonFields;
import dev.governor.core.Refusal;
import dev.governor.ruleset.RulesetFiles;
import dev.governor.versions.Activations;
import dev.governor.versions.Drafts;
import dev.governor.versions.Replays;
import dev.governor.versions.RulesetVersions;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** VersionController is the HTTP face of ruleset versions: list, read, download a file, upload a draft. */
public final class VersionController {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final RulesetVersions versions;
    private final Queue queue;

    private final Drafts drafts;
    private final Activations activations;
    private final Replays replays;

    public VersionController(RulesetVersions versions, Drafts drafts, Activations activations, Replays replays,
                             Queue queue) {
        this.versions = versions;
        this.drafts = drafts;
        this.activations = activations;
        this.replays = replays;
        this.queue = queue;
    }

    public void list(Context ctx) {
        Responsibility.require(Requests.user(ctx), Responsibility.readers(), "read ruleset versions");
        Answers.json(ctx, versions.list());
    }

    public void active(Context ctx) {
        Responsibility.require(Requests.user(ctx), Responsibility.readers(), "read ruleset versions");
        Answers.json(ctx, versions.active());
    }

    public void find(Context ctx) {
        Responsibility.require(Requests.user(ctx), Responsibility.readers(), "read ruleset versions");
        Answers.json(ctx, versions.get(Requests.id(ctx)));
    }

    /**
     * POST /api/rulesets/{id}/rebase: a draft built on a version no longer in force becomes a new draft on
     * the version in force, with the files it changed (finance or rules engineers, as for an upload).
     */
    public void rebase(Context ctx) {
        var user = Requests.user(ctx);
        Responsibility.require(user, EnumSet.of(Role.FINANCE, Role.RULES_ENGINEER), "rebase a draft");
        Answers.created(ctx, drafts.rebase(user, Requests.id(ctx)));
    }

    /**
     * Body: {"at": "2026-12-01T05:00:00Z"} (optional; without it, as soon as approved) asks for an
     * activation through the RACI approval; {"emergency": true, "reason": "…"} is the GM's rollback alone.
     */
    public void activation(Context ctx) {
        var user = Requests.user(ctx);
        var body = Requests.optionalJsonObject(ctx);
        long id = Requests.id(ctx);
        if (body.path("emergency").asBoolean(false)) {
            Responsibility.require(user, EnumSet.of(Role.GM), "roll back the guardrails in an emergency");
            List<FieldError> errors = new ArrayList<>();
            String reason = JsonFields.of(body, errors).freeText("reason");
            if (reason == null && errors.isEmpty()) {
                errors.add(FieldError.field("reason", "required", "an emergency rollback needs a reason, recorded with it"));
            }
            if (!errors.isEmpty()) {
                throw Refusal.invalid(errors);
            }
            Answers.json(ctx, activations.emergencyRollback(user, id, reason));
            return;
        }
        Answers.created(ctx, queue.view(user, activations.requestActivation(user, id, JsonFields.instant(body, "at"))));
    }

    public void diff(Context ctx) {
        Responsibility.require(Requests.user(ctx), Responsibility.readers(), "read ruleset versions");
        String against = Requests.param(ctx, "against");
        Long other = null;
        if (against != null) {
            try {
                other = Long.parseLong(against);
            } catch (NumberFormatException e) {
                throw Refusal.invalid(List.of(FieldError.field("against", "invalid_number",
                        "'against' must be a ruleset version id")));
            }
        }
        Answers.json(ctx, versions.diff(Requests.id(ctx), other));
    }

    /** Body: {"from": "2026-11-01", "to": "2026-11-30"} (days, inclusive, UTC) or {"last": 500}; none: the last 30 days. */
    public void impact(Context ctx) {
        Responsibility.require(Requests.user(ctx), Responsibility.readers(), "replay proposals against a version");
        var body = Requests.optionalJsonObject(ctx);
        List<FieldError> errors = new ArrayList<>();
        var fields = JsonFields.of(body, errors);
        Long lastGiven = fields.has("last") ? fields.whole("last", Bound.whole(1, 100_000), null) : null;
        Integer last = lastGiven == null ? null : lastGiven.intValue();
        java.time.LocalDate from = fields.has("from") ? fields.date("from") : null;
        java.time.LocalDate to = fields.has("to") ? fields.date("to") : null;
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(FieldError.field("to", "invalid_range", "'to' is before 'from'"));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        Answers.json(ctx, replays.replay(Requests.id(ctx), from, to, last));
    }

    public void file(Context ctx) {
        Responsibility.require(Requests.user(ctx), Responsibility.readers(), "download ruleset files");
        String path = ctx.pathParam("path");
        byte[] content = versions.file(Requests.id(ctx), path);
        ctx.header("Content-Disposition", "attachment; filename=\"" + path.substring(path.lastIndexOf('/') + 1) + "\"");
        ctx.contentType(path.endsWith(".xlsx") ? XLSX : "text/plain; charset=utf-8").result(content);
    }

    /**
     * Multipart upload of changed files. Name each part after the file's path
     * ({@code -F "decision-tables/pricing/map.drl.xlsx=@map.drl.xlsx"}); a part named otherwise
     * replaces the file of the active version with the same file name.
     */
    public void upload(Context ctx) {
        var user = Requests.user(ctx);
        Responsibility.require(user, EnumSet.of(Role.FINANCE, Role.RULES_ENGINEER), "upload guardrails");
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase().startsWith("multipart/form-data")) {
            throw new Refusal(ErrorCode.MULTIPART_EXPECTED, "send the changed files as multipart/form-data, one part "
                    + "per file named after its path, e.g. -F \"decision-tables/pricing/map.drl.xlsx=@map.drl.xlsx\"");
        }
        List<String> activePaths = versions.active().files();
        Map<String, byte[]> changed = new TreeMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (var entry : parts(ctx).entrySet()) {
            if (entry.getKey() == null || entry.getKey().isBlank()) {
                errors.add(FieldError.field("files", "unnamed_part", "every part needs a name: the file's path, e.g. "
                        + "-F \"decision-tables/pricing/map.drl.xlsx=@map.drl.xlsx\""));
                continue;
            }
            for (UploadedFile file : entry.getValue()) {
                String path = pathOf(entry.getKey(), file.filename(), activePaths);
                if (path == null) {
                    errors.add(FieldError.field(entry.getKey(), "unknown_file", "'" + file.filename() + "' is not a "
                            + "file of the ruleset in force: name the part after its path, e.g. "
                            + "decision-tables/pricing/map.drl.xlsx or rules/pricing/pricing.drl"));
                } else if (changed.put(path, read(file)) != null) {
                    errors.add(FieldError.field(entry.getKey(), "duplicate_file", path + " is sent twice"));
                }
            }
        }
        if (changed.isEmpty() && errors.isEmpty()) {
            errors.add(FieldError.field("files", "required", "send at least one changed file"));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        Answers.created(ctx, drafts.upload(user, changed));
    }

    /** The multipart body's files by part name; a body that is not readable multipart is a 400, one too large a 413. */
    private static Map<String, List<UploadedFile>> parts(Context ctx) {
        try {
            return ctx.uploadedFileMap();
        } catch (Exception e) {
            // Jetty drops the connection after a multipart it could not read: say so, so the client does not reuse it
            ctx.header("Connection", "close");
            String message = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
            if (message.toLowerCase(java.util.Locale.ROOT).contains("max")) {
                throw new Refusal(ErrorCode.BODY_TOO_LARGE, "the upload is larger than Governor takes ("
                        + Bound.BATCH_BODY + " bytes)");
            }
            throw new Refusal(ErrorCode.MALFORMED_MULTIPART, "the body is not readable multipart/form-data: " + message);
        }
    }

    /** The ruleset path a part goes to: its name when that is a ruleset path, else the active file of that name. */
    static String pathOf(String partName, String fileName, List<String> activePaths) {
        if (partName.contains("/")) {
            return RulesetFiles.isRulesetFile(partName) && !partName.contains("..") ? partName : null;
        }
        List<String> matches = activePaths.stream()
                .filter(path -> path.substring(path.lastIndexOf('/') + 1).equals(fileName)).toList();
        return matches.size() == 1 ? matches.get(0) : null;
    }

    private static byte[] read(UploadedFile file) {
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
