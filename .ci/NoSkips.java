import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Fails CI when any test was skipped: reads every target/surefire-reports/*.xml and target/failsafe-reports/*.xml
 * under the given root (a JUnit assumption that does not hold is reported there as skipped, so a security test that
 * needs a superuser, or the browser test without Chromium, would otherwise pass CI silently). A skip meant on purpose
 * goes in the allow-list file, one "class#test" a line ("class#*" for a whole class), with a comment saying why.
 *
 * <p>Usage: {@code java .ci/NoSkips.java <root> <allow-list>}; exit 1 listing each skipped test, 0 when none.
 */
public class NoSkips {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        List<String> allowed = args.length > 1 ? allowList(Path.of(args[1])) : List.of();
        List<Path> reports;
        try (Stream<Path> files = Files.walk(root, 4)) { // deep enough for <module>/target/<plugin>-reports/
            reports = files.filter(NoSkips::isReport).sorted().toList();
        }
        if (reports.isEmpty()) {
            // No reports at all means no tests ran: that is not "nothing skipped".
            System.err.println("no-skips: no test reports under " + root.toAbsolutePath());
            System.exit(1);
        }
        List<String> skipped = new ArrayList<>();
        int tests = 0;
        int allowedSkips = 0;
        var factory = DocumentBuilderFactory.newInstance();
        for (Path report : reports) {
            Element suite = factory.newDocumentBuilder().parse(report.toFile()).getDocumentElement();
            NodeList cases = suite.getElementsByTagName("testcase");
            int skippedCases = 0;
            for (int i = 0; i < cases.getLength(); i++) {
                Element test = (Element) cases.item(i);
                tests++;
                if (test.getElementsByTagName("skipped").getLength() == 0) {
                    continue;
                }
                skippedCases++;
                String id = test.getAttribute("classname") + "#" + test.getAttribute("name");
                if (isAllowed(id, allowed)) {
                    allowedSkips++;
                } else {
                    skipped.add(id + "  (" + why((Element) test.getElementsByTagName("skipped").item(0)) + ")  in "
                            + root.relativize(report));
                }
            }
            // A class skipped as a whole (an assumption in @BeforeAll, as WebUiBrowserIT and AuditRuntimeRoleIT make)
            // leaves a report with no test case at all and skipped="0": no test of the class ran, so it counts as
            // skipped. A suite that counts more skips than it lists is caught the same way.
            String declared = suite.getAttribute("skipped");
            boolean noneRan = cases.getLength() == 0;
            boolean unlisted = !declared.isEmpty() && Integer.parseInt(declared) > skippedCases;
            if ((noneRan || unlisted) && !isAllowed(suite.getAttribute("name") + "#*", allowed)) {
                skipped.add(suite.getAttribute("name") + "#*  (" + (noneRan ? "no test of the class ran"
                        : declared + " skipped in the suite") + ")  in " + root.relativize(report));
            }
        }
        if (!skipped.isEmpty()) {
            System.err.println("no-skips: " + skipped.size() + " test(s) skipped; in CI a skipped test is a failure"
                    + " (make it run here, or allow it with a reason in the allow-list):");
            skipped.forEach(s -> System.err.println("  SKIPPED " + s));
            System.exit(1);
        }
        System.out.println("no-skips: " + tests + " tests in " + reports.size() + " reports, "
                + (allowedSkips == 0 ? "none skipped" : allowedSkips + " skipped as the allow-list permits"));
    }

    /** <module>/target/(surefire|failsafe)-reports/TEST-*.xml: the one file per test class both plugins write. */
    private static boolean isReport(Path p) {
        Path dir = p.getParent();
        return p.getFileName().toString().matches("TEST-.*\\.xml") && dir != null
                && dir.getFileName().toString().matches("(surefire|failsafe)-reports")
                && dir.getParent() != null && dir.getParent().getFileName().toString().equals("target");
    }

    /** The assumption's message: surefire writes it as an attribute, or as the first line of the stack trace. */
    private static String why(Element skipped) {
        String message = skipped.getAttribute("message");
        if (message.isEmpty()) {
            message = skipped.getTextContent().strip().lines().findFirst().orElse("");
        }
        return message.replace("org.opentest4j.TestAbortedException: ", "");
    }

    private static List<String> allowList(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static boolean isAllowed(String id, List<String> allowed) {
        return allowed.stream().anyMatch(a -> a.endsWith("#*")
                ? id.startsWith(a.substring(0, a.length() - 1)) : id.equals(a));
    }
}
