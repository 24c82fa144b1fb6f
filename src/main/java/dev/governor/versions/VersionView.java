package dev.governor.versions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * VersionView is a ruleset version as people read it: its content hash (the version every decision
 * names), state, origin, who uploaded it and when, when it was last in force, its files, and the
 * report made when it was compiled (rules, tables, example cases).
 */
public record VersionView(long id, String hash, String state, String origin, Long basedOn, String uploadedBy,
                          Instant uploadedAt, Instant activeFrom, Instant activeTo, List<String> files,
                          JsonNode report) {
}
