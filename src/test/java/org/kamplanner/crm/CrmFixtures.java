package org.kamplanner.crm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A Salesforce-style account report and an HR list as a sales-operations analyst has them (issue 27):
 * German Excel CSV ({@code ;}, byte order mark, decimal commas, revenue with thousands separators) or .xlsx,
 * a report title above the header and the footer below it, cities with umlauts and in ASCII ("Muenchen"),
 * one name in two countries (Baden in Austria and in Switzerland), two Halles told apart by postal code,
 * owners written without umlauts ("Juergen Schaefer"), as "Last, First", and one owner who left (not on the
 * HR list). Deterministic: the same seed gives the same files. {@link #main} writes datasets/crm/.
 */
public final class CrmFixtures {

    /** A place as the export writes it: name, postal code, country as written. */
    record City(String name, String postalCode, String country) {
    }

    static final List<City> CITIES = List.of(
            new City("Berlin", "10115", "Deutschland"), new City("Hamburg", "20095", "Deutschland"),
            new City("München", "80331", "Deutschland"), new City("Muenchen", "80335", "Germany"),
            new City("Köln", "50667", "Deutschland"), new City("Koeln", "50668", "DE"),
            new City("Frankfurt am Main", "60311", "Deutschland"), new City("Stuttgart", "70173", "Deutschland"),
            new City("Düsseldorf", "40213", "Deutschland"), new City("Leipzig", "04109", "Deutschland"),
            new City("Dortmund", "44135", "Deutschland"), new City("Essen", "45127", "Deutschland"),
            new City("Bremen", "28195", "Deutschland"), new City("Dresden", "01067", "Deutschland"),
            new City("Hannover", "30159", "Deutschland"), new City("Nürnberg", "90402", "Deutschland"),
            new City("Bielefeld", "33602", "Deutschland"), new City("Bonn", "53111", "Deutschland"),
            new City("Münster", "48143", "Deutschland"), new City("Mannheim", "68159", "Deutschland"),
            new City("Karlsruhe", "76133", "Deutschland"), new City("Augsburg", "86150", "Deutschland"),
            new City("Wiesbaden", "65183", "Deutschland"), new City("Mönchengladbach", "41061", "Deutschland"),
            new City("Braunschweig", "38100", "Deutschland"), new City("Kiel", "24103", "Deutschland"),
            new City("Aachen", "52062", "Deutschland"), new City("Freiburg", "79098", "Deutschland"),
            new City("Lübeck", "23552", "Deutschland"), new City("Göttingen", "37073", "Deutschland"),
            new City("Würzburg", "97070", "Deutschland"), new City("Regensburg", "93047", "Deutschland"),
            new City("Ingolstadt", "85049", "Deutschland"), new City("Ulm", "89073", "Deutschland"),
            new City("Heilbronn", "74072", "Deutschland"), new City("Halle (Saale)", "06108", "Deutschland"),
            new City("Halle", "33790", "Deutschland"), new City("Erlangen", "91052", "Deutschland"),
            new City("Kassel", "34117", "Deutschland"), new City("Darmstadt", "64283", "Deutschland"),
            new City("Osnabrück", "49074", "Deutschland"), new City("Rostock", "18055", "Deutschland"),
            new City("Saarbrücken", "66111", "Deutschland"), new City("Mainz", "55116", "Deutschland"),
            new City("Potsdam", "14467", "Deutschland"), new City("Jena", "07743", "Deutschland"),
            new City("Magdeburg", "39104", "Deutschland"), new City("Erfurt", "99084", "Deutschland"),
            new City("Wolfsburg", "38440", "Deutschland"),
            new City("Wien", "1010", "Österreich"), new City("Graz", "8010", "Österreich"),
            new City("Linz", "4020", "Austria"), new City("Salzburg", "5020", "Österreich"),
            new City("Innsbruck", "6020", "Österreich"), new City("Klagenfurt", "9020", "Österreich"),
            new City("Baden", "2500", "Österreich"), new City("Villach", "9500", "AT"),
            new City("Zürich", "8001", "Schweiz"), new City("Zuerich", "8004", "Switzerland"),
            new City("Genf", "1201", "Schweiz"), new City("Basel", "4051", "Schweiz"),
            new City("Bern", "3011", "Schweiz"), new City("Lausanne", "1003", "Schweiz"),
            new City("Luzern", "6003", "Schweiz"), new City("St. Gallen", "9000", "Schweiz"),
            new City("Winterthur", "8400", "Schweiz"), new City("Baden", "5400", "Schweiz"),
            new City("Zug", "6300", "CH"));

    static final List<String> INDUSTRIES = List.of("Maschinenbau", "Manufacturing", "Automotive", "Chemie",
            "Retail", "Logistik", "Consulting", "Banking", "Versicherung", "Energy", "Erneuerbare Energien",
            "Software", "Technology", "Medizintechnik", "Electronics", "");

    private static final String[] FIRST = { "Anna", "Jürgen", "Sabine", "Lukas", "Monika", "Stefan", "Katrin",
            "Thomas", "Birgit", "Matthias", "Claudia", "Andreas", "Petra", "Michael", "Jana" };
    private static final String[] LAST = { "Schäfer", "Müller", "Weiß", "Köhler", "Groß", "Schröder", "Böhm",
            "Hoffmann", "Krüger", "Wagner", "Fuchs", "Lehmann" };
    private static final String[] COMPANY = { "Solarwerk", "Alpenstahl", "Rheintal Logistik", "Nordlicht Energie",
            "Präzision Fräs", "Bergmann Chemie", "Donau Software", "Südwind Versicherung", "Elbe Medtech",
            "Isar Consulting", "Hanse Handel", "Brenner Automotive", "Ötztal Elektronik", "Weser Bank" };
    private static final String[] FORM = { "GmbH", "AG", "GmbH & Co. KG", "KG", "SE" };

    /** One KAM of the HR list. */
    record Person(String name, String email, String userId, City home, String share, String years,
            String industries) {
    }

    /** One account row: what the export says, {@code owner} as the CRM spells it. */
    record Row(String id, String name, String street, City city, String industry, BigDecimal revenue, int employees,
            String owner) {
    }

    /** The owner who left: on the export, not on the HR list. */
    static final String LEFT = "Petra Ausgeschieden";

    final List<Person> team = new ArrayList<>();
    final List<Row> rows = new ArrayList<>();

    public CrmFixtures(int accounts, int kams, long seed) {
        Random random = new Random(seed);
        for (int k = 0; k < kams; k++) {
            String first = FIRST[k % FIRST.length];
            String last = LAST[(k * 7 + k / FIRST.length) % LAST.length];
            String name = first + " " + last + (k >= FIRST.length * LAST.length ? " " + k : "");
            String email = ascii(first + "." + last).toLowerCase(Locale.ROOT) + (k >= FIRST.length ? k : "")
                    + "@example.com";
            City home = CITIES.get(random.nextInt(CITIES.size()));
            String share = random.nextInt(5) == 0 ? (random.nextBoolean() ? "80 %" : "50 %") : "100 %";
            // Decimal comma, as the analyst's HR list has it ("6,5").
            String years = random.nextInt(4) == 0 ? (1 + random.nextInt(12)) + ",5" : String.valueOf(random.nextInt(20));
            int one = random.nextInt(INDUSTRIES.size() - 1); // the last industry is the empty one
            int other = (one + 1 + random.nextInt(INDUSTRIES.size() - 2)) % (INDUSTRIES.size() - 1);
            String industries = INDUSTRIES.get(one) + ", " + INDUSTRIES.get(other);
            team.add(new Person(name, email, String.format("005%012d", 100 + k), home, share, years, industries));
        }
        for (int a = 0; a < accounts; a++) {
            City city = CITIES.get(random.nextInt(CITIES.size()));
            String name = COMPANY[random.nextInt(COMPANY.length)] + " " + city.name().replaceAll(" .*", "") + " "
                    + FORM[random.nextInt(FORM.length)] + " " + (a + 1);
            // Revenue with a long tail, as customers have: most small, a few very large.
            BigDecimal revenue = BigDecimal.valueOf(Math.exp(12 + 3 * random.nextDouble() + random.nextGaussian()))
                    .setScale(2, RoundingMode.HALF_UP);
            // Owners look after their area, as sales teams are cut: one of the three KAMs living nearest.
            Person owner = nearest(city, 3).get(random.nextInt(3));
            int spelling = random.nextInt(10);
            String ownerName = a % 97 == 13 ? LEFT
                    : spelling == 0 ? ascii(owner.name())
                    : spelling == 1 ? owner.name().replaceFirst("^(\\S+) (.*)$", "$2, $1")
                    : owner.name();
            rows.add(new Row(String.format("001%012d", 5000 + a), name, "Hauptstraße " + (1 + random.nextInt(120)),
                    city, INDUSTRIES.get(random.nextInt(INDUSTRIES.size())), revenue, 10 + random.nextInt(5000),
                    ownerName));
        }
    }

    private final Gazetteer gazetteer = new Gazetteer();
    private final java.util.Map<City, Gazetteer.Place> places = new java.util.HashMap<>();

    private List<Person> nearest(City city, int count) {
        Gazetteer.Place here = place(city);
        return team.stream().sorted(java.util.Comparator.comparingDouble((Person p) -> distance(here, place(p.home())))
                .thenComparing(Person::name)).limit(count).toList();
    }

    private Gazetteer.Place place(City city) {
        return places.computeIfAbsent(city, c -> gazetteer.find(c.name(), c.postalCode(), gazetteer.country(c.country()))
                .place());
    }

    /** Degrees as the crow flies, stretched in longitude as at 48° north: enough to rank who is near. */
    private static double distance(Gazetteer.Place a, Gazetteer.Place b) {
        return Math.hypot(a.latitude() - b.latitude(), (a.longitude() - b.longitude()) * 0.67);
    }

    static final String[] ACCOUNT_HEADER = { "Account-ID", "Account Name", "Rechnungsstraße", "PLZ", "Ort", "Land",
            "Branche", "Jahresumsatz", "Mitarbeiter", "Account-Inhaber" };
    static final String[] KAM_HEADER = { "Name", "E-Mail", "Standort", "Land", "Beschäftigungsgrad",
            "Jahre im Vertrieb", "Branchen", "CRM-Benutzer-ID" };

    /** The report as German Excel saves it: BOM, {@code ;}, "1.234.567,89", a title and a footer. */
    public String accountsCsv() {
        StringBuilder csv = new StringBuilder("\uFEFF");
        csv.append("Accounts nach Inhaber;;;;;;;;;\r\n;;;;;;;;;\r\n");
        csv.append(String.join(";", ACCOUNT_HEADER)).append("\r\n");
        for (Row r : rows) {
            csv.append(String.join(";", r.id(), quoted(r.name()), r.street(), r.city().postalCode(), r.city().name(),
                    r.city().country(), r.industry(), german(r.revenue()), String.valueOf(r.employees()), r.owner()))
                    .append("\r\n");
        }
        csv.append(";;;;;;;;;\r\n");
        csv.append("Vertrauliche Informationen - Nicht weitergeben;;;;;;;;;\r\n");
        csv.append("\"Copyright (c) 2000-2026 salesforce.com, inc. Alle Rechte vorbehalten.\";;;;;;;;;\r\n");
        return csv.toString();
    }

    public String kamsCsv() {
        StringBuilder csv = new StringBuilder("\uFEFF").append(String.join(";", KAM_HEADER)).append("\r\n");
        for (Person p : team) {
            csv.append(String.join(";", p.name(), p.email(), p.home().name(), p.home().country(), p.share(),
                    p.years(), quoted(p.industries()), p.userId())).append("\r\n");
        }
        return csv.toString();
    }

    /** The same report as an .xlsx workbook: revenue as numbers, postal codes as text. */
    byte[] accountsXlsx() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "CrmFixtures", "1.0");
            Worksheet sheet = workbook.newWorksheet("Accounts");
            for (int c = 0; c < ACCOUNT_HEADER.length; c++) {
                sheet.value(0, c, ACCOUNT_HEADER[c]);
            }
            int line = 1;
            for (Row r : rows) {
                sheet.value(line, 0, r.id());
                sheet.value(line, 1, r.name());
                sheet.value(line, 2, r.street());
                sheet.value(line, 3, r.city().postalCode());
                sheet.value(line, 4, r.city().name());
                sheet.value(line, 5, r.city().country());
                sheet.value(line, 6, r.industry());
                sheet.value(line, 7, r.revenue());
                sheet.value(line, 8, r.employees());
                sheet.value(line, 9, r.owner());
                line++;
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** "1250000.5" as German Excel writes it: "1.250.000,50". */
    static String german(BigDecimal amount) {
        return String.format(Locale.GERMANY, "%,.2f", amount);
    }

    static String ascii(String name) {
        return name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("Ä", "Ae").replace("Ö", "Oe")
                .replace("Ü", "Ue").replace("ß", "ss");
    }

    private static String quoted(String text) {
        return text.contains(";") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /**
     * Writes the bundled example: datasets/crm/accounts.csv (700 accounts) and kams.csv (45 KAMs); with
     * {@code folder accounts kams seed}, an export of that size (benchmarks/crm-import.sh: 15,000 rows).
     */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "datasets/crm");
        Files.createDirectories(folder);
        CrmFixtures fixtures = args.length > 3
                ? new CrmFixtures(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]))
                : new CrmFixtures(700, 45, 27);
        Files.writeString(folder.resolve("accounts.csv"), fixtures.accountsCsv(), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("kams.csv"), fixtures.kamsCsv(), StandardCharsets.UTF_8);
    }
}
