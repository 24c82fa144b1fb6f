package dev.governor.tools;

import dev.governor.RulesetVariants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * SampleWorkbooks writes the edited workbook the README and the finance guide upload: the shipped MAP workbook with
 * GFT-004's MAP raised from 39.99 to 41.99 (sheet MAP, row 14, column B), as finance would edit it.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.governor.tools.SampleWorkbooks}
 */
public final class SampleWorkbooks {

    private SampleWorkbooks() {
    }

    public static void main(String[] args) throws IOException {
        Path map = Path.of("decision-tables/pricing/map.drl.xlsx");
        Path sample = Path.of("samples/rulesets/map.drl.xlsx");
        Files.createDirectories(sample.getParent());
        Files.write(sample, RulesetVariants.edited(Files.readAllBytes(map),
                sheet -> sheet.getRow(13).getCell(1).setCellValue(41.99)));
    }
}
