package dev.governor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.governor.core.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The error catalogue is {@link ErrorCode}: every code in it can be answered, every code has its
 * status in {@link Problems#statusOf}, and docs/API.md lists each one once with that status.
 */
class ErrorCatalogueTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_]+)` \\| (\\d{3}) \\|", Pattern.MULTILINE);

    @Test
    void everyCodeInTheCatalogueIsRaisedSomewhere() {
        JavaClasses governor = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.governor");
        Set<ErrorCode> raised = EnumSet.noneOf(ErrorCode.class);
        // an enum switch reads every constant in a synthetic class of its own; only real uses count
        governor.stream().filter(type -> !type.isEquivalentTo(ErrorCode.class) && !type.isAnonymousClass())
                .flatMap(type -> type.getFieldAccessesFromSelf().stream())
                .filter(access -> access.getTargetOwner().isEquivalentTo(ErrorCode.class))
                .filter(access -> !access.getOrigin().getOwner().isEquivalentTo(ErrorCode.class))
                .map(JavaFieldAccess::getName)
                .filter(name -> !name.startsWith("$"))
                .forEach(name -> raised.add(ErrorCode.valueOf(name)));
        assertThat(EnumSet.complementOf(EnumSet.copyOf(raised))).as("codes no code raises").isEmpty();
    }

    @Test
    void docsListEveryCodeOnceWithItsStatus() throws IOException {
        Matcher rows = ROW.matcher(Files.readString(Path.of("docs/API.md")));
        Map<String, Integer> listed = new LinkedHashMap<>();
        while (rows.find()) {
            assertThat(listed.put(rows.group(1), Integer.valueOf(rows.group(2)))).as("%s listed twice", rows.group(1))
                    .isNull();
        }
        Map<String, Integer> catalogue = new LinkedHashMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            catalogue.put(code.code(), Problems.statusOf(code));
        }
        assertThat(listed).containsExactlyInAnyOrderEntriesOf(catalogue);
    }

    @Test
    void theServersOwnErrorsAnswerWithCatalogueCodesOfTheirStatus() {
        for (int status : new int[] {400, 404, 405, 408, 413, 414, 431, 500, 503}) {
            assertThat(Problems.statusOf(Problems.codeFor(status))).as("status %d", status).isEqualTo(status);
        }
    }
}
