package dev.hostwise.bot.web;

import dev.hostwise.bot.Env;
import java.util.Optional;

/**
 * How the web front end behaves.
 *
 * @param baseUrl    the public address links start with, no trailing slash ({@code HOSTWISE_BASE_URL})
 * @param adminToken the bearer token that may list verdicts ({@code HOSTWISE_ADMIN_TOKEN}); empty switches listing off
 * @param formAtRoot true when no chat surface is configured: the scenario form is served at {@code /}, and
 *                   pages link back to it
 */
public record WebSettings(String baseUrl, Optional<String> adminToken, boolean formAtRoot) {

    /** @param chatSurfaceConfigured whether {@code serve} runs a chat surface (Slack, ...); without one the form is at {@code /} */
    public static WebSettings from(Env env, int port, boolean chatSurfaceConfigured) {
        return new WebSettings(env.baseUrl(port), env.adminToken(), !chatSurfaceConfigured);
    }

    /** The page of a verdict: {@code https://host/v/{token}}. */
    public String link(String token) {
        return baseUrl + "/v/" + token;
    }
}
