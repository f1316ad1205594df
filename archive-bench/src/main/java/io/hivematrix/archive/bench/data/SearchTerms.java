package io.hivematrix.archive.bench.data;

import io.hivematrix.archive.domain.SnapshotCursor;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Derives the queries bench/large replays from the data actually loaded: existing account numbers, company-name
 * terms in three selectivity classes (rare, medium, common), and the keyset cursor of a deep page, encoded
 * by the service's own {@link SnapshotCursor}. Files are {@code <url-encoded term>\t<matching rows>\t<term>} lines.
 * Usage: {@code --jdbc-url U [--user postgres] --out DIR [--seed S] [--page-size 100] [--deep-page 10000]}.
 */
public final class SearchTerms {
    private static final int TERMS_PER_CLASS = 300;
    /** Up to 0.1 % of all rows is "rare", above 5 % "common"; "medium" between is what most single words match. */
    private static final double RARE = 0.001;
    private static final double COMMON = 0.05;

    private SearchTerms() {
    }

    public static void main(String[] args) throws SQLException, IOException {
        Map<String, String> flags = GeneratorOptions.Flags.parse(args);
        Path out = Path.of(GeneratorOptions.Flags.required(flags, "out"));
        Random random = new Random(Long.parseLong(flags.getOrDefault("seed", "7")));
        Files.createDirectories(out);
        try (Connection connection = DriverManager.getConnection(GeneratorOptions.Flags.required(flags, "jdbc-url"),
                flags.getOrDefault("user", "postgres"), null)) {
            accounts(connection, out.resolve("accounts.txt"), random);
            long total = companyTerms(connection, out, random);
            deepCursor(connection, out.resolve("cursor.txt"), total,
                    Integer.parseInt(flags.getOrDefault("page-size", "100")),
                    Integer.parseInt(flags.getOrDefault("deep-page", "10000")));
        }
    }

    private static void accounts(Connection connection, Path file, Random random) throws SQLException, IOException {
        List<String> accounts = column(connection, "SELECT company_account_number FROM billing_snapshots GROUP BY 1");
        Collections.shuffle(accounts, random);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            for (String account : accounts.subList(0, Math.min(1_000, accounts.size()))) {
                w.println(account + "\t\t" + account);
            }
        }
        System.out.printf(Locale.ROOT, "terms: %,d accounts, %,d sampled%n", accounts.size(),
                Math.min(1_000, accounts.size()));
    }

    /** Counts what each candidate term matches over the distinct names (weighted by their rows), then classifies. */
    private static long companyTerms(Connection connection, Path out, Random random) throws SQLException, IOException {
        Map<String, Long> names = new LinkedHashMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT company_name, count(*) FROM billing_snapshots GROUP BY 1")) {
            while (rs.next()) {
                names.put(rs.getString(1), rs.getLong(2));
            }
        }
        long total = names.values().stream().mapToLong(Long::longValue).sum();
        List<String> lowerNames = new ArrayList<>();
        long[] rows = new long[names.size()];
        for (Map.Entry<String, Long> name : names.entrySet()) {
            rows[lowerNames.size()] = name.getValue();
            lowerNames.add(name.getKey().toLowerCase(Locale.ROOT));
        }
        Map<String, String> candidates = candidates(names.keySet(), random);
        Map<String, List<String>> classes = new LinkedHashMap<>();
        for (String c : List.of("rare", "medium", "common")) {
            classes.put(c, new ArrayList<>());
        }
        for (Map.Entry<String, String> candidate : candidates.entrySet()) {
            long matches = 0;
            for (int i = 0; i < lowerNames.size(); i++) {
                if (lowerNames.get(i).contains(candidate.getKey())) {
                    matches += rows[i];
                }
            }
            double share = (double) matches / total;
            String kind = share <= RARE ? "rare" : share <= COMMON ? "medium" : "common";
            String term = candidate.getValue();
            classes.get(kind).add(URLEncoder.encode(term, StandardCharsets.UTF_8).replace("+", "%20") + "\t" + matches
                    + "\t" + term);
        }
        for (Map.Entry<String, List<String>> kind : classes.entrySet()) {
            List<String> terms = kind.getValue();
            Collections.shuffle(terms, random);
            List<String> kept = terms.subList(0, Math.min(TERMS_PER_CLASS, terms.size()));
            Files.write(out.resolve("company-" + kind.getKey() + ".txt"), kept);
            long[] counts = kept.stream().mapToLong(t -> Long.parseLong(t.split("\t")[1])).sorted().toArray();
            System.out.printf(Locale.ROOT, "terms: company-%s: %d terms, median %,d matching rows (%s)%n", kind.getKey(),
                    kept.size(), counts.length == 0 ? 0 : counts[counts.length / 2],
                    kept.stream().limit(5).map(t -> t.split("\t")[2]).toList());
        }
        return total;
    }

    /**
     * Terms a person might search for, taken from a sample of real names: whole names, single words, word pairs
     * and 3–4 letter fragments; keyed by their lower-case form, valued as typed.
     */
    private static Map<String, String> candidates(Collection<String> names, Random random) {
        Map<String, String> candidates = new LinkedHashMap<>();
        List<String> sample = new ArrayList<>(names);
        Collections.shuffle(sample, random);
        for (String name : sample.subList(0, Math.min(600, sample.size()))) {
            String[] words = name.split(" ");
            candidates.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            for (int i = 0; i < words.length; i++) {
                if (words[i].length() >= 3) {
                    candidates.putIfAbsent(words[i].toLowerCase(Locale.ROOT), typed(words[i], random));
                    // Fragments of 3–4 letters: the shortest text the trigram index can serve.
                    int from = random.nextInt(words[i].length() - 2);
                    String fragment = words[i].substring(from, Math.min(words[i].length(), from + 3 + random.nextInt(2)));
                    candidates.putIfAbsent(fragment.toLowerCase(Locale.ROOT), fragment.toLowerCase(Locale.ROOT));
                }
                if (i + 1 < words.length && !words[i].equals("&") && !words[i + 1].equals("&")) {
                    String pair = words[i] + " " + words[i + 1];
                    candidates.putIfAbsent(pair.toLowerCase(Locale.ROOT), typed(pair, random));
                }
            }
        }
        return candidates;
    }

    /** Half the terms as a person types them (lower case), half as written; ILIKE must match both. */
    private static String typed(String text, Random random) {
        return random.nextBoolean() ? text.toLowerCase(Locale.ROOT) : text;
    }

    /** The cursor whose next page is page {@code deepPage} (1-based) of the unfiltered newest-first order. */
    private static void deepCursor(Connection connection, Path file, long total, int pageSize, int wantedPage)
            throws SQLException, IOException {
        int page = (int) Math.max(2, Math.min(wantedPage, total / pageSize));
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT archived_at, id FROM billing_snapshots ORDER BY archived_at DESC, id DESC OFFSET ? LIMIT 1")) {
            st.setLong(1, (long) (page - 1) * pageSize - 1);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                SnapshotCursor cursor = new SnapshotCursor(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getLong(2));
                Files.writeString(file, page + "\t" + cursor.encode() + "\n");
                System.out.printf(Locale.ROOT, "terms: page %,d (rows %,d..) starts after cursor %s%n", page,
                        (long) (page - 1) * pageSize + 1, cursor.encode());
            }
        }
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
