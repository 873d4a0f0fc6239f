package dev.hostwise.bot.web.view;

import java.util.List;

/**
 * A page that says one thing ({@code message.jte}): no such verdict, the store is down, a verdict that
 * cannot be re-evaluated, with the fields at fault when there are any.
 *
 * @param frame    title and site link
 * @param heading  what happened, as the page's heading
 * @param lead     what it means and what to do
 * @param problems the fields at fault, each with its message; empty for none
 */
public record MessagePageModel(PageFrame frame, String heading, String lead, List<FieldProblem> problems) {

    /**
     * @param field   the field's JSON name
     * @param message what is wrong with it
     */
    public record FieldProblem(String field, String message) {
    }
}
