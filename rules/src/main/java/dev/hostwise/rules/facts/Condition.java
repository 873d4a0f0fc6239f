package dev.hostwise.rules.facts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One condition of the policy, by name. Which conditions a policy has, and in which order they are
 * listed, is the policy's own business: {@code conditions.yaml} beside its rules declares them, and a
 * rule concludes one by inserting a {@link Finding} with its name. Nothing in the code lists them, so
 * a new condition is a rules change only. The name is the condition's key in the verdict JSON.
 *
 * @param name upper case letters, digits and underscores, starting with a letter: {@code VOLUME}, {@code DATA_RESIDENCY}
 */
public record Condition(String name) implements java.io.Serializable {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    /** The bundled policy's conditions, as its rules (and rules written for earlier versions) name them. */
    public static final Condition VOLUME = new Condition("VOLUME");
    public static final Condition QUALITY = new Condition("QUALITY");
    public static final Condition PRIVACY = new Condition("PRIVACY");

    public Condition {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a condition name: use upper case letters, digits and "
                    + "underscores, starting with a letter, e.g. VOLUME or DATA_RESIDENCY");
        }
    }

    /** The condition with this name; rules write {@code Condition.named("LATENCY")} for conditions of their own. */
    @JsonCreator
    public static Condition named(String name) {
        return new Condition(name);
    }

    /** How people read it: {@code VOLUME} is "Volume", {@code DATA_RESIDENCY} is "Data residency". */
    public String label() {
        String words = name.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    @JsonValue
    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
