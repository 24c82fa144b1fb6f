package dev.governor.versions;

import java.time.Instant;

/** VersionRow is a ruleset_versions row with its uploader's name and, when it is or was in force, its latest period. */
public record VersionRow(long id, String hash, String state, String origin, Long basedOn, String uploadedBy,
                         Instant uploadedAt, String report, Instant activeFrom, Instant activeTo) {
}
