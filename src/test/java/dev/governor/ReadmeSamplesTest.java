package dev.governor;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.auth.Role;
import dev.governor.core.Json;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ReadmeSamplesTest runs every curl of the README and of the guides in docs/guides, in order, against
 * a fresh server with the demo users: the README's examples on a server of their own, as a reader
 * trying them on a new server would, and the guides as one walk-through on another, in the order
 * they continue one another. It checks each answer against the output the document shows (in full,
 * or — in a block marked {@code json abridged} — the fields and first items shown) and, in the
 * guides, against the sample's kept {@code .response.json}, so no document can go stale. The
 * samples are dated {@code YYYY}, the year after the server's today, as the documents'
 * {@code sed "s/YYYY/$YEAR/g" … | curl … -d @-} fills them in.
 * Each walk-through runs twice: on a fixed clock (22 November 2026), where every figure and time
 * must match, and on the real clock, where only the instants of the run (created, expires, waited)
 * may differ. Run with {@code -Dreadme.update=true} to rewrite the kept responses and the output
 * blocks from the live answers on the fixed clock.
 */
class ReadmeSamplesTest {

    /** The README's examples, on a server of their own. */
    static final List<Path> README = List.of(Path.of("README.md"));
    /** The guides, one walk-through on one server, in the order they continue one another. */
    static final List<Path> GUIDES = List.of(Path.of("docs/guides/channel-leads.md"),
            Path.of("docs/guides/approvers.md"), Path.of("docs/guides/finance.md"),
            Path.of("docs/guides/operations.md"), Path.of("docs/guides/media-budget.md"),
            Path.of("docs/guides/administrators.md"));
    private static final Pattern URL = Pattern.compile("\"?localhost:7070(/[^\"\\s]*)\"?");
    private static final Pattern METHOD = Pattern.compile("-X\\s+(\\w+)");
    private static final Pattern TOKEN = Pattern.compile("Bearer \\$(\\w+)_TOKEN");
    private static final Pattern CONTENT_TYPE = Pattern.compile("-H \"Content-Type: ([^\"]+)\"");
    private static final Pattern DATA = Pattern.compile("(?:-d|--data-binary) @(\\S+)");
    private static final Pattern DATED = Pattern.compile("^sed \"s/YYYY/\\$YEAR/g\" (\\S+) \\| (curl .*)$");
    /** A year as it stands in a date or an ISO week ({@code 2027-12-01}, {@code 2027-W49}), not in other numbers. */
    private static final String DATED_YEAR = "(?<![0-9])%s(?=-(?:W[0-9]{2}|[0-9]{2}-[0-9]{2}))";
    private static final Pattern INSTANT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z");
    private static final java.time.Instant FIXED = java.time.Instant.parse("2026-11-22T15:00:00Z");
    private static final Pattern FORM = Pattern.compile("-F \"([^=\"]+)=@([^\"]+)\"");
    private static final ObjectMapper EXACT = Json.MAPPER.copy().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final boolean UPDATE = Boolean.getBoolean("readme.update");

    /** Curl is one curl line of a document, and where its output block sits, if it has one, and whether it is abridged. */
    record Curl(String line, int outputStart, int outputEnd, boolean abridged) {
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> walkThroughs() {
        return java.util.stream.Stream.of(true, false).flatMap(fixedClock -> java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("README", README, fixedClock),
                org.junit.jupiter.params.provider.Arguments.of("the guides", GUIDES, fixedClock)));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}, on the fixed clock: {2}")
    @org.junit.jupiter.params.provider.MethodSource("walkThroughs")
    void everyCurlAnswersAsDocumented(String name, List<Path> documents, boolean fixedClock) throws IOException {
        // kept responses belong to the guides' walk-through: the README's own examples run on a fresh server
        boolean keptResponses = documents == GUIDES;
        java.time.Clock clock = fixedClock ? org.threeten.extra.MutableClock.of(FIXED, java.time.ZoneOffset.UTC)
                : java.time.Clock.systemUTC();
        boolean update = UPDATE && fixedClock;
        String year = String.valueOf(java.time.LocalDate.now(clock).getYear() + 1);
        int replayed = 0;
        try (TestServer server = TestServer.withDemoUsers().withClock(clock).start()) {
            for (Path document : documents) {
                List<String> lines = new ArrayList<>(Files.readAllLines(document));
                List<Curl> curls = curls(lines);
                assertThat(curls).as("curls in %s", document).isNotEmpty();
                List<String[]> rewrites = new ArrayList<>();
                for (Curl curl : curls) {
                    replayed++;
                    String where = document + ": " + curl.line();
                    TestServer.Answer answer = run(server, curl.line(), year);
                    Path kept = keptResponses ? kept(curl.line()) : null;
                    if ((kept == null || !(Files.exists(kept) || update)) && curl.outputStart() < 0) {
                        assertThat(answer.status()).as(where).isBetween(200, 299);
                        continue;
                    }
                    JsonNode live = EXACT.readTree(answer.body());
                    TestServer.assertPlainNumbers(live, where);
                    if (kept == null) {
                        assertThat(answer.status()).as(where).isBetween(200, 299);
                    } else if (update) {
                        Files.writeString(kept, undated(pretty(live), year) + "\n");
                    } else {
                        assertThat(comparable(live, fixedClock)).as("%s against %s", where, kept)
                                .isEqualTo(comparable(EXACT.readTree(dated(Files.readString(kept), year)), fixedClock));
                    }
                    if (curl.outputStart() >= 0) {
                        String shownText = String.join("\n", lines.subList(curl.outputStart(), curl.outputEnd()));
                        JsonNode shown = EXACT.readTree(dated(shownText, year));
                        JsonNode expected = curl.abridged() ? abridged(live, shown) : live;
                        rewrites.add(new String[] {String.valueOf(curl.outputStart()), String.valueOf(curl.outputEnd()),
                                undated(pretty(expected), year)});
                        if (!update) {
                            assertThat(comparable(shown, fixedClock)).as("output shown after %s", where)
                                    .isEqualTo(comparable(expected, fixedClock));
                        }
                    }
                }
                if (update) {
                    // rewritten from the bottom up so earlier line numbers stay valid
                    for (int i = rewrites.size() - 1; i >= 0; i--) {
                        String[] rewrite = rewrites.get(i);
                        int start = Integer.parseInt(rewrite[0]);
                        int end = Integer.parseInt(rewrite[1]);
                        lines.subList(start, end).clear();
                        lines.addAll(start, List.of(rewrite[2].split("\n")));
                    }
                    Files.writeString(document, String.join("\n", lines) + "\n");
                }
            }
        }
        assertThat(replayed).as("curls replayed in %s", name).isGreaterThanOrEqualTo(keptResponses ? 12 : 6);
    }

    /** The kept response of the sample a curl sends, or null when it sends none. */
    private static Path kept(String line) {
        Matcher data = DATA.matcher(line);
        Matcher form = FORM.matcher(line);
        Matcher dated = DATED.matcher(line);
        return dated.find() ? keptResponse(Path.of(dated.group(1)))
                : data.find() ? keptResponse(Path.of(data.group(1)))
                : form.find() ? keptResponse(Path.of(form.group(2))) : null;
    }

    /**
     * {@code live} cut to what {@code shown} shows: of an object only the fields shown, of a list only
     * as many first items as shown, each cut the same way; any other value whole. An abridged block
     * then matches when every field and item it shows is the live one.
     */
    static JsonNode abridged(JsonNode live, JsonNode shown) {
        if (live instanceof ObjectNode object && shown instanceof ObjectNode wanted) {
            ObjectNode cut = EXACT.createObjectNode();
            wanted.fieldNames().forEachRemaining(field -> {
                if (object.has(field)) {
                    cut.set(field, abridged(object.get(field), wanted.get(field)));
                }
            });
            return cut;
        }
        if (live instanceof com.fasterxml.jackson.databind.node.ArrayNode array
                && shown instanceof com.fasterxml.jackson.databind.node.ArrayNode wanted) {
            var cut = EXACT.createArrayNode();
            for (int i = 0; i < Math.min(array.size(), wanted.size()); i++) {
                cut.add(abridged(array.get(i), wanted.get(i)));
            }
            return cut;
        }
        return live;
    }

    /**
     * Every curl in a bash block; the first json block after that bash block shows the first curl that
     * sends a file, or the block's only curl.
     */
    static List<Curl> curls(List<String> lines) {
        List<Curl> curls = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().equals("```bash")) {
                continue;
            }
            List<String> block = new ArrayList<>();
            int j = i + 1;
            for (; j < lines.size() && !lines.get(j).trim().equals("```"); j++) {
                if (lines.get(j).trim().startsWith("curl ") || DATED.matcher(lines.get(j).trim()).find()) {
                    block.add(lines.get(j).trim());
                }
            }
            int outputStart = -1;
            int outputEnd = -1;
            boolean abridged = false;
            for (int k = j + 1; k < lines.size(); k++) {
                String line = lines.get(k).trim();
                if (line.equals("```json") || line.equals("```json abridged")) {
                    abridged = line.endsWith("abridged");
                    outputStart = k + 1;
                    outputEnd = outputStart;
                    while (!lines.get(outputEnd).trim().equals("```")) {
                        outputEnd++;
                    }
                    break;
                }
                if (line.startsWith("```") || line.startsWith("#")) {
                    break;
                }
            }
            boolean outputTaken = false;
            for (String curl : block) {
                boolean takesOutput = !outputTaken && outputStart >= 0
                        && (DATA.matcher(curl).find() || DATED.matcher(curl).find() || block.size() == 1);
                curls.add(new Curl(curl, takesOutput ? outputStart : -1, takesOutput ? outputEnd : -1,
                        takesOutput && abridged));
                outputTaken |= takesOutput;
            }
            i = j;
        }
        return curls;
    }

    /**
     * Sends one README curl; a dated sample ({@code sed "s/YYYY/$YEAR/g" FILE | curl … -d @-}) is sent
     * with {@code year} filled in, as is a {@code $YEAR} in the URL.
     */
    static TestServer.Answer run(TestServer server, String line, String year) throws IOException {
        Matcher dated = DATED.matcher(line);
        byte[] filled = null;
        String curl = line.replace("$YEAR", year);
        if (dated.find()) {
            filled = dated(Files.readString(Path.of(dated.group(1))), year).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            curl = dated.group(2).replace("$YEAR", year);
        }
        Matcher url = URL.matcher(curl);
        assertThat(url.find()).as("no localhost:7070 URL in %s", curl).isTrue();
        Matcher method = METHOD.matcher(curl);
        Matcher token = TOKEN.matcher(curl);
        Matcher contentType = CONTENT_TYPE.matcher(curl);
        Matcher data = DATA.matcher(curl);
        Matcher form = FORM.matcher(curl);
        Role role = token.find() ? role(token.group(1)) : null;
        HttpRequest.Builder request = server.request(url.group(1), role);
        HttpRequest.BodyPublisher body;
        if (form.find()) {
            body = HttpRequest.BodyPublishers.ofByteArray(Multipart.body(java.util.Map.of(form.group(1),
                    Files.readAllBytes(Path.of(form.group(2))))));
            request.header("Content-Type", Multipart.CONTENT_TYPE);
        } else {
            body = filled != null ? HttpRequest.BodyPublishers.ofByteArray(filled)
                    : data.find() ? HttpRequest.BodyPublishers.ofFile(Path.of(data.group(1)))
                    : HttpRequest.BodyPublishers.noBody();
            request.header("Content-Type", contentType.find() ? contentType.group(1) : "application/x-www-form-urlencoded");
        }
        request.method(method.find() ? method.group(1) : "GET", body);
        return server.send(request.build());
    }

    static Role role(String variable) {
        return switch (variable) {
            case "DTC" -> Role.DTC_LEAD;
            case "MARKETPLACE" -> Role.MARKETPLACE_LEAD;
            default -> Role.valueOf(variable.toUpperCase(Locale.ROOT));
        };
    }

    static Path keptResponse(Path sample) {
        String name = sample.getFileName().toString();
        return sample.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".response.json");
    }

    /** A kept text with the samples' YYYY turned into {@code year}. */
    static String dated(String text, String year) {
        return text.replace("YYYY", year);
    }

    /** A live answer with {@code year}, wherever it is a date's or a week's, written back as YYYY. */
    static String undated(String text, String year) {
        return text.replaceAll(DATED_YEAR.formatted(year), "YYYY");
    }

    static JsonNode withoutVolatile(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    /**
     * What must match: on the fixed clock everything but hashes and upload times; on the real clock also
     * not the instants the run itself sets (when a request was created, expires, was decided, waited).
     */
    static JsonNode comparable(JsonNode node, boolean fixedClock) {
        JsonNode copy = withoutVolatile(node);
        if (!fixedClock) {
            blurInstants(copy);
        }
        return copy;
    }

    private static void blurInstants(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("waiting");
            var names = new ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual()) {
                    object.put(name, INSTANT.matcher(value.asText()).replaceAll("<instant>"));
                }
            }
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, INSTANT.matcher(array.get(i).asText()).replaceAll("<instant>"));
                }
            }
        }
        node.forEach(ReadmeSamplesTest::blurInstants);
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            // hashes cover the ruleset version, which changes with any edit of a rule or a table
            object.remove(List.of("createdAt", "rulesetVersion", "submittedRulesetVersion", "contentHash", "hash",
                    "prevHash", "eventHash", "head", "uploadedAt"));
        }
        node.forEach(ReadmeSamplesTest::strip);
    }

    static String pretty(JsonNode node) throws IOException {
        return EXACT.writer(new DefaultPrettyPrinter().withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE))
                .writeValueAsString(node);
    }
}
