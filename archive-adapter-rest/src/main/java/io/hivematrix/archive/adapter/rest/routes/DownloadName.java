package io.hivematrix.archive.adapter.rest.routes;

import io.hivematrix.archive.domain.BillingPeriod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The CSV download's file name, {@code <Company_Name>_<YYYY>-<MM>.csv}: an ASCII {@code filename=} that
 * any client accepts, and the RFC 6266 / RFC 8187 {@code filename*=UTF-8''…} form that keeps non-ASCII letters.
 */
public final class DownloadName {
    private DownloadName() {
    }

    /** The {@code Content-Disposition} of a bill's CSV download, naming the company and the period. */
    public static String contentDisposition(String companyName, BillingPeriod period) {
        String suffix = "_" + period + ".csv";
        String ascii = reduce(companyName, true);
        String unicode = reduce(companyName, false);
        return "attachment; filename=\"" + (ascii.isEmpty() ? "invoice" : ascii) + suffix + "\"; filename*=UTF-8''"
                + URLEncoder.encode((unicode.isEmpty() ? "invoice" : unicode) + suffix, StandardCharsets.UTF_8)
                        .replace("+", "%20");
    }

    /** Letters and digits stay, spaces become underscores, '_' and '-' stay, everything else goes. */
    static String reduce(String name, boolean asciiOnly) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if (cp == ' ') {
                out.append('_');
            } else if (cp == '_' || cp == '-' || (asciiOnly ? isAsciiLetterOrDigit(cp) : Character.isLetterOrDigit(cp))) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static boolean isAsciiLetterOrDigit(int cp) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }
}
