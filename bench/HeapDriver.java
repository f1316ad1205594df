import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * bench/heap's driver: builds one of the large valid bills that bench/heap measures and posts it to a running
 * Archive, printing the status and the body's size ({@code 201 5242880}), or {@code 000 <size>} when no answer came
 * (the service died). With {@code list} it prints the class names, one per line.
 *
 * <p>Run with the JDK's source launcher: {@code java bench/HeapDriver.java list} or
 * {@code java bench/HeapDriver.java <base-url> <fixture> <class>}, the Ledger token in BENCH_LEDGER.
 */
public final class HeapDriver {
    private static final int MAX_BODY = 10 * 1024 * 1024;

    private HeapDriver() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("list")) {
            classes("").keySet().forEach(System.out::println);
            return;
        }
        String fixture = Files.readString(Path.of(args[1]));
        Supplier<String> body = classes(fixture).get(args[2]);
        if (body == null) {
            throw new IllegalArgumentException("unknown class " + args[2]);
        }
        byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(args[0] + "/api/snapshot"))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + System.getenv("BENCH_LEDGER"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        String status;
        try {
            status = String.valueOf(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (java.io.IOException e) {
            status = "000"; // no answer: the connection closed, as when the service ran out of memory and exited
        }
        System.out.println(status + " " + bytes.length);
    }

    /**
     * The bills measured, by name: each valid, each of a fresh company and invoice, so that it is written rather than
     * refused as another bill of the same company and month.
     */
    private static Map<String, Supplier<String>> classes(String fixture) {
        Map<String, Supplier<String>> classes = new LinkedHashMap<>();
        classes.put("fixture", () -> fixture.replace("\"invoice_number\": \"620547-202510\"",
                "\"invoice_number\": \"" + fresh() + "\"").replace("\"company_account_number\": \"620547\"",
                "\"company_account_number\": \"" + fresh() + "\""));
        classes.put("csv-5MiB", () -> bill("{\"total\":1}", "\"" + "a,b\\n".repeat(5 * 1024 * 1024 / 5) + "\"", "[]"));
        classes.put("users-120000", () -> bill(array("{\"name\":\"User 1\",\"type\":\"Paid\",\"cost\":100.0}",
                120_000), "\"x\"", "[]"));
        classes.put("keys-450000", () -> {
            StringBuilder keys = new StringBuilder("{");
            for (int i = 0; i < 450_000; i++) {
                keys.append(i == 0 ? "\"k" : ",\"k").append(i).append("\":1");
            }
            return bill(keys.append('}').toString(), "\"x\"", "[]");
        });
        // Just under the 500,000 values a body may hold, as are the two above; then the largest valid body of all, one
        // long string in the breakdown, just under the 10 MiB body limit.
        classes.put("decimals-490000", () -> bill(array("1.5", 490_000), "\"x\"", "[]"));
        classes.put("breakdown-string-10MiB", () -> bill("{\"memo\":\"" + "n".repeat(MAX_BODY - 1024) + "\"}",
                "\"x\"", "[]"));
        return classes;
    }

    private static String fresh() {
        return "HEAP-" + System.nanoTime();
    }

    private static String bill(String billingData, String csvLiteral, String lineItems) {
        return "{\"company_account_number\":\"" + fresh() + "\",\"invoice_number\":\"" + fresh()
                + "\",\"billing_year\":2025,\"billing_month\":10,\"total_amount\":1.00,\"invoice_csv\":" + csvLiteral
                + ",\"billing_data_json\":" + billingData + ",\"line_items\":" + lineItems + "}";
    }

    private static String array(String element, int count) {
        StringBuilder out = new StringBuilder(count * (element.length() + 1) + 2).append('[');
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append(element);
        }
        return out.append(']').toString();
    }
}
