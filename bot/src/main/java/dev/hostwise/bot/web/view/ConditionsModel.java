package dev.hostwise.bot.web.view;

import dev.hostwise.bot.render.ConditionRow;
import java.util.List;

/**
 * The policy's conditions as a verdict decided them ({@code partial/conditions.jte}), counted and listed
 * from the verdict: a condition the rules add shows up with no template edit.
 *
 * @param all  how many must hold, in words: "all three", "the one"
 * @param rows each condition, whether it holds, and why
 */
public record ConditionsModel(String all, List<ConditionRow> rows) {
}
