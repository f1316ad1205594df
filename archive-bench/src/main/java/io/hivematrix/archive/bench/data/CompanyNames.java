package io.hivematrix.archive.bench.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Company names built from word lists with a skewed pick, so a single word matches anything from a handful
 * of companies to a few percent of them, and suffixes like "LLC" match a large share: what a substring
 * search meets in a real customer base.
 */
final class CompanyNames {
    static final List<String> FIRST = List.of("Summit", "Harbor", "Pinnacle", "Cedar", "Blue", "Northern", "Granite",
            "Riverside", "Evergreen", "Atlas", "Beacon", "Coastal", "Keystone", "Liberty", "Meridian", "Oak", "Pioneer",
            "Sterling", "Valley", "Apex", "Bright", "Canyon", "Crescent", "Eagle", "Falcon", "Frontier", "Golden",
            "Heritage", "Horizon", "Iron", "Lakeside", "Maple", "Mountain", "Orchard", "Pacific", "Prairie", "Redwood",
            "Silver", "Stone", "Sunrise", "Trinity", "Union", "Vista", "Willow", "Aspen", "Birch", "Copper", "Delta",
            "Emerald", "Fairview", "Gateway", "Highland", "Juniper", "Kingston", "Lighthouse", "Magnolia", "Noble",
            "Olympic", "Patriot", "Quarry", "Ridgeline", "Sapphire", "Tidewater", "Upland", "Vanguard", "Westgate",
            "Yellowstone", "Zenith", "Alder", "Bayview", "Cobalt", "Driftwood", "Ember", "Foxglove", "Glacier",
            "Hollow", "Indigo", "Jasper", "Kestrel", "Lantern");
    static final List<String> INDUSTRY = List.of("Dental", "Logistics", "Legal", "Accounting", "Realty",
            "Construction", "Medical", "Veterinary", "Insurance", "Engineering", "Marketing", "Consulting",
            "Manufacturing", "Architecture", "Plumbing", "Electric", "Roofing", "Landscaping", "Auto", "Bakery",
            "Brewing", "Clinic", "Credit Union", "Design", "Distribution", "Energy", "Financial", "Fitness", "Foods",
            "Freight", "Health", "Hospitality", "Imaging", "Labs", "Learning", "Media", "Mortgage", "Motors",
            "Optometry", "Orthodontics", "Pharmacy", "Printing", "Properties", "Recovery", "Rehab", "Restaurants",
            "Robotics", "Security", "Solar", "Staffing", "Storage", "Surgical", "Systems", "Therapy", "Title",
            "Travel", "Trucking", "Wealth", "Wellness", "Winery");
    static final List<String> SURNAME = List.of("Miller", "Johnson", "Garcia", "Chen", "Patel", "Nguyen", "Kowalski",
            "O'Brien", "Schmidt", "Rossi", "Andersen", "Okafor", "Tanaka", "Dubois", "Silva", "Murphy", "Fischer",
            "Haddad", "Ivanova", "Larsen", "Moreau", "Novak", "Park", "Quinn", "Reyes", "Sato", "Thompson", "Walsh",
            "Young", "Zimmerman", "Abbott", "Becker", "Carter", "Donovan", "Ellis", "Foster", "Grant", "Hughes",
            "Keller", "Lambert");
    /** Weighted by repetition: LLC and Inc dominate, as in a real client list. */
    private static final List<String> SUFFIX = List.of("LLC", "LLC", "LLC", "LLC", "LLC", "LLC", "Inc", "Inc", "Inc",
            "Inc", "Corp", "Corp", "Group", "Group", "Partners", "Co.", "Ltd", "Associates", "PC", "PLLC", "", "", "");

    private CompanyNames() {
    }

    static String name(SplittableRandom rng) {
        int shape = rng.nextInt(100);
        String suffix = pickUniform(SUFFIX, rng);
        String name;
        if (shape < 45) {
            name = pick(FIRST, rng) + " " + pick(INDUSTRY, rng);
        } else if (shape < 70) {
            name = pick(SURNAME, rng) + " " + pick(INDUSTRY, rng);
        } else if (shape < 85) {
            name = pick(SURNAME, rng) + " & " + pick(SURNAME, rng);
            suffix = shape < 78 ? "LLP" : suffix;
        } else {
            name = pick(FIRST, rng) + " " + pick(FIRST, rng);
        }
        return suffix.isEmpty() ? name : name + " " + suffix;
    }

    /** Early words are picked far more often than late ones (a power-law skew), so selectivity varies widely. */
    private static String pick(List<String> words, SplittableRandom rng) {
        return words.get((int) (words.size() * Math.pow(rng.nextDouble(), 1.8)));
    }

    private static String pickUniform(List<String> words, SplittableRandom rng) {
        return words.get(rng.nextInt(words.size()));
    }
}
