package dev.governor.core;

import java.util.Locale;

/**
 * ErrorCode is the catalogue of every problem Governor answers with: each constant is one stable
 * {@code code} of a problem answer, written in lower case, with what it means to the caller. Code
 * throws {@link Refusal}s with these constants only; the HTTP layer gives each its status in one
 * table, and {@code ErrorCatalogueTest} checks that every constant here can be thrown and is listed
 * in docs/API.md.
 */
public enum ErrorCode {

    // the request as a whole could not be read
    MALFORMED_JSON("the body is not a JSON object, or not valid JSON; the detail says where"),
    JSON_TOO_COMPLEX("the JSON nests deeper, or holds a longer number, than any Governor request needs"),
    UNREADABLE_BODY("the body broke off or could not be read"),
    MALFORMED_CSV("a CSV body could not be read as CSV"),
    MALFORMED_MULTIPART("a multipart upload could not be read"),
    MULTIPART_EXPECTED("this endpoint takes multipart/form-data"),
    INVALID_PAGING("page must be 1 or more and size between 1 and 500"),
    BODY_TOO_LARGE("the body is longer than this endpoint takes"),

    // who is asking
    UNAUTHENTICATED("no bearer token was sent"),
    INVALID_TOKEN("the bearer token is unknown, revoked or expired"),
    FORBIDDEN_ROLE("none of the caller's roles may do this"),
    SELF_APPROVAL("nobody approves their own proposal"),
    NOT_PROPOSER("only the person who proposed it may withdraw a proposal"),
    UPLOADER_CANNOT_APPROVE("whoever uploaded a ruleset version does not approve its activation"),
    CODE_CHANGE_NOT_ALLOWED("only a rules engineer may upload a version that changes rule code"),

    // what was sent
    INVALID_REQUEST("one or more fields are invalid; errors has one entry per field"),
    INVALID_CSV("one or more CSV rows are invalid; errors has one entry per row and column"),
    EMPTY_BATCH("a batch holds no rows"),
    INVALID_NAME("a user name is 1 to 64 letters, digits or . _ @ -"),
    NO_ROLES("a user needs at least one role"),
    INVALID_EXPIRY("a token lives 1 to 3,650 days"),
    INVALID_PASSWORD("a password is 12 to 64 characters, at most 72 bytes in UTF-8"),
    RULESET_INVALID("the uploaded files do not compile; errors has one entry per file, sheet and cell or line"),
    DRAFT_CHECK_FAILED("the separate process that checks a code draft failed or ran out of time"),

    // nothing by that name
    NOT_FOUND("no such endpoint or id"),
    PROPOSAL_NOT_FOUND("there is no such price or promo proposal"),
    APPROVAL_NOT_FOUND("there is no such approval request"),
    ALLOCATION_NOT_FOUND("there is no such allocation"),
    BUDGET_SHIFT_NOT_FOUND("there is no such budget shift"),
    RULESET_NOT_FOUND("there is no such ruleset version"),
    FILE_NOT_FOUND("the ruleset version has no file by that name"),
    UNKNOWN_USER("there is no user by that name"),

    // the state does not allow it
    ALREADY_DECIDED("the request was decided or withdrawn already"),
    ALREADY_SIGNED("the caller already approved this request; another approver is needed"),
    APPROVAL_EXPIRED("the request's time to decide has passed"),
    BLOCKED_ON_RECHECK("re-checked under the rules in force now, the subject is refused"),
    RECHECK_FAILED("the subject can no longer be checked (for example, its SKU left the catalog)"),
    CONTENT_MISMATCH("the proposal's stored content no longer matches the hash it was approved for"),
    NO_APPROVAL_ROUTE("the RACI table has no row for this subject"),
    NO_ALLOCATION_RULE("the allocation tables do not say how to treat this SKU"),
    WEEK_OVER("the budget week has ended"),
    CATALOG_IN_USE("a catalog replacement removes rows that waiting records still need"),
    CONFIRM_REMOVAL("a catalog replacement removes products or prices: repeat it with ?confirm=remove"),
    USER_EXISTS("a user by that name exists"),
    ALREADY_REVOKED("the user's access is revoked already"),
    SELF_REVOKE("nobody revokes their own account"),
    ALREADY_ACTIVE("the ruleset version is in force already"),
    ALREADY_SCHEDULED("the ruleset version is scheduled already"),
    ALREADY_ON_VERSION_IN_FORCE("the draft is built on the version in force already"),
    NOT_A_DRAFT("only a draft can be rebased or discarded"),
    NOT_A_ROLLBACK("an emergency activation only puts back a version that was in force before"),
    EXAMPLES_FAILING("the version's example cases do not give the expected results"),
    CODE_NOT_APPROVED("the version changes rule code that was never approved"),
    REBASE_NEEDED("the draft is built on a version no longer in force; rebase it"),
    REBASE_CONFLICT("a file changed both in the draft and in the version in force"),
    NO_CHANGE("the upload is identical to the version it is built on"),

    // Governor cannot serve it now
    OVERLOADED("too many checks wait for a turn; retry after the Retry-After seconds"),
    SHUTTING_DOWN("Governor is stopping; retry on another instance or in a moment"),

    // raised by the HTTP server itself, before Governor's code runs
    BAD_REQUEST("the request could not be read as HTTP"),
    METHOD_NOT_ALLOWED("the endpoint exists but not with this method"),
    REQUEST_TIMEOUT("the body came too slowly"),
    URI_TOO_LONG("the URI is longer than 8 KB"),
    HEADERS_TOO_LARGE("the headers are larger than 8 KB"),
    UNAVAILABLE("the server cannot take the request now"),
    INTERNAL_ERROR("Governor failed; the failure is logged with the request id");

    private final String meaning;

    ErrorCode(String meaning) {
        this.meaning = meaning;
    }

    /** The code as answers carry it, e.g. {@code no_approval_route}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the code tells the caller, in one line. */
    public String meaning() {
        return meaning;
    }

    @Override
    public String toString() {
        return code();
    }
}
