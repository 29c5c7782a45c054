package org.kamplanner.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.kamplanner.crm.Spelling;
import org.kamplanner.words.Words;
import org.kamplanner.document.Echo;
import org.kamplanner.document.FieldProblem;
import org.springframework.http.converter.HttpMessageNotReadableException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns a body Jackson could not read into one {@link FieldProblem} in the words of the JSON
 * document. Jackson's own messages name Java types, so they are never passed on. The command line
 * reads its files through {@link #of(IOException)}, so it words a bad file as the API words a bad body.
 */
public final class JsonReadProblem {

    static final String ROOT = "$";

    private JsonReadProblem() {
    }

    static FieldProblem of(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause == null) {
            // Spring checks for an empty body itself and reports it without a cause.
            return new FieldProblem(ROOT, words("error.json.empty"));
        }
        return ofCause(cause);
    }

    /** What Jackson's reading of a plan document threw, in the document's words. */
    public static FieldProblem of(IOException jacksonProblem) {
        return ofCause(jacksonProblem);
    }

    private static FieldProblem ofCause(Throwable cause) {
        // Databind wraps the parser's own exceptions to add its path, so look down the chain.
        JsonParseException parse = find(cause, JsonParseException.class);
        if (parse != null && String.valueOf(parse.getOriginalMessage()).startsWith("Duplicate field")) {
            // Strict duplicate detection: the parser stands on the second occurrence of the key.
            JsonParser parser = parse.getProcessor();
            return new FieldProblem(parser == null ? ROOT : path(parser.getParsingContext()),
                    words("error.json.duplicateKey"));
        }
        if (parse != null) {
            return new FieldProblem(ROOT, words("error.json.malformed", at(parse.getLocation()))
                    + (parse instanceof JsonEOFException ? words("error.json.endsEarly") : ""));
        }
        InputCoercionException coercion = find(cause, InputCoercionException.class);
        if (coercion != null) {
            return outOfRange(coercion, cause instanceof JsonMappingException mapping ? mapping.getPath() : List.of());
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return mismatch(mismatch);
        }
        if (cause instanceof JsonMappingException mapping) {
            return new FieldProblem(path(mapping.getPath()), words("error.json.invalid"));
        }
        return new FieldProblem(ROOT, words("error.json.unreadable"));
    }

    private static <T extends Throwable> T find(Throwable throwable, Class<T> type) {
        for (Throwable t = throwable; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static FieldProblem mismatch(MismatchedInputException ex) {
        String path = path(ex.getPath());
        if (ex instanceof UnrecognizedPropertyException unknown) {
            // A typo such as terminationSecnds must not be ignored: the client thinks it set something.
            return new FieldProblem(path, words("error.json.unknownField", truncate(unknown.getPropertyName()))
                    + suggestion(unknown.getPropertyName(), unknown.getKnownPropertyIds()));
        }
        String original = String.valueOf(ex.getOriginalMessage());
        if (ex.getPath().isEmpty() && original.startsWith("No content to map")) {
            return new FieldProblem(ROOT, words("error.json.empty"));
        }
        if (original.startsWith("Trailing token")) {
            return new FieldProblem(ROOT, words("error.json.trailing", at(ex.getLocation())));
        }
        return new FieldProblem(path, expected(ex.getTargetType()) + got(ex));
    }

    /** A number too large for its field; the parser still stands on it, so it knows where and what. */
    private static FieldProblem outOfRange(InputCoercionException ex, List<JsonMappingException.Reference> references) {
        String path = path(references);
        String got = "";
        JsonParser parser = ex.getProcessor();
        if (parser != null) {
            if (references.isEmpty()) {
                path = path(parser.getParsingContext());
            }
            got = words("error.json.got", truncate(safeText(parser)));
        }
        Class<?> type = ex.getTargetType();
        boolean isInt = type == Integer.TYPE || type == Integer.class;
        return new FieldProblem(path, words("error.json.integerRange", isInt ? Integer.MIN_VALUE : Long.MIN_VALUE,
                isInt ? Integer.MAX_VALUE : Long.MAX_VALUE) + got);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return words("error.json.invalid");
        }
        if (type == Integer.class || type == Integer.TYPE || type == Long.class || type == Long.TYPE
                || type == Short.class || type == Short.TYPE || type == BigInteger.class) {
            return words("error.json.expected.integer");
        }
        if (type == Double.class || type == Double.TYPE || type == Float.class || type == Float.TYPE
                || type == BigDecimal.class || type == Number.class) {
            return words("error.json.expected.number");
        }
        if (type == String.class) {
            return words("error.json.expected.string");
        }
        if (type == Boolean.class || type == Boolean.TYPE) {
            return words("error.json.expected.boolean");
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return words("error.json.expected.list");
        }
        return words("error.json.expected.object");
    }

    private static String got(MismatchedInputException ex) {
        if (ex instanceof InvalidFormatException format && format.getValue() != null) {
            Object value = format.getValue();
            return words("error.json.got", value instanceof String text ? quoted(truncate(text)) : truncate(value.toString()));
        }
        // The parser stands on the offending token, even after databind closed it.
        JsonParser parser = ex.getProcessor() instanceof JsonParser p ? p : null;
        JsonToken token = parser == null ? null : parser.currentToken();
        if (token == null) {
            return "";
        }
        return switch (token) {
            case START_ARRAY -> words("error.json.gotList");
            case START_OBJECT -> words("error.json.gotObject");
            case VALUE_STRING -> words("error.json.got", quoted(truncate(safeText(parser))));
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL ->
                    words("error.json.got", truncate(safeText(parser)));
            default -> "";
        };
    }

    /** ", did you mean 'x'?" for a known field at most two edits away, else nothing. */
    private static String suggestion(String given, Collection<Object> known) {
        if (known == null || given == null || given.length() > 100) {
            return "";
        }
        String best = null;
        int bestDistance = 3;
        for (Object candidate : known) {
            int distance = Spelling.distance(given.toLowerCase(), String.valueOf(candidate).toLowerCase());
            if (distance < bestDistance) {
                best = String.valueOf(candidate);
                bestDistance = distance;
            }
        }
        return best == null ? "" : words("error.json.didYouMean", best);
    }

    /** In the request's language (Accept-Language), or the command line's. */
    private static String words(String key, Object... args) {
        return Words.text(key, args);
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                appendField(path, reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? ROOT : path.toString();
    }

    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        List<JsonStreamContext> chain = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.add(0, c);
        }
        for (JsonStreamContext c : chain) {
            if (c.inArray()) {
                path.append('[').append(Math.max(c.getCurrentIndex(), 0)).append(']');
            } else if (c.getCurrentName() != null) {
                appendField(path, c.getCurrentName());
            }
        }
        return path.isEmpty() ? ROOT : path.toString();
    }

    private static void appendField(StringBuilder path, String name) {
        if (!path.isEmpty()) {
            path.append('.');
        }
        path.append(Echo.of(name)); // a field name is the client's text too, up to Jackson's 50,000 characters
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : words("error.json.at", location.getLineNr(), location.getColumnNr());
    }

    private static String safeText(JsonParser parser) {
        try {
            return String.valueOf(parser.getText());
        } catch (Exception e) {
            return "?";
        }
    }

    private static String truncate(String text) {
        return Echo.of(text);
    }
}
