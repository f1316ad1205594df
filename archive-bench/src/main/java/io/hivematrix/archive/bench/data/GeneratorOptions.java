package io.hivematrix.archive.bench.data;

import java.util.HashMap;
import java.util.Map;

/**
 * The generator's command line:
 * {@code --jdbc-url U [--user postgres] [--password P] [--count N] [--seed S] [--threads T] [--batch B]
 * [--max-lines L]}; {@code --max-lines} (3-12, default 12) keeps each bill's first L lines, for a data set that has
 * to fit a disk (ten million bills of up to 12 lines take about 65 GB).
 */
record GeneratorOptions(String jdbcUrl, String user, String password, long count, long seed, int threads, int batch,
                        int maxLines) {
    GeneratorOptions {
        if (maxLines < 3 || maxLines > BillLines.MAX_LINES) {
            throw new IllegalArgumentException("--max-lines must be between 3 and " + BillLines.MAX_LINES);
        }
    }

    static GeneratorOptions parse(String[] args) {
        Map<String, String> values = Flags.parse(args);
        return new GeneratorOptions(Flags.required(values, "jdbc-url"), values.getOrDefault("user", "postgres"),
                values.get("password"), Long.parseLong(values.getOrDefault("count", "1000000")),
                Long.parseLong(values.getOrDefault("seed", "42")),
                Integer.parseInt(values.getOrDefault("threads", "2")),
                Integer.parseInt(values.getOrDefault("batch", "1000")),
                Integer.parseInt(values.getOrDefault("max-lines", Integer.toString(BillLines.MAX_LINES))));
    }

    /** {@code --name value} pairs, shared by the bench tools. */
    static final class Flags {
        private Flags() {
        }

        static Map<String, String> parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 == args.length) {
                    throw new IllegalArgumentException("expected --name value pairs, got: " + args[i]);
                }
                values.put(args[i].substring(2), args[++i]);
            }
            return values;
        }

        static String required(Map<String, String> values, String name) {
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return value;
        }
    }
}
