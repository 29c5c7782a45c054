package org.kamplanner.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
    private static final int MAX_VALUE_CHARS = 60;

    private JsonReadProblem() {
    }

    static FieldProblem of(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause == null) {
            // Spring checks for an empty body itself and reports it without a cause.
            return new FieldProblem(ROOT, "the request body is empty");
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
                    "duplicate key: a field may be given only once");
        }
        if (parse != null) {
            return new FieldProblem(ROOT, "malformed JSON " + at(parse.getLocation())
                    + (parse instanceof JsonEOFException ? ": the document ends too early" : ""));
        }
        InputCoercionException coercion = find(cause, InputCoercionException.class);
        if (coercion != null) {
            return outOfRange(coercion, cause instanceof JsonMappingException mapping ? mapping.getPath() : List.of());
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return mismatch(mismatch);
        }
        if (cause instanceof JsonMappingException mapping) {
            return new FieldProblem(path(mapping.getPath()), "invalid value");
        }
        return new FieldProblem(ROOT, "the request body could not be read as a plan document");
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
            return new FieldProblem(path, "unknown field '" + truncate(unknown.getPropertyName()) + "'"
                    + suggestion(unknown.getPropertyName(), unknown.getKnownPropertyIds()));
        }
        String original = String.valueOf(ex.getOriginalMessage());
        if (ex.getPath().isEmpty() && original.startsWith("No content to map")) {
            return new FieldProblem(ROOT, "the request body is empty");
        }
        if (original.startsWith("Trailing token")) {
            return new FieldProblem(ROOT, "unexpected content after the end of the document " + at(ex.getLocation()));
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
            got = ", got " + truncate(safeText(parser));
        }
        Class<?> type = ex.getTargetType();
        String range = type == Integer.TYPE || type == Integer.class
                ? " between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE
                : " between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
        return new FieldProblem(path, "expected an integer" + range + got);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "invalid value";
        }
        if (type == Integer.class || type == Integer.TYPE || type == Long.class || type == Long.TYPE
                || type == Short.class || type == Short.TYPE || type == BigInteger.class) {
            return "expected an integer";
        }
        if (type == Double.class || type == Double.TYPE || type == Float.class || type == Float.TYPE
                || type == BigDecimal.class || type == Number.class) {
            return "expected a number";
        }
        if (type == String.class) {
            return "expected a string";
        }
        if (type == Boolean.class || type == Boolean.TYPE) {
            return "expected true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "expected a list";
        }
        return "expected an object";
    }

    private static String got(MismatchedInputException ex) {
        if (ex instanceof InvalidFormatException format && format.getValue() != null) {
            Object value = format.getValue();
            return ", got " + (value instanceof String text ? quoted(truncate(text)) : truncate(value.toString()));
        }
        // The parser stands on the offending token, even after databind closed it.
        JsonParser parser = ex.getProcessor() instanceof JsonParser p ? p : null;
        JsonToken token = parser == null ? null : parser.currentToken();
        if (token == null) {
            return "";
        }
        return switch (token) {
            case START_ARRAY -> ", got a list";
            case START_OBJECT -> ", got an object";
            case VALUE_STRING -> ", got " + quoted(truncate(safeText(parser)));
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL ->
                    ", got " + truncate(safeText(parser));
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
            int distance = editDistance(given.toLowerCase(), String.valueOf(candidate).toLowerCase());
            if (distance < bestDistance) {
                best = String.valueOf(candidate);
                bestDistance = distance;
            }
        }
        return best == null ? "" : ", did you mean '" + best + "'?";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
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
        path.append(name);
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String safeText(JsonParser parser) {
        try {
            return String.valueOf(parser.getText());
        } catch (Exception e) {
            return "?";
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "…";
    }
}
