package dev.governor.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A figure shown beside its limit never lands on the wrong side of it, and keeps two decimals when they suffice. */
class FiguresTest {

    @Test
    void aFigureShownStaysOnItsSideOfTheLimitForSeededValuesAroundIt() {
        Random random = new Random(20261206L);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal limit = BigDecimal.valueOf(random.nextInt(10_000), 2);
            BigDecimal offset = BigDecimal.valueOf(random.nextInt(2_001) - 1_000, 2 + random.nextInt(5));
            BigDecimal value = limit.add(offset);
            BigDecimal shown = Figures.shownAgainst(value, limit);
            assertThat(Integer.signum(shown.compareTo(limit))).as("%s against %s shown as %s", value, limit, shown)
                    .isEqualTo(Integer.signum(value.compareTo(limit)));
            assertThat(shown.scale()).isGreaterThanOrEqualTo(2);
            if (value.setScale(2, java.math.RoundingMode.HALF_UP).compareTo(limit) == value.compareTo(limit)) {
                assertThat(shown.scale()).as("%s against %s", value, limit).isEqualTo(2);
            }
        }
    }

    @Test
    void percentsKeepTheDecimalsThatShowTheBreach() {
        assertThat(Figures.percentAgainst(new BigDecimal("10.004002"), BigDecimal.TEN)).isEqualTo("10.004%");
        assertThat(Figures.percentAgainst(new BigDecimal("5.000024"), new BigDecimal("5"))).isEqualTo("5.00002%");
        assertThat(Figures.percentAgainst(new BigDecimal("29.9996"), new BigDecimal("30"))).isEqualTo("29.9996%");
        assertThat(Figures.percentAgainst(new BigDecimal("10.5"), BigDecimal.TEN)).isEqualTo("10.5%");
        assertThat(Figures.percentAgainst(new BigDecimal("12.000000"), BigDecimal.TEN)).isEqualTo("12%");
    }
}
