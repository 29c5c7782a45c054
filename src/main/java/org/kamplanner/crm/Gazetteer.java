package org.kamplanner.crm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.springframework.stereotype.Component;

/**
 * Offline geocoding: a place's name, postal code and country to coordinates, from the bundled GeoNames
 * extract that tools/gazetteer writes (src/main/resources/gazetteer, CC BY 4.0, see NOTICE). Read on first
 * use, not at start-up: most runs of the service never import a CRM export.
 * <p>
 * Never a guess: a name that is not in the gazetteer, or that several places of the country share, is an
 * answer with the closest names or the candidates, for the planner to write the place more precisely.
 * Places of one name are told apart by the postal code's zone (its first digit names the states it lies
 * in) and otherwise only when one is at least {@value #CLEARLY_LARGER} times as large as every other
 * (Freiburg im Breisgau, 230,000 inhabitants, beside a Freiburg of 1,900).
 */
@Component
public class Gazetteer {

    static final int CLEARLY_LARGER = 10;
    private static final int SUGGESTIONS = 3;

    /** One place of the gazetteer: its GeoNames id, name, country (ISO 3166), first-level division and size. */
    public record Place(long id, String name, String country, String admin, double latitude, double longitude,
            int population) {
    }

    /** A place found, or why not: the message key and its suggestions (closest names or candidates). */
    public record Match(Place place, String problem, List<String> suggestions) {

        static Match found(Place place) {
            return new Match(place, null, List.of());
        }
    }

    private record Index(Map<String, List<Place>> byKey, Map<String, List<Place>> byCountry,
            Map<String, Map<Character, Set<String>>> zones) {
    }

    private volatile Index index;
    private final Map<String, String> countries = countryNames();

    /** The ISO 3166 code of a country as an export writes it ("Deutschland", "Germany", "DE", "DEU"), or null. */
    public String country(String text) {
        return text == null ? null : countries.get(Spelling.key(text));
    }

    public Match find(String city, String postalCode, String country) {
        Index places = index();
        String name = city.strip();
        // "80331 München": the postal code written into the city's cell.
        String withoutCode = name.replaceFirst("^\\d{4,5}\\s+", "");
        List<Place> candidates = candidates(places, withoutCode, country);
        if (candidates.isEmpty()) {
            // "München (Bayern)", "Wien, Österreich": the name before what a CRM user added to it.
            String shorter = withoutCode.replaceFirst("\\s*[(,/].*$", "");
            if (!shorter.isEmpty() && !shorter.equals(withoutCode)) {
                candidates = candidates(places, shorter, country);
            }
        }
        if (candidates.isEmpty()) {
            return new Match(null, "crm.error.unknownPlace", closest(places, withoutCode, country));
        }
        if (candidates.size() > 1 && postalCode != null && !postalCode.isBlank()) {
            candidates = inZone(places, candidates, postalCode.strip(), country);
        }
        if (candidates.size() == 1) {
            return Match.found(candidates.get(0));
        }
        List<Place> bySize = candidates.stream().sorted(Comparator.comparingInt(Place::population).reversed()).toList();
        if ((long) bySize.get(0).population() >= (long) CLEARLY_LARGER * Math.max(1, bySize.get(1).population())) {
            return Match.found(bySize.get(0));
        }
        return new Match(null, "crm.error.ambiguousPlace", bySize.stream().limit(5)
                .map(p -> p.name() + " (" + p.country() + "-" + p.admin() + ", " + p.population() + ")").toList());
    }

    private static List<Place> candidates(Index places, String name, String country) {
        Set<Place> found = new LinkedHashSet<>();
        for (String key : List.of(Spelling.key(name), Spelling.plain(name))) {
            for (Place place : places.byKey().getOrDefault(key, List.of())) {
                if (country == null || place.country().equals(country)) {
                    found.add(place);
                }
            }
        }
        return new ArrayList<>(found);
    }

    private static List<Place> inZone(Index places, List<Place> candidates, String postalCode, String country) {
        Set<String> admins = places.zones().getOrDefault(country, Map.of()).get(postalCode.charAt(0));
        if (admins == null) {
            return candidates;
        }
        List<Place> inZone = candidates.stream().filter(p -> admins.contains(p.admin())).toList();
        return inZone.isEmpty() ? candidates : inZone;
    }

    /** The names of the country (or of the world) closest to {@code name}, the larger place first among equals. */
    private static List<String> closest(Index places, String name, String country) {
        String key = Spelling.key(name);
        List<Place> pool = country == null ? places.byCountry().values().stream().flatMap(List::stream).toList()
                : places.byCountry().getOrDefault(country, List.of());
        record Near(Place place, int distance) {
        }
        return pool.stream()
                .map(p -> new Near(p, Spelling.distance(key, Spelling.key(p.name()))))
                .sorted(Comparator.comparingInt(Near::distance)
                        .thenComparing(Comparator.comparingInt((Near n) -> n.place().population()).reversed()))
                .map(n -> n.place().name())
                .distinct()
                .limit(SUGGESTIONS)
                .toList();
    }

    private Index index() {
        Index loaded = index;
        if (loaded == null) {
            synchronized (this) {
                if (index == null) {
                    index = load();
                }
                loaded = index;
            }
        }
        return loaded;
    }

    private static Index load() {
        Map<String, List<Place>> byKey = new HashMap<>();
        Map<String, List<Place>> byCountry = new HashMap<>();
        Map<Long, Place> byId = new HashMap<>();
        try (BufferedReader cities = reader("gazetteer/cities.tsv.gz", true)) {
            for (String line = cities.readLine(); line != null; line = cities.readLine()) {
                String[] f = line.split("\t", -1);
                Place place = new Place(Long.parseLong(f[0]), f[1], f[2], f[3], Double.parseDouble(f[4]),
                        Double.parseDouble(f[5]), Integer.parseInt(f[6]));
                byId.put(place.id(), place);
                byCountry.computeIfAbsent(place.country(), c -> new ArrayList<>()).add(place);
                add(byKey, Spelling.key(place.name()), place);
                add(byKey, Spelling.plain(place.name()), place);
            }
            try (BufferedReader aliases = reader("gazetteer/aliases.tsv", false)) {
                for (String line = aliases.readLine(); line != null; line = aliases.readLine()) {
                    String[] f = line.split("\t");
                    if (f.length == 2) {
                        add(byKey, Spelling.key(f[0]), byId.get(Long.parseLong(f[1])));
                        add(byKey, Spelling.plain(f[0]), byId.get(Long.parseLong(f[1])));
                    }
                }
            }
            Map<String, Map<Character, Set<String>>> zones = new HashMap<>();
            try (BufferedReader zoneLines = reader("gazetteer/postal-zones.tsv", false)) {
                for (String line = zoneLines.readLine(); line != null; line = zoneLines.readLine()) {
                    String[] f = line.split("\t");
                    if (!line.startsWith("#") && f.length == 3) {
                        zones.computeIfAbsent(f[0], c -> new HashMap<>()).put(f[1].charAt(0), Set.of(f[2].split(" ")));
                    }
                }
            }
            return new Index(byKey, byCountry, zones);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the bundled gazetteer", e);
        }
    }

    private static void add(Map<String, List<Place>> byKey, String key, Place place) {
        List<Place> places = byKey.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (!places.contains(place)) {
            places.add(place);
        }
    }

    private static BufferedReader reader(String resource, boolean gzipped) throws IOException {
        InputStream in = Gazetteer.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(resource + " is missing from the build");
        }
        return new BufferedReader(new InputStreamReader(gzipped ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8));
    }

    /** Every country's English and German name and its two- and three-letter codes, folded by {@link Spelling#key}. */
    private static Map<String, String> countryNames() {
        Map<String, String> names = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            Locale country = new Locale.Builder().setRegion(code).build();
            names.put(Spelling.key(code), code);
            names.put(Spelling.key(country.getISO3Country()), code);
            names.put(Spelling.key(country.getDisplayCountry(Locale.ENGLISH)), code);
            names.put(Spelling.key(country.getDisplayCountry(Locale.GERMAN)), code);
        }
        for (String[] alias : new String[][] { { "USA", "US" }, { "United States of America", "US" },
                { "UK", "GB" }, { "Great Britain", "GB" }, { "England", "GB" }, { "Holland", "NL" },
                { "Grossbritannien", "GB" }, { "Tschechien", "CZ" }, { "Czech Republic", "CZ" } }) {
            names.put(Spelling.key(alias[0]), alias[1]);
        }
        return Map.copyOf(names);
    }
}
