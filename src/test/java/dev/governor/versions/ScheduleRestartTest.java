package dev.governor.versions;

import dev.governor.Governor;
import dev.governor.RulesetVariants;
import dev.governor.ShippedRuleset;
import dev.governor.auth.Role;
import dev.governor.auth.User;
import dev.governor.core.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threeten.extra.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** An approved activation scheduled for later survives a restart of the service and fires at its time. */
class ScheduleRestartTest {

    @Test
    void aScheduledActivationSurvivesARestart(@TempDir Path folder) throws Exception {
        MutableClock clock = MutableClock.of(Instant.parse("2026-11-22T15:00:00Z"), ZoneOffset.UTC);
        Governor.Settings settings = new Governor.Settings(folder.resolve("governor.db"), Path.of("."), 0);
        Instant at = clock.instant().plus(Duration.ofDays(3));
        long draft;
        try (Governor first = Governor.start(settings, ShippedRuleset.get(), clock)) {
            var accounts = first.accounts();
            User finance = accounts.create(null, "finance", EnumSet.of(Role.FINANCE), null).user();
            User gm = accounts.create(null, "gm", EnumSet.of(Role.GM), null).user();
            byte[] map = RulesetVariants.edited(ShippedRuleset.files().files().get(VersionApiTest.MAP),
                    sheet -> sheet.getRow(13).getCell(1).setCellValue(44.99));
            draft = first.services().drafts().upload(finance, Map.of(VersionApiTest.MAP, map)).id();
            long request = first.services().activations().requestActivation(finance, draft, at);
            first.services().decisions().approve(gm, request, Json.MAPPER.createObjectNode());
            assertThat(first.versions().get(draft).state()).isEqualTo("SCHEDULED");
        }
        clock.add(Duration.ofDays(3));
        try (Governor second = Governor.start(settings, ShippedRuleset.get(), clock)) {
            second.sweep();
            assertThat(second.versions().active().id()).isEqualTo(draft);
            assertThat(second.rulesets().active().hash()).isEqualTo(second.versions().get(draft).hash());
        }
    }
}
