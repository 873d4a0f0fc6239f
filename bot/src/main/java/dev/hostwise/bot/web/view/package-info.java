/**
 * What the page templates ({@code bot/src/main/jte}) take: one small record per page, and one per part
 * a partial draws. Built from the verdict (its conditions, figures, caveats) and from the form's field
 * metadata by the web surface; the templates only lay them out, and jte escapes every value by where it
 * lands. A new section of a page is a new record here (or a component of an existing one) and a partial.
 */
package dev.hostwise.bot.web.view;
