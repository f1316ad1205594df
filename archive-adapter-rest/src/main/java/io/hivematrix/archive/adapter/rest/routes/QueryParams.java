package io.hivematrix.archive.adapter.rest.routes;

import io.helidon.common.parameters.Parameters;
import io.hivematrix.archive.application.port.in.FieldError;
import io.hivematrix.archive.application.port.in.PageRequest;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.IsoDate;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the search and paging query parameters, collecting every malformed one so a single 400 can
 * name them all. An empty (or blank) value counts as absent, as it did in the original service.
 */
public final class QueryParams {
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,15}(\\.\\d{1,10})?");

    private final Parameters query;
    private final List<FieldError> errors = new ArrayList<>();

    public QueryParams(Parameters query) {
        this.query = query;
    }

    public SnapshotFilter filter() {
        AccountNumber account = parse("account_number", AccountNumber::new);
        Integer year = parse("year", text -> BillingPeriod.requireYear(integer(text)));
        Integer month = parse("month", text -> BillingPeriod.requireMonth(integer(text)));
        LocalDate fromDate = parse("from_date", IsoDate::parse);
        LocalDate toDate = parse("to_date", IsoDate::parse);
        String company = parse("company", text -> {
            if (text.length() > SnapshotFilter.MAX_COMPANY_TEXT || text.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("must be at most " + SnapshotFilter.MAX_COMPANY_TEXT
                        + " characters of text");
            }
            return text;
        });
        BillingPeriod fromPeriod = parse("from_period", BillingPeriod::parse);
        BillingPeriod toPeriod = parse("to_period", BillingPeriod::parse);
        Money minTotal = parse("min_total", text -> new Money(decimal(text)));
        Money maxTotal = parse("max_total", text -> new Money(decimal(text)));
        if (!errors.isEmpty()) {
            return null;
        }
        return new SnapshotFilter(account, year, month, fromDate, toDate, company, fromPeriod, toPeriod, minTotal,
                maxTotal);
    }

    /** Offset or cursor paging; a limit above the maximum is lowered to it, as the original did. */
    public PageRequest page() {
        Integer limit = parse("limit", text -> {
            int value = integer(text);
            if (value < 1) {
                throw new IllegalArgumentException("must be at least 1");
            }
            return Math.min(value, PageRequest.MAX_LIMIT);
        });
        Integer offset = parse("offset", text -> {
            int value = integer(text);
            if (value < 0) {
                throw new IllegalArgumentException("must not be negative");
            }
            return value;
        });
        SnapshotCursor cursor = parse("cursor", SnapshotCursor::decode);
        if (cursor != null && offset != null && offset != 0) {
            errors.add(new FieldError("cursor", "use either offset or cursor, not both"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new PageRequest(limit == null ? PageRequest.DEFAULT_LIMIT : limit, offset == null ? 0 : offset, cursor);
    }

    /**
     * A whole number of at least {@code min}, or {@code fallback} when absent; a malformed one is named in
     * {@link #errors()}.
     */
    public int wholeNumber(String name, int fallback, int min) {
        String value = query.first(name).orElse("");
        if (value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "must be a whole number of at least " + min));
            return fallback;
        }
    }

    public List<FieldError> errors() {
        return errors;
    }

    private <T> T parse(String name, Function<String, T> parser) {
        String value = query.first(name).orElse("");
        if (value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            errors.add(new FieldError(name, e.getMessage() == null ? "is malformed" : e.getMessage()));
            return null;
        }
    }

    private static int integer(String text) {
        if (!INTEGER.matcher(text).matches()) {
            throw new IllegalArgumentException("must be a whole number");
        }
        return Integer.parseInt(text);
    }

    private static BigDecimal decimal(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("must be a decimal number such as 1875.00");
        }
        return new BigDecimal(text);
    }
}
