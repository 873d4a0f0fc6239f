package dev.hostwise.rules;

import dev.hostwise.knowledge.Scenario;
import dev.hostwise.rules.facts.Condition;
import dev.hostwise.rules.facts.Recommendation;
import java.util.Map;

/**
 * A scenario and the verdict the policy must reach for it. Cases live beside the rules in
 * {@code cases/*.yaml} and gate every change to the policy.
 *
 * @param conditions expected holds/does-not-hold per condition; conditions left out are not checked
 */
public record PolicyCase(String file, int line, String name, Scenario scenario,
                         Recommendation recommendation, Map<Condition, Boolean> conditions) {
}
