package org.kamplanner.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.kamplanner.domain.TravelTimes;

/**
 * The static tables a generated dataset is drawn from, one JSON resource per geography (the DACH one is
 * {@value #DACH_RESOURCE}): cities with coordinates, travel overrides, sectors with their caps, and the parts of
 * people's and companies' names. Lists keep the file's order, because the generator draws by position.
 * The file's {@code about} notes are for its reader.
 */
@JsonIgnoreProperties({ "about" })
record ReferenceTables(List<City> cities, List<TravelTimes.Override> travelOverrides, List<SectorProfile> sectors,
        List<String> companyNamePrefixes, List<String> commonFirstNames, List<Country> countries,
        List<String> forbiddenReasons) {

    static final String DACH_RESOURCE = "/datasets/dach-reference.json";

    /**
     * A sales territory around a city. {@code accountWeight} weights where accounts and KAMs are (the
     * territory's industry and finance, not its population: Stuttgart has more key accounts than Berlin);
     * {@code industries} multiplies a sector's weight there, in percent (100 where not given);
     * {@code nameStems} are the local words companies there are named after; {@code country} picks the
     * name tables.
     */
    record City(String id, String name, double latitude, double longitude, int accountWeight,
            Map<String, Integer> industries, List<String> nameStems, String country) {

        City {
            industries = Map.copyOf(industries);
            nameStems = List.copyOf(nameStems);
        }

        /** The sector's weight here in percent of its overall weight. */
        int industryPercent(String sectorId) {
            return industries.getOrDefault(sectorId, 100);
        }
    }

    /**
     * A sector as docs/model.md has it (cap and required expertise) plus what only the generator needs:
     * {@code weight}, the share of the accounts in percent; {@code complexityWeights}, the LOW / MEDIUM /
     * HIGH mix of its accounts (standardised manufacturing mostly low, technology mostly high, which is why
     * a KAM carries 15–25 of the one and 5–10 of the other); the endings of company names and the words
     * after a family name; {@code team}, the sector as a team of KAMs who work it as their main sector
     * sees it ({@link DatasetGenerator.Spec#sectorTeams()}).
     */
    record SectorProfile(String id, String name, int maxAccountsPerKam, boolean expertiseRequired, int weight,
            List<Integer> complexityWeights, List<String> nameSuffixes, List<String> familyFirmWords, SectorTeam team) {

        SectorProfile {
            complexityWeights = List.copyOf(complexityWeights);
            nameSuffixes = List.copyOf(nameSuffixes);
            familyFirmWords = List.copyOf(familyFirmWords);
            if (complexityWeights.size() != 3) {
                throw new IllegalArgumentException(id + ": complexityWeights needs LOW, MEDIUM and HIGH");
            }
        }
    }

    /**
     * A sector's accounts where KAMs specialise in it: {@code tierShares}, the A / B / C shares in percent
     * (a dataset scales the A- and B-shares of every sector by one factor to fit its team) ranked by revenue
     * within the sector, and a steeper LOW / MEDIUM / HIGH mix than {@link SectorProfile#complexityWeights()}.
     * Together they make a manufacturing account a quarter to a third of a specialised-technology account's
     * work, so a KAM carries the number of accounts docs/model.md's defaults document for its sector.
     */
    record SectorTeam(List<Integer> tierShares, List<Integer> complexityWeights) {

        SectorTeam {
            tierShares = List.copyOf(tierShares);
            complexityWeights = List.copyOf(complexityWeights);
            if (tierShares.size() != 3 || complexityWeights.size() != 3) {
                throw new IllegalArgumentException("team: tierShares needs A, B and C, complexityWeights LOW, MEDIUM and HIGH");
            }
        }
    }

    /** Repeated legal forms weight the draw. */
    record Country(String id, boolean usesCommonFirstNames, List<String> firstNames, List<String> lastNames,
            List<String> legalForms) {

        Country {
            firstNames = List.copyOf(firstNames);
            lastNames = List.copyOf(lastNames);
            legalForms = List.copyOf(legalForms);
        }
    }

    ReferenceTables {
        cities = List.copyOf(cities);
        travelOverrides = List.copyOf(travelOverrides);
        sectors = List.copyOf(sectors);
        companyNamePrefixes = List.copyOf(companyNamePrefixes);
        commonFirstNames = List.copyOf(commonFirstNames);
        countries = List.copyOf(countries);
        forbiddenReasons = List.copyOf(forbiddenReasons);
        for (City city : cities) {
            country(countries, city.country());
        }
    }

    /** Reads a table from the class path; a missing or misspelt field fails here, not as a skewed dataset. */
    static ReferenceTables load(String resource) {
        ObjectMapper mapper = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);
        try (InputStream in = ReferenceTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no reference table " + resource + " on the class path");
            }
            return mapper.readValue(in, ReferenceTables.class);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }

    Country country(String id) {
        return country(countries, id);
    }

    /** The shared first names (where the country uses them) followed by the country's own. */
    List<String> firstNames(Country country) {
        List<String> names = new ArrayList<>(country.usesCommonFirstNames() ? commonFirstNames : List.of());
        names.addAll(country.firstNames());
        return names;
    }

    private static Country country(List<Country> countries, String id) {
        return countries.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no country " + id + " in the reference table"));
    }
}
