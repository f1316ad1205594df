package io.hivematrix.archive.bench.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a company is billed for in one month: 3–12 grouped lines (users, assets by type, backup, billable hours,
 * licences and one-off items), priced from its plan with a yearly increase and its headcount's drift.
 */
final class BillLines {
    /** The most lines a generated bill has. */
    static final int MAX_LINES = 12;

    private BillLines() {
    }

    static List<BillLine> of(Company c, int month, YearMonth period, SplittableRandom rng) {
        // Prices rise 3% a year from 2016; headcount drifts with the company's growth and a little noise.
        BigDecimal inflation = BigDecimal.ONE.add(
                new BigDecimal("0.03").multiply(BigDecimal.valueOf(period.getYear() - CompanyRoster.FIRST_YEAR)));
        int years = (month - c.firstMonth()) / 12;
        int users = Math.max(1, c.baseUsers() + c.usersPerYear() * years + rng.nextInt(-1, 2));
        List<BillLine> lines = new ArrayList<>();
        int partTime = c.partTimeUsers() ? Math.max(1, users / 5) : 0;
        BigDecimal userRate = price(c.plan().userRate, inflation);
        lines.add(new BillLine("user", "Users (Paid)", "Managed users: " + (users - partTime) + " paid",
                "Managed Services", BigDecimal.valueOf(users - partTime), userRate));
        if (partTime > 0) {
            lines.add(new BillLine("user", "Users (Part-time)", "Managed users: " + partTime + " part-time",
                    "Managed Services", BigDecimal.valueOf(partTime),
                    userRate.divide(BigDecimal.TWO, 2, RoundingMode.HALF_UP)));
        }
        int workstations = Math.max(1, users * c.workstationsPer10Users() / 10);
        int laptops = users / 3;
        lines.add(asset("Workstation", workstations, price("15.00", inflation)));
        if (laptops > 0) {
            lines.add(asset("Laptop", laptops, price("15.00", inflation)));
        }
        if (c.servers() > 0) {
            lines.add(asset("Server", c.servers(), price("75.00", inflation)));
            lines.add(asset("Firewall", 1, price("25.00", inflation)));
        }
        if (users > 25) {
            lines.add(asset("Switch", 1 + users / 25, price("10.00", inflation)));
        }
        if (c.backup()) {
            BigDecimal overage = BigDecimal.valueOf(Math.max(0, years - 2 + rng.nextInt(0, 2)) * 25L, 2);
            lines.add(new BillLine("backup", "Backup Services", "Backup charges (base + " + overage + " TB overage)",
                    "Backup Services", BigDecimal.ONE,
                    price("75.00", inflation).add(overage.multiply(new BigDecimal("20")))));
        }
        int quarterHours = rng.nextInt(0, c.plan().typicalHours * 8 + 1);
        if (quarterHours > 0) {
            BigDecimal hours = BigDecimal.valueOf(quarterHours * 25L, 2);
            lines.add(new BillLine("ticket", "Billable Hours", "Billable Hours (" + hours + " hrs)", "Hourly Labor",
                    hours, price("100.00", inflation)));
        }
        if (c.m365()) {
            lines.add(new BillLine("custom", "Microsoft 365 Business Premium", "M365 licences",
                    "Microsoft 365 Business Premium", BigDecimal.valueOf(users), new BigDecimal("22.00")));
        }
        // Once a year, in a month fixed per company.
        if (period.getMonthValue() == (int) (c.seed() & 0xF) % 12 + 1) {
            lines.add(new BillLine("custom", "Domain renewal", "Annual domain renewal", "Domain renewal",
                    BigDecimal.ONE, new BigDecimal("20.00")));
        }
        if (rng.nextInt(100) < 8 || lines.size() < 3) {
            lines.add(new BillLine("custom", "Onsite visit", "Onsite visit (trip charge)", "Onsite visit",
                    BigDecimal.ONE, price("150.00", inflation)));
        }
        return lines.size() > MAX_LINES ? lines.subList(0, MAX_LINES) : lines;
    }

    private static BillLine asset(String type, int count, BigDecimal rate) {
        return new BillLine("asset", type + "s", "Assets: " + count + " x " + type, "Managed Services",
                BigDecimal.valueOf(count), rate);
    }

    private static BigDecimal price(String base, BigDecimal inflation) {
        return new BigDecimal(base).multiply(inflation).setScale(2, RoundingMode.HALF_UP);
    }
}
